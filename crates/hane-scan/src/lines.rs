//! Where the two MRZ lines are, without a model (the classical way, as PassportEye does it
//! with morphology; here with connected components): dark marks darker than their
//! surroundings, kept when character-sized, chained left to right when they sit side by
//! side at the same height; a chain as long as 44 characters is an MRZ line, and the MRZ is
//! two such lines of the same length one above the other. Turned pages work up to about
//! 20° (a chain follows its own slope); quarter turns are tried by the caller.

use image::GrayImage;

/// One line as found: its first and last character's centres, and the height of its
/// characters (capitals), in the image's pixels.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Line {
    pub start: [f32; 2],
    pub end: [f32; 2],
    pub height: f32,
    /// Marks chained (a run of `<` can merge into one).
    pub marks: usize,
}

impl Line {
    pub fn length(&self) -> f32 {
        let (dx, dy) = (self.end[0] - self.start[0], self.end[1] - self.start[1]);
        (dx * dx + dy * dy).sqrt()
    }

    pub fn centre(&self) -> [f32; 2] {
        [
            (self.start[0] + self.end[0]) / 2.0,
            (self.start[1] + self.end[1]) / 2.0,
        ]
    }

    pub fn scaled(&self, s: f32) -> Line {
        Line {
            start: [self.start[0] * s, self.start[1] * s],
            end: [self.end[0] * s, self.end[1] * s],
            height: self.height * s,
            marks: self.marks,
        }
    }
}

/// A connected dark mark's bounding box and size.
#[derive(Debug, Clone, Copy)]
struct Mark {
    x0: u32,
    y0: u32,
    x1: u32,
    y1: u32,
    pixels: u32,
}

impl Mark {
    fn height(&self) -> f32 {
        (self.y1 - self.y0 + 1) as f32
    }
    fn width(&self) -> f32 {
        (self.x1 - self.x0 + 1) as f32
    }
    fn cy(&self) -> f32 {
        (self.y0 + self.y1) as f32 / 2.0 + 0.5
    }
    fn cx(&self) -> f32 {
        (self.x0 + self.x1) as f32 / 2.0 + 0.5
    }
}

/// Pixels darker than the mean of their (2r+1)² neighbourhood by more than `margin`.
pub(crate) fn dark_marks(gray: &GrayImage, r: u32, margin: u32) -> Vec<bool> {
    darkness(gray, r)
        .into_iter()
        .map(|d| u32::from(d) > margin)
        .collect()
}

/// How much darker each pixel is than the mean of its (2r+1)² neighbourhood (0 when
/// lighter).
pub(crate) fn darkness(gray: &GrayImage, r: u32) -> Vec<u8> {
    let (w, h) = gray.dimensions();
    let (wu, hu) = (w as usize, h as usize);
    // Integral image, one row and column of zeros in front.
    let mut sum = vec![0u64; (wu + 1) * (hu + 1)];
    for y in 0..hu {
        let mut row = 0u64;
        for x in 0..wu {
            row += u64::from(gray.as_raw()[y * wu + x]);
            sum[(y + 1) * (wu + 1) + x + 1] = sum[y * (wu + 1) + x + 1] + row;
        }
    }
    let mut out = vec![0u8; wu * hu];
    for y in 0..hu {
        let (ya, yb) = (y.saturating_sub(r as usize), (y + r as usize + 1).min(hu));
        for x in 0..wu {
            let (xa, xb) = (x.saturating_sub(r as usize), (x + r as usize + 1).min(wu));
            let s = sum[yb * (wu + 1) + xb] + sum[ya * (wu + 1) + xa]
                - sum[ya * (wu + 1) + xb]
                - sum[yb * (wu + 1) + xa];
            let n = ((yb - ya) * (xb - xa)) as u64;
            let v = u64::from(gray.as_raw()[y * wu + x]);
            out[y * wu + x] = (s.saturating_sub(v * n) / n).min(255) as u8;
        }
    }
    out
}

