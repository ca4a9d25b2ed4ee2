//! Scans and photos → one upload-ready PDF.
//!
//! JPEG pages are written as they are (DCTDecode passthrough: no re-encoding, no quality
//! loss, and as fast as copying the bytes); the EXIF orientation is applied by the page's
//! placement matrix, not by touching the pixels. PNG pages are decoded, alpha flattened
//! on white, and stored losslessly (FlateDecode). Each page is A4, portrait or landscape
//! after the image's orientation, with the image at its real size (from its DPI) or
//! shrunk to fit.

use image::ImageDecoder;
use pdf_writer::{Content, Date, Filter, Finish, Name, Pdf, Rect, Ref, TextStr};

use hane_domain::error::{HaneError, Result};

mod recompress;

pub use hane_domain::limits::MAX_FILE_BYTES;
/// Largest image accepted, in pixels (a 100-megapixel scan). Bigger images are refused
/// rather than risking running out of memory on the PNG path.
pub const MAX_PIXELS: u64 = 100_000_000;
/// Most pages in one document.
pub const MAX_PAGES: usize = 100;
/// DPI assumed when an image does not say (typical of phone photos of documents).
pub const DEFAULT_DPI: f32 = 200.0;

const A4: (f32, f32) = (595.276, 841.89);
const MARGIN: f32 = 18.0;

/// One page as given: an image file's bytes, and a quarter-turn rotation the user added.
pub struct PageInput<'a> {
    pub bytes: &'a [u8],
    /// Extra clockwise quarter turns chosen in the page editor (0–3).
    pub quarter_turns: u8,
}

/// What a page will be, after reading its header.
#[derive(Debug, Clone, PartialEq)]
pub struct PageInfo {
    pub kind: &'static str,
    pub width: u32,
    pub height: u32,
    pub orientation: u8,
    pub dpi: f32,
}

enum Encoded {
    Jpeg { components: u8 },
    Flate,
}

struct Prepared<'a> {
    info: PageInfo,
    data: std::borrow::Cow<'a, [u8]>,
    encoded: Encoded,
    /// The image stream's own size: the source's, or smaller after recompression. The
    /// page layout always follows `info`, so a recompressed page looks the same.
    pixels: (u32, u32),
    quarter_turns: u8,
}

/// The JPEG facts we need without decoding: size and components from the SOF segment,
/// DPI from JFIF.
struct JpegHeader {
    width: u32,
    height: u32,
    components: u8,
    dpi: Option<f32>,
}

fn jpeg_header(b: &[u8]) -> Option<JpegHeader> {
    if b.len() < 4 || b[0] != 0xFF || b[1] != 0xD8 {
        return None;
    }
    let mut i = 2;
    let mut dpi = None;
    while i + 4 <= b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
        let seg = b.get(i + 4..i + 2 + len)?;
        match marker {
            0xE0 if seg.starts_with(b"JFIF\0") && seg.len() >= 12 => {
                let units = seg[7];
                let x = u16::from_be_bytes([seg[8], seg[9]]) as f32;
                dpi = match units {
                    1 if x > 0.0 => Some(x),
                    2 if x > 0.0 => Some(x * 2.54),
                    _ => dpi,
                };
            }
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                if seg.len() < 6 {
                    return None;
                }
                return Some(JpegHeader {
                    height: u16::from_be_bytes([seg[1], seg[2]]) as u32,
                    width: u16::from_be_bytes([seg[3], seg[4]]) as u32,
                    components: seg[5],
                    dpi,
                });
            }
            0xD9 | 0xDA => return None,
            _ => {}
        }
        i += 2 + len;
    }
    None
}

fn exif_orientation(bytes: &[u8]) -> u8 {
    let Ok(mut decoder) = image::codecs::jpeg::JpegDecoder::new(std::io::Cursor::new(bytes)) else {
        return 1;
    };
    use image::metadata::Orientation::*;
    match decoder.orientation() {
        Ok(NoTransforms) | Err(_) => 1,
        Ok(FlipHorizontal) => 2,
        Ok(Rotate180) => 3,
        Ok(FlipVertical) => 4,
        Ok(Rotate90FlipH) => 5,
        Ok(Rotate90) => 6,
        Ok(Rotate270FlipH) => 7,
        Ok(Rotate270) => 8,
    }
}

fn check_pixels(w: u32, h: u32) -> Result<()> {
    if w == 0 || h == 0 {
        return Err(HaneError::ImageUnreadable);
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(HaneError::ImageTooLarge {
            megapixels: (u64::from(w) * u64::from(h) / 1_000_000) as u32,
        });
    }
    Ok(())
}

