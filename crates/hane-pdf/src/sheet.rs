//! A small A4 text-document writer over krilla: headings, wrapped paragraphs, label/value
//! rows, bullets, page breaks and "Sayfa i / n" footers. Text is real text in embedded,
//! subset DejaVu Sans (regular and bold), which covers Turkish (ç ğ ı İ ö ş ü).
//!
//! Layout is collected first and drawn at the end, so footers know the page count.

use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};

use hane_domain::error::{HaneError, Result};

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

const PAGE_W: f32 = 595.276;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 56.0;
const RIGHT: f32 = PAGE_W - 56.0;
const TOP: f32 = 60.0;
const BOTTOM: f32 = PAGE_H - 60.0;
const LABEL_W: f32 = 190.0;
/// Line height of 10-point body text (bullets, fields, right-aligned lines).
const BODY_LEAD: f32 = 13.5;

enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        text: String,
    },
    Rule {
        y: f32,
    },
}

/// Advance widths for wrapping.
struct Metrics {
    face: ttf_parser::Face<'static>,
}

impl Metrics {
    fn new(data: &'static [u8]) -> Self {
        Metrics {
            face: ttf_parser::Face::parse(data, 0).expect("bundled font parses"),
        }
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let upem = f32::from(self.face.units_per_em());
        text.chars()
            .map(|c| {
                self.face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    .unwrap_or(self.face.units_per_em() / 2)
            })
            .map(|a| f32::from(a) / upem * size)
            .sum()
    }
}

pub struct Sheet {
    pages: Vec<Vec<Op>>,
    y: f32,
    regular: Metrics,
    bold: Metrics,
    footer: String,
    stamp: Option<String>,
    /// A line drawn above the footer of every page (a contract's signature line).
    page_line: Option<String>,
}

impl Default for Sheet {
    fn default() -> Self {
        Self::new()
    }
}

impl Sheet {
    pub fn new() -> Self {
        Sheet {
            pages: vec![Vec::new()],
            y: TOP,
            regular: Metrics::new(REGULAR),
            bold: Metrics::new(BOLD),
            footer: String::new(),
            stamp: None,
            page_line: None,
        }
    }

    /// Text at the foot of every page, before "i / n".
    pub fn footer(&mut self, text: &str) {
        self.footer = text.to_string();
    }

    /// A line at the foot of every page, above the footer: the caregiver signs each page
    /// of a contract on it (issue #35).
    pub fn page_line(&mut self, text: &str) {
        self.page_line = Some(text.to_string());
    }

    /// Two texts side by side, each wrapped in its half of the page: a contract's Turkish
    /// beside the caregiver's language, line by line so a long pair may run onto the next
    /// page together. An empty right text gives the left the whole width.
    pub fn pair(&mut self, left: &str, right: &str, bold: bool) {
        if right.is_empty() {
            if bold {
                self.bold(left);
            } else {
                self.para(left);
            }
            return;
        }
        let gutter = 18.0;
        let half = (RIGHT - LEFT - gutter) / 2.0;
        let size = if bold { 10.0 } else { 9.5 };
        let l = self.wrap(left, size, bold, half);
        let r = self.wrap(right, size, bold, half);
        let lead = size * 1.35;
        for i in 0..l.len().max(r.len()) {
            self.ensure(lead);
            self.y += lead;
            for (x, lines) in [(LEFT, &l), (LEFT + half + gutter, &r)] {
                if let Some(text) = lines.get(i) {
                    self.push(Op::Text {
                        x,
                        y: self.y,
                        size,
                        bold,
                        text: text.clone(),
                    });
                }
            }
        }
        self.y += if bold { 2.0 } else { 5.0 };
    }

    /// The height [`Sheet::pair`] takes for these texts.
    pub fn pair_height(&self, left: &str, right: &str, bold: bool) -> f32 {
        let size = if bold { 10.0 } else { 9.5 };
        let half = (RIGHT - LEFT - 18.0) / 2.0;
        let width = if right.is_empty() { RIGHT - LEFT } else { half };
        let n = self
            .wrap(left, size, bold, width)
            .len()
            .max(self.wrap(right, size, bold, width).len());
        n as f32 * size * 1.35 + 5.0
    }