/// 8-connected components of `on` (w × h), as boxes.
fn components(on: &[bool], w: usize, h: usize) -> Vec<Mark> {
    let mut parent: Vec<u32> = Vec::new();
    let mut label = vec![u32::MAX; w * h];
    fn find(parent: &mut [u32], mut a: u32) -> u32 {
        while parent[a as usize] != a {
            parent[a as usize] = parent[parent[a as usize] as usize];
            a = parent[a as usize];
        }
        a
    }
    for y in 0..h {
        for x in 0..w {
            if !on[y * w + x] {
                continue;
            }
            let mut mine = u32::MAX;
            let neighbours = [
                (x.wrapping_sub(1), y),
                (x.wrapping_sub(1), y.wrapping_sub(1)),
                (x, y.wrapping_sub(1)),
                (x + 1, y.wrapping_sub(1)),
            ];
            for (nx, ny) in neighbours {
                if nx >= w || ny >= h {
                    continue;
                }
                let l = label[ny * w + nx];
                if l == u32::MAX {
                    continue;
                }
                if mine == u32::MAX {
                    mine = find(&mut parent, l);
                } else {
                    let (a, b) = (find(&mut parent, mine), find(&mut parent, l));
                    if a != b {
                        parent[a.max(b) as usize] = a.min(b);
                        mine = a.min(b);
                    }
                }
            }
            if mine == u32::MAX {
                mine = parent.len() as u32;
                parent.push(mine);
            }
            label[y * w + x] = mine;
        }
    }
    let mut index = vec![u32::MAX; parent.len()];
    let mut marks: Vec<Mark> = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let l = label[y * w + x];
            if l == u32::MAX {
                continue;
            }
            let root = find(&mut parent, l) as usize;
            let (x, y) = (x as u32, y as u32);
            if index[root] == u32::MAX {
                index[root] = marks.len() as u32;
                marks.push(Mark {
                    x0: x,
                    y0: y,
                    x1: x,
                    y1: y,
                    pixels: 0,
                });
            }
            let m = &mut marks[index[root] as usize];
            m.x0 = m.x0.min(x);
            m.x1 = m.x1.max(x);
            m.y0 = m.y0.min(y);
            m.y1 = m.y1.max(y);
            m.pixels += 1;
        }
    }
    marks
}

/// Chains of marks, left to right, each next mark beside the last at the same height.
fn chains(marks: &[Mark]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by(|&a, &b| marks[a].x0.cmp(&marks[b].x0));
    let mut next = vec![usize::MAX; marks.len()];
    let mut taken = vec![false; marks.len()];
    for (k, &i) in order.iter().enumerate() {
        let a = &marks[i];
        let mut best = (f32::MAX, usize::MAX);
        for &j in &order[k + 1..] {
            let b = &marks[j];
            let h = a.height().max(b.height());
            if b.x0 as f32 > a.x1 as f32 + 1.5 * h {
                break; // sorted by left edge: every later mark is further away
            }
            let gap = b.x0 as f32 - a.x1 as f32;
            let dy = (b.cy() - a.cy()).abs();
            // Side by side at the same height, neither much taller (a capital beside a
            // `<` is 0.6 of its height).
            if gap >= -0.3 * h
                && dy <= 0.45 * h
                && a.height().min(b.height()) >= 0.4 * h
                && b.cx() > a.cx()
                && !taken[j]
            {
                let cost = gap.abs() + 2.0 * dy;
                if cost < best.0 {
                    best = (cost, j);
                }
            }
        }
        if best.1 != usize::MAX {
            next[i] = best.1;
            taken[best.1] = true;
        }
    }
    let mut out = Vec::new();
    for &i in &order {
        if taken[i] {
            continue; // not a chain's first mark
        }
        let mut chain = vec![i];
        let mut at = i;
        while next[at] != usize::MAX {
            at = next[at];
            chain.push(at);
        }
        out.push(chain);
    }
    out
}

/// The two MRZ lines found, and which way up they seem to be.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    /// Upper first, each left to right in the image searched.
    pub lines: [Line; 2],
    /// How much more ink the lines' left halves hold than their right halves, as a share
    /// of all their ink (-1 to 1). A filler `<` holds about half a letter's ink; upright,
    /// line 1's fillers follow the names and line 2's fill the optional data (positions
    /// 28–41), both on the right, so upright lines lean positive (on 300 synthetic pages
    /// 0.002–0.17, all but four above 0.03) and the same lines upside down as much negative.
    /// Only a hint for which way to read first: the other way is read too when the first
    /// does not read whole.
    pub filler_lean: f32,
}