/// Reads one page's header (and decodes PNGs); nothing is written yet.
fn prepare<'a>(input: &PageInput<'a>) -> Result<Prepared<'a>> {
    let bytes = input.bytes;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(HaneError::FileTooLarge {
            max_mb: (MAX_FILE_BYTES / 1024 / 1024) as u32,
        });
    }
    if hane_image::is_jpeg(bytes) {
        let h = jpeg_header(bytes).ok_or(HaneError::ImageUnreadable)?;
        check_pixels(h.width, h.height)?;
        if !matches!(h.components, 1 | 3 | 4) {
            return Err(HaneError::ImageUnreadable);
        }
        // The JPEG goes into the PDF as it is, so it must decode completely first: a cut,
        // damaged or lossless JPEG would be a striped or blank page in the upload.
        hane_image::verify_jpeg(bytes, MAX_PIXELS)?;
        let (data, components) = if h.components == 4 {
            // PDF/A-2b allows device colours only in the output intent's space (sRGB
            // here): a CMYK scan is turned into RGB once, at high quality (pixels as
            // stored: the EXIF orientation still places them).
            let (rgb, _) = hane_image::decode_rgb(bytes, MAX_PIXELS)?;
            let mut out = Vec::new();
            let (w, hh) = (
                u16::try_from(h.width).map_err(|_| HaneError::ImageUnreadable)?,
                u16::try_from(h.height).map_err(|_| HaneError::ImageUnreadable)?,
            );
            let mut encoder = jpeg_encoder::Encoder::new(&mut out, 92);
            if let Some(dpi) = h.dpi {
                encoder.set_density(jpeg_encoder::PixelDensity::dpi(dpi.round() as u16));
            }
            encoder
                .encode(rgb.as_raw(), w, hh, jpeg_encoder::ColorType::Rgb)
                .map_err(|_| HaneError::ImageUnreadable)?;
            (std::borrow::Cow::Owned(out), 3)
        } else {
            (std::borrow::Cow::Borrowed(bytes), h.components)
        };
        return Ok(Prepared {
            info: PageInfo {
                kind: "jpeg",
                width: h.width,
                height: h.height,
                orientation: exif_orientation(bytes),
                dpi: h.dpi.unwrap_or(DEFAULT_DPI),
            },
            data,
            encoded: Encoded::Jpeg { components },
            pixels: (h.width, h.height),
            quarter_turns: input.quarter_turns % 4,
        });
    }
    if hane_image::is_png(bytes) {
        // Decoded row by row straight into the compressor: the memory is the compressed
        // page, whatever the image's size or bit depth.
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
        let mut written = Ok(());
        let meta = hane_image::png_rows(bytes, MAX_PIXELS, |row| {
            if written.is_ok() {
                written = z.write_all(row);
            }
        })?;
        let compressed = written
            .and_then(|()| z.finish())
            .map_err(|_| HaneError::ImageUnreadable)?;
        let (w, h) = (meta.width, meta.height);
        return Ok(Prepared {
            info: PageInfo {
                kind: "png",
                width: w,
                height: h,
                orientation: 1,
                dpi: DEFAULT_DPI,
            },
            data: std::borrow::Cow::Owned(compressed),
            encoded: Encoded::Flate,
            pixels: (w, h),
            quarter_turns: input.quarter_turns % 4,
        });
    }
    if bytes.starts_with(b"%PDF") {
        return Err(HaneError::PdfAmongImages);
    }
    Err(HaneError::UnsupportedImage)
}