    /// A large diagonal watermark on every page (e.g. "TASLAK / DRAFT").
    pub fn stamp(&mut self, text: &str) {
        self.stamp = Some(text.to_string());
    }

    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
    }

    /// Keeps the next `height` points together: starts a new page unless they fit on this
    /// one (a petition's closing with its last lines, issue #34).
    pub fn keep(&mut self, height: f32) {
        self.ensure(height);
    }

    /// The height [`Sheet::bullet`] will take for `text`.
    pub fn bullet_height(&self, text: &str) -> f32 {
        self.wrap(text, 10.0, false, RIGHT - LEFT - 14.0).len() as f32 * BODY_LEAD
    }

    /// The room one [`Sheet::right`] line needs.
    pub const RIGHT_HEIGHT: f32 = 14.0;

    fn push(&mut self, op: Op) {
        self.pages.last_mut().expect("always one page").push(op);
    }

    /// Splits `text` into lines no wider than `width` (words longer than a line are cut).
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let m = if bold { &self.bold } else { &self.regular };
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if m.width(&candidate, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // A single word wider than the line: cut it by characters.
                let mut piece = String::new();
                for c in word.chars() {
                    piece.push(c);
                    if m.width(&piece, size) > width {
                        piece.pop();
                        lines.push(std::mem::take(&mut piece));
                        piece.push(c);
                    }
                }
                line = piece;
            }
            lines.push(line);
        }
        lines
    }

    fn lines(&mut self, x: f32, width: f32, text: &str, size: f32, bold: bool) {
        let lead = size * 1.35;
        for line in self.wrap(text, size, bold, width) {
            self.ensure(lead);
            self.y += lead;
            self.push(Op::Text {
                x,
                y: self.y,
                size,
                bold,
                text: line,
            });
        }
    }

    pub fn title(&mut self, text: &str) {
        self.lines(LEFT, RIGHT - LEFT, text, 16.0, true);
        self.y += 6.0;
    }

    /// A section heading with a rule under it. It never ends a page: it moves to the next
    /// one unless two body lines fit below it (issue #34).
    pub fn heading(&mut self, text: &str) {
        let lines = self.wrap(text, 12.0, true, RIGHT - LEFT).len() as f32;
        self.ensure(10.0 + lines * 12.0 * 1.35 + 5.0 + 2.0 * BODY_LEAD);
        self.y += 10.0;
        self.lines(LEFT, RIGHT - LEFT, text, 12.0, true);
        self.y += 3.0;
        self.push(Op::Rule { y: self.y });
        self.y += 2.0;
    }

    pub fn para(&mut self, text: &str) {
        self.lines(LEFT, RIGHT - LEFT, text, 10.0, false);
        self.y += 4.0;
    }

    pub fn bold(&mut self, text: &str) {
        self.lines(LEFT, RIGHT - LEFT, text, 10.0, true);
    }

    pub fn right(&mut self, text: &str) {
        let w = self.regular.width(text, 10.0);
        self.ensure(Self::RIGHT_HEIGHT);
        self.y += 13.5;
        self.push(Op::Text {
            x: RIGHT - w,
            y: self.y,
            size: 10.0,
            bold: false,
            text: text.to_string(),
        });
    }

    pub fn bullet(&mut self, text: &str) {
        let lines = self.wrap(text, 10.0, false, RIGHT - LEFT - 14.0);
        for (i, line) in lines.into_iter().enumerate() {
            self.ensure(13.5);
            self.y += 13.5;
            if i == 0 {
                self.push(Op::Text {
                    x: LEFT + 2.0,
                    y: self.y,
                    size: 10.0,
                    bold: false,
                    text: "•".into(),
                });
            }
            self.push(Op::Text {
                x: LEFT + 14.0,
                y: self.y,
                size: 10.0,
                bold: false,
                text: line,
            });
        }
    }

    /// A label/value row; the value wraps in its column.
    pub fn field(&mut self, label: &str, value: &str) {
        let labels = self.wrap(label, 9.0, true, LABEL_W - 8.0);
        let values = self.wrap(
            if value.is_empty() { "—" } else { value },
            10.0,
            false,
            RIGHT - LEFT - LABEL_W,
        );
        let rows = labels.len().max(values.len());
        self.ensure(rows as f32 * 13.5 + 4.0);
        let top = self.y;
        for (i, l) in labels.into_iter().enumerate() {
            self.push(Op::Text {
                x: LEFT,
                y: top + 13.5 * (i + 1) as f32,
                size: 9.0,
                bold: true,
                text: l,
            });
        }
        for (i, v) in values.into_iter().enumerate() {
            self.push(Op::Text {
                x: LEFT + LABEL_W,
                y: top + 13.5 * (i + 1) as f32,
                size: 10.0,
                bold: false,
                text: v,
            });
        }
        self.y = top + rows as f32 * 13.5 + 3.0;
    }

    pub fn space(&mut self, h: f32) {
        self.y += h;
    }

    /// Draws everything and returns the PDF bytes.
    pub fn finish(self, title: &str, created: chrono::NaiveDateTime) -> Result<Vec<u8>> {
        use chrono::{Datelike, Timelike};
        let regular =
            Font::new(REGULAR.into(), 0).ok_or_else(|| HaneError::PdfGeneration("font".into()))?;
        let bold =
            Font::new(BOLD.into(), 0).ok_or_else(|| HaneError::PdfGeneration("font".into()))?;
        // PDF/A-2b (ISO 19005-2, level B): krilla checks every requirement while writing
        // (fonts embedded, output intent, XMP metadata) and refuses to write otherwise, so
        // the petition and the summary stay readable as archived documents.
        let configuration = ConfigurationBuilder::new()
            .with_archival_validator(Archival::A2_B)
            .finish()
            .map_err(|e| HaneError::PdfGeneration(format!("{e:?}")))?;
        let mut document = Document::new_with(SerializeSettings {
            configuration,
            ..Default::default()
        });
        let total = self.pages.len();
        for (n, ops) in self.pages.iter().enumerate() {
            let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
                .ok_or_else(|| HaneError::PdfGeneration("page".into()))?;
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            if let Some(stamp) = &self.stamp {
                surface.set_fill(Some(Fill {
                    paint: krilla::color::rgb::Color::new(200, 40, 40).into(),
                    opacity: krilla::num::NormalizedF32::new(0.18).expect("in range"),
                    rule: Default::default(),
                }));
                // Centred on the page, along the diagonal.
                let size = 64.0;
                let w = self.bold.width(stamp, size);
                surface.push_transform(&Transform::from_rotate_at(
                    -50.0,
                    PAGE_W / 2.0,
                    PAGE_H / 2.0,
                ));
                surface.draw_text(
                    Point::from_xy((PAGE_W - w) / 2.0, PAGE_H / 2.0 + size * 0.35),
                    bold.clone(),
                    size,
                    stamp,
                    false,
                    TextDirection::Auto,
                );
                surface.pop();
                surface.set_fill(Some(Fill::default()));
            }
            for op in ops {
                match op {
                    Op::Text {
                        x,
                        y,
                        size,
                        bold: b,
                        text,
                    } => {
                        let font = if *b { bold.clone() } else { regular.clone() };
                        surface.draw_text(
                            Point::from_xy(*x, *y),
                            font,
                            *size,
                            text,
                            false,
                            TextDirection::Auto,
                        );
                    }
                    Op::Rule { y } => {
                        let mut pb = PathBuilder::new();
                        pb.move_to(LEFT, *y);
                        pb.line_to(RIGHT, *y);
                        if let Some(path) = pb.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke {
                                width: 0.6,
                                ..Default::default()
                            }));
                            surface.draw_path(&path);
                            surface.set_stroke(None);
                            surface.set_fill(Some(Fill::default()));
                        }
                    }
                }
            }
            if let Some(line) = &self.page_line {
                surface.draw_text(
                    Point::from_xy(LEFT, PAGE_H - 44.0),
                    regular.clone(),
                    9.0,
                    line,
                    false,
                    TextDirection::Auto,
                );
            }
            let footer = format!("{}   {} / {}", self.footer, n + 1, total);
            surface.draw_text(
                Point::from_xy(LEFT, PAGE_H - 30.0),
                regular.clone(),
                8.0,
                footer.trim(),
                false,
                TextDirection::Auto,
            );
            surface.finish();
            page.finish();
        }
        let date = DateTime::new(created.year() as u16)
            .month(created.month() as u8)
            .day(created.day() as u8)
            .hour(created.hour() as u8)
            .minute(created.minute() as u8)
            .second(created.second() as u8);
        document.set_metadata(
            Metadata::new()
                .title(title.to_string())
                .producer("Hane".into())
                .creator("Hane".into())
                .language("tr".into())
                .creation_date(date),
        );
        document
            .finish()
            .map_err(|e| HaneError::PdfGeneration(format!("{e:?}")))
    }
}