/// The ink (dark pixels) of `line`'s marks left of its middle minus right of it, and the
/// total.
fn ink_by_half(line: &Line, chain: &[usize], marks: &[Mark]) -> (f32, f32) {
    let len = line.length().max(1.0);
    let u = [
        (line.end[0] - line.start[0]) / len,
        (line.end[1] - line.start[1]) / len,
    ];
    let mid = line.centre();
    let (mut left, mut right) = (0.0, 0.0);
    for m in chain.iter().map(|&i| &marks[i]) {
        let along = (m.cx() - mid[0]) * u[0] + (m.cy() - mid[1]) * u[1];
        if along < 0.0 {
            left += m.pixels as f32;
        } else {
            right += m.pixels as f32;
        }
    }
    (left - right, left + right)
}

/// The two MRZ lines in `gray`, upper first, or `None`.
pub fn find(gray: &GrayImage) -> Option<Found> {
    let (w, h) = gray.dimensions();
    if w < 64 || h < 16 {
        return None;
    }
    // Characters at least ~8 px tall at this scale; the neighbourhood a few characters wide.
    let r = (w.max(h) / 80).clamp(8, 40);
    let on = dark_marks(gray, r, 12);
    let marks: Vec<Mark> = components(&on, w as usize, h as usize)
        .into_iter()
        .filter(|m| {
            let (mw, mh) = (m.width(), m.height());
            mh >= 5.0
                && mh <= h as f32 / 6.0
                // A character, or a run of `<` merged into one low, long mark.
                && (mw <= 1.6 * mh || (mh <= 0.2 * w as f32 && m.pixels as f32 >= 0.1 * mw * mh))
                && m.pixels as f32 >= 0.08 * mw * mh
        })
        .collect();
    // Each line with its ink by half (left minus right, total).
    let mut lines: Vec<(Line, (f32, f32))> = chains(&marks)
        .into_iter()
        .filter_map(|chain| {
            let first = &marks[chain[0]];
            let last = &marks[*chain.last()?];
            let mut heights: Vec<f32> = chain.iter().map(|&i| marks[i].height()).collect();
            heights.sort_by(f32::total_cmp);
            let height = heights[heights.len() * 3 / 4];
            let line = Line {
                // The ends' centres, measured from the edges (a merged `<` run is long).
                start: [first.x0 as f32 + 0.35 * height, first.cy()],
                end: [last.x1 as f32 + 1.0 - 0.35 * height, last.cy()],
                height,
                marks: chain.len(),
            };
            // 44 characters, each about 0.7–1.2 of a capital's height apart.
            let per_char = line.length() / 43.0;
            (chain.len() >= 12 && per_char >= 0.5 * height && per_char <= 1.6 * height)
                .then(|| (line, ink_by_half(&line, &chain, &marks)))
        })
        .collect();
    lines.sort_by_key(|(l, _)| std::cmp::Reverse(l.marks));
    let mut best: Option<(Found, usize)> = None;
    for (i, (a, ink_a)) in lines.iter().enumerate() {
        for (b, ink_b) in &lines[i + 1..] {
            let (upper, lower) = if a.centre()[1] <= b.centre()[1] {
                (a, b)
            } else {
                (b, a)
            };
            let h = upper.height.max(lower.height);
            let (dx, dy) = (
                lower.centre()[0] - upper.centre()[0],
                lower.centre()[1] - upper.centre()[1],
            );
            let similar = (upper.length() / lower.length()).clamp(0.0, 10.0);
            if (0.85..=1.18).contains(&similar)
                && (1.2 * h..=3.0 * h).contains(&dy.hypot(dx))
                && dx.abs() <= 2.0 * h
                && best
                    .as_ref()
                    .is_none_or(|(_, n)| upper.marks + lower.marks > *n)
            {
                let ink = ink_a.1 + ink_b.1;
                let filler_lean = if ink > 0.0 {
                    (ink_a.0 + ink_b.0) / ink
                } else {
                    0.0
                };
                let found = Found {
                    lines: [*upper, *lower],
                    filler_lean,
                };
                best = Some((found, upper.marks + lower.marks));
            }
        }
    }
    best.map(|(f, _)| f)
}