/// The EXIF orientation's placement in the unit square: [a b c d e f] such that the
/// stored image, drawn with it, appears upright (see the derivation in the tests).
fn orientation_matrix(o: u8) -> [f32; 6] {
    match o {
        2 => [-1.0, 0.0, 0.0, 1.0, 1.0, 0.0],
        3 => [-1.0, 0.0, 0.0, -1.0, 1.0, 1.0],
        4 => [1.0, 0.0, 0.0, -1.0, 0.0, 1.0],
        5 => [0.0, -1.0, -1.0, 0.0, 1.0, 1.0],
        6 => [0.0, -1.0, 1.0, 0.0, 0.0, 1.0],
        7 => [0.0, 1.0, 1.0, 0.0, 0.0, 0.0],
        8 => [0.0, 1.0, -1.0, 0.0, 1.0, 0.0],
        _ => [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
    }
}

/// A user's clockwise quarter turns as an EXIF-style orientation composed after `o`.
fn compose(o: u8, quarter_turns: u8) -> u8 {
    // Orientation → (rotation in clockwise quarter turns, mirrored first).
    let (mut rot, mirror) = match o {
        2 => (0, true),
        3 => (2, false),
        4 => (2, true),
        // Transpose = mirror, then three clockwise quarter turns; transverse = mirror, one.
        5 => (3, true),
        6 => (1, false),
        7 => (1, true),
        8 => (3, false),
        _ => (0, false),
    };
    rot = (rot + quarter_turns) % 4;
    match (rot, mirror) {
        (0, false) => 1,
        (0, true) => 2,
        (2, false) => 3,
        (2, true) => 4,
        (3, true) => 5,
        (1, false) => 6,
        (1, true) => 7,
        _ => 8,
    }
}

/// Metadata every Hane PDF carries. `created` is fixed by the caller so the same input
/// gives the same bytes.
pub struct PdfMeta<'a> {
    pub title: &'a str,
    pub created: chrono::NaiveDateTime,
}

pub(crate) fn pdf_date(t: chrono::NaiveDateTime) -> Date {
    use chrono::{Datelike, Timelike};
    Date::new(t.year() as u16)
        .month(t.month() as u8)
        .day(t.day() as u8)
        .hour(t.hour() as u8)
        .minute(t.minute() as u8)
        .second(t.second() as u8)
}

/// Where a page's image goes: the A4 page (portrait or landscape after orientation), the
/// image's drawn size and position in points, and the composed orientation.
struct Placement {
    page: (f32, f32),
    drawn: (f32, f32),
    at: (f32, f32),
    orientation: u8,
}

impl Placement {
    fn of(info: &PageInfo, quarter_turns: u8) -> Self {
        let o = compose(info.orientation, quarter_turns);
        let (w, h) = (info.width as f32, info.height as f32);
        // Displayed size in pixels after orientation.
        let (dw_px, dh_px) = if o >= 5 { (h, w) } else { (w, h) };
        let (page_w, page_h) = if dw_px > dh_px { (A4.1, A4.0) } else { A4 };
        let real = 72.0 / info.dpi.clamp(50.0, 1200.0);
        let fit = ((page_w - 2.0 * MARGIN) / (dw_px * real))
            .min((page_h - 2.0 * MARGIN) / (dh_px * real))
            .min(1.0);
        let (dw, dh) = (dw_px * real * fit, dh_px * real * fit);
        Placement {
            page: (page_w, page_h),
            drawn: (dw, dh),
            at: ((page_w - dw) / 2.0, (page_h - dh) / 2.0),
            orientation: o,
        }
    }

    /// Pixels per inch of the source image as drawn on the page.
    fn dpi(&self, info: &PageInfo) -> f32 {
        let dw_px = if self.orientation >= 5 {
            info.height
        } else {
            info.width
        };
        dw_px as f32 / (self.drawn.0 / 72.0)
    }
}

/// Builds one PDF from the pages, in order, each image as given (see the module docs).
pub fn images_to_pdf(pages: &[PageInput<'_>], meta: &PdfMeta<'_>) -> Result<Vec<u8>> {
    let prepared = prepare_all(pages)?;
    Ok(write_pdf(&prepared, meta))
}

/// What [`images_to_pdf_within`] did to fit the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recompression {
    /// Pages re-encoded (the others were small enough as they were).
    pub pages: u32,
    /// The lowest resolution a re-encoded page was given, in dots per inch on paper.
    pub dpi: Option<u32>,
    /// The lowest JPEG quality a re-encoded page was given.
    pub quality: Option<u8>,
}

/// Like [`images_to_pdf`], but pages too big for an equal share of `max_bytes` are
/// downscaled (to 300 dpi on paper, or 200 when 300 would need a poor JPEG quality) and
/// re-encoded as JPEG at the highest quality that fits. The layout is unchanged. The
/// result can still be over the limit when even 200 dpi at the lowest quality is not
/// enough; the caller shows the size either way.
pub fn images_to_pdf_within(
    pages: &[PageInput<'_>],
    meta: &PdfMeta<'_>,
    max_bytes: u64,
) -> Result<(Vec<u8>, Recompression)> {
    let mut prepared = prepare_all(pages)?;
    let report = recompress::fit(&mut prepared, max_bytes)?;
    Ok((write_pdf(&prepared, meta), report))
}

fn prepare_all<'a>(pages: &[PageInput<'a>]) -> Result<Vec<Prepared<'a>>> {
    if pages.is_empty() {
        return Err(HaneError::NoPages);
    }
    if pages.len() > MAX_PAGES {
        return Err(HaneError::TooManyPages {
            max: MAX_PAGES as u32,
        });
    }
    // Each JPEG page is decoded completely to check it (a 12 MP page: ~15 ms), so pages are
    // prepared on every core; in the given order, the first error wins as before.
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(pages.len());
    if workers <= 1 {
        return pages.iter().map(prepare).collect();
    }
    let mut results: Vec<Option<Result<Prepared<'a>>>> = (0..pages.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|k| {
                scope.spawn(move || {
                    (k..pages.len())
                        .step_by(workers)
                        .map(|i| (i, prepare(&pages[i])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            // A worker that panicked leaves its pages as None: reported below.
            for (i, r) in handle.join().unwrap_or_default() {
                results[i] = Some(r);
            }
        }
    });
    results
        .into_iter()
        .map(|r| r.unwrap_or(Err(HaneError::Internal)))
        .collect()
}

fn write_pdf(prepared: &[Prepared<'_>], meta: &PdfMeta<'_>) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let info = Ref::new(3);
    let first = 4;
    let page_ids: Vec<Ref> = (0..prepared.len())
        .map(|i| Ref::new(first + 3 * i as i32))
        .collect();
    // PDF/A-2b: the sRGB output intent and the XMP metadata (written by `archival`).
    let (profile, metadata) = archival_refs(first + 3 * prepared.len() as i32);
    {
        let mut cat = pdf.catalog(catalog);
        cat.pages(tree).metadata(metadata);
        cat.output_intents()
            .push()
            .subtype(pdf_writer::types::OutputIntentSubtype::PDFA)
            .output_condition_identifier(TextStr("sRGB IEC61966-2.1"))
            .info(TextStr("sRGB IEC61966-2.1"))
            .dest_output_profile(profile);
    }
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(prepared.len() as i32);

    for (i, p) in prepared.iter().enumerate() {
        let (page_id, image_id, content_id) = (
            page_ids[i],
            Ref::new(first + 3 * i as i32 + 1),
            Ref::new(first + 3 * i as i32 + 2),
        );
        let place = Placement::of(&p.info, p.quarter_turns);
        let ((page_w, page_h), (dw, dh), (x, y)) = (place.page, place.drawn, place.at);
        let [a, b, c, d, e, f] = orientation_matrix(place.orientation);

        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, page_w, page_h))
            .parent(tree)
            .contents(content_id);
        page.resources().x_objects().pair(Name(b"Im"), image_id);
        page.finish();

        let mut image = pdf.image_xobject(image_id, &p.data);
        image
            .width(p.pixels.0 as i32)
            .height(p.pixels.1 as i32)
            .bits_per_component(8);
        match &p.encoded {
            Encoded::Jpeg { components, .. } => {
                image.filter(Filter::DctDecode);
                match components {
                    1 => {
                        image.color_space().device_gray();
                    }
                    _ => {
                        image.color_space().device_rgb();
                    }
                }
            }
            Encoded::Flate => {
                image.filter(Filter::FlateDecode);
                image.color_space().device_rgb();
            }
        }
        image.finish();

        let mut content = Content::new();
        content.save_state();
        content.transform([a * dw, b * dh, c * dw, d * dh, e * dw + x, f * dh + y]);
        content.x_object(Name(b"Im"));
        content.restore_state();
        pdf.stream(content_id, &content.finish());
    }

    let date = pdf_date(meta.created);
    pdf.document_info(info)
        .title(TextStr(meta.title))
        .producer(TextStr("Hane"))
        .creator(TextStr("Hane"))
        .creation_date(date)
        .modified_date(date);
    archival(&mut pdf, first + 3 * prepared.len() as i32, meta);
    pdf.set_file_id(file_id(prepared, meta));
    pdf.finish()
}

/// The output intent's ICC profile and the XMP metadata stream: the two objects after
/// the pages.
fn archival_refs(next: i32) -> (Ref, Ref) {
    (Ref::new(next), Ref::new(next + 1))
}

/// sRGB (IEC 61966-2.1) as an ICC profile, for the PDF/A output intent.
fn srgb_icc() -> &'static [u8] {
    static ICC: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    ICC.get_or_init(|| {
        moxcms::ColorProfile::new_srgb()
            .encode()
            .unwrap_or_default()
    })
}

/// What makes a scan PDF a PDF/A-2b (ISO 19005-2, level B; issue #22): an sRGB output
/// intent (every image is DeviceRGB or DeviceGray — CMYK scans are turned into RGB when
/// read), XMP metadata with the PDF/A claim and the same title, tool and dates as the
/// document information (the file identifier, also required, is [`file_id`]'s). Scans
/// carry no fonts, transparency or actions. The catalog refers to the objects
/// [`archival_refs`] names.
fn archival(pdf: &mut Pdf, next: i32, meta: &PdfMeta<'_>) {
    use chrono::{Datelike, Timelike};
    let (profile, metadata) = archival_refs(next);
    let t = meta.created;
    let when = xmp_writer::DateTime {
        year: t.year() as u16,
        month: Some(t.month() as u8),
        day: Some(t.day() as u8),
        hour: Some(t.hour() as u8),
        minute: Some(t.minute() as u8),
        second: Some(t.second() as u8),
        timezone: None,
    };
    let mut xmp = xmp_writer::XmpWriter::new();
    xmp.title([(None, meta.title)])
        .format("application/pdf")
        .producer("Hane")
        .creator_tool("Hane")
        .create_date(when)
        .modify_date(when)
        .pdfa_part(2)
        .pdfa_conformance("B");
    let xmp = xmp.finish(None);
    pdf.metadata(metadata, xmp.as_bytes());
    pdf.icc_profile(profile, srgb_icc())
        .n(3)
        .range([0.0, 1.0, 0.0, 1.0, 0.0, 1.0]);
}

/// The file identifier PDF/A asks for, from what the document is made of (same input, same
/// bytes): title, date and each page's size and turn, its data's length and first and last
/// 4 KB — not a hash of every byte, which would cost tens of milliseconds on a 20-page
/// scan for a label.
fn file_id(prepared: &[Prepared<'_>], meta: &PdfMeta<'_>) -> (Vec<u8>, Vec<u8>) {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(meta.title.as_bytes());
    h.update(meta.created.to_string().as_bytes());
    for p in prepared {
        let data: &[u8] = &p.data;
        h.update(p.pixels.0.to_le_bytes());
        h.update(p.pixels.1.to_le_bytes());
        h.update([p.quarter_turns, p.info.orientation]);
        h.update((data.len() as u64).to_le_bytes());
        h.update(&data[..data.len().min(4096)]);
        h.update(&data[data.len().saturating_sub(4096)..]);
    }
    let id = h.finalize()[..16].to_vec();
    (id.clone(), id)
}

/// A small upright JPEG of an image page (EXIF orientation applied), for the page
/// editor's list when the page came by a drop and the window has no bytes to show.
pub fn thumbnail_jpeg(bytes: &[u8], max_side: u32) -> Result<Vec<u8>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(HaneError::FileTooLarge {
            max_mb: (MAX_FILE_BYTES / 1024 / 1024) as u32,
        });
    }
    // Any page Hane takes gets a thumbnail: the page limit, not the photo's.
    let (pixels, meta) = hane_image::decode_rgb(bytes, MAX_PIXELS)?;
    let mut upright = image::DynamicImage::ImageRgb8(pixels);
    upright.apply_orientation(meta.orientation);
    let upright = upright.into_rgb8();
    let (w, h) = upright.dimensions();
    let scale = (max_side as f32 / w.max(h) as f32).min(1.0);
    // Area averaging (hane-image's, ~10 ms on 12 MP; `imageops::thumbnail` took ~60).
    let small = hane_image::shrink(
        &upright,
        ((w as f32 * scale) as u32).max(1),
        ((h as f32 * scale) as u32).max(1),
    );
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&small)
        .map_err(|_| HaneError::ImageUnreadable)?;
    Ok(out)
}

/// Page facts for the editor (kind, size, orientation), without building anything.
pub fn inspect_image(bytes: &[u8]) -> Result<PageInfo> {
    prepare(&PageInput {
        bytes,
        quarter_turns: 0,
    })
    .map(|p| p.info)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orientation_composition_is_a_group_action() {
        for o in 1..=8 {
            assert_eq!(compose(o, 0), o);
            assert_eq!(compose(compose(o, 1), 3), o);
            assert_eq!(compose(compose(o, 2), 2), o);
        }
        assert_eq!(compose(1, 1), 6);
        assert_eq!(compose(6, 1), 3);
        assert_eq!(compose(1, 3), 8);
        assert_eq!(compose(2, 2), 4);
    }
}
