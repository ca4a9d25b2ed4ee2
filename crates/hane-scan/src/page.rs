//! A photographed (or scanned) document page: where the paper is, which way is up, how
//! tilted it is — and the page cut out, flattened to a rectangle, turned upright and, on
//! request, given a "scanner look" (issue #22). Classical image processing; the MRZ
//! recogniser only settles which way up when the print alone leaves it open.
//!
//! - **The paper's outline** on a ~480-px copy: dark print closed away (a grey-level
//!   closing, per channel), the colour gradient thresholded; the paper is the largest
//!   smooth region that does not touch the image's border and fills the quadrilateral
//!   around it; its convex hull is cut down to four corners, and each side is refitted
//!   as a straight line through the region's boundary near it.
//! - **Which way is up**: the page flattened at ~1000 px, its ink found (pixels darker
//!   than their neighbourhood); gaps between text lines line up across a strip while gaps
//!   between letters do not (sideways or not), and Latin text has more ink above its
//!   x-height band (capitals, digits, b d f h k l t) than below it (g j p q y): upside down
//!   or not. A small margin there is settled by reading one line both ways.
//! - **Deskew**: the page's top edge once turned upright; a page with no visible outline
//!   (a flatbed scan, paper filling the photo) is levelled by its text lines instead —
//!   the angle at which the ink's projection across the lines is sharpest.

use image::{GrayImage, Luma, Rgb, RgbImage};

use crate::ocr;

/// Long side of the working copy the outline is found on.
const FIND_LONG_SIDE: u32 = 480;
/// Width of the flattened copy the orientation is read on.
const READ_WIDTH: u32 = 1000;
/// A4, millimetres.
const A4: (f32, f32) = (210.0, 297.0);

/// What was found on the image, in the pixels of the image as stored (EXIF orientation not
/// applied).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Found {
    /// The page's corners: top-left, top-right, bottom-right, bottom-left of the upright
    /// page. The image's own corners (in that order) when no outline was found.
    pub corners: [[f32; 2]; 4],
    /// The clockwise quarter turn, in degrees (0, 90, 180, 270), that makes the page
    /// upright.
    pub turn: u32,
    /// The clockwise rotation, in degrees, that levels the page once turned: the tilt of
    /// its top edge, or of its text lines when no outline was found.
    pub deskew: f32,
    /// Whether the paper's outline was seen (else the page is the whole image).
    pub outline: bool,
}

/// How the straightened page should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// As photographed.
    Photo,
    /// Even white paper, crisp ink, colours kept (stamps and signatures stay blue or red).
    CleanColour,
    /// Even white paper, crisp ink, in grey.
    CleanGray,
}

/// A straightened page and the resolution it is meant to print at.
pub struct Straightened {
    pub image: RgbImage,
    /// Pixels per inch such that the page is its real size (A4 when its proportions are
    /// A4's).
    pub dpi: f32,
}

impl Straightened {
    /// The page as a baseline JPEG (quality 88) with its resolution in the JFIF header.
    pub fn jpeg(&self) -> Option<Vec<u8>> {
        let (w, h) = self.image.dimensions();
        let mut out = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut out, 88);
        encoder.set_density(jpeg_encoder::PixelDensity::dpi(self.dpi.round() as u16));
        encoder
            .encode(
                self.image.as_raw(),
                u16::try_from(w).ok()?,
                u16::try_from(h).ok()?,
                jpeg_encoder::ColorType::Rgb,
            )
            .ok()?;
        Some(out)
    }
}

fn gray_of(image: &RgbImage) -> GrayImage {
    GrayImage::from_fn(image.width(), image.height(), |x, y| {
        let p = image.get_pixel(x, y).0;
        Luma([((p[0] as u32 * 77 + p[1] as u32 * 150 + p[2] as u32 * 29) >> 8) as u8])
    })
}

/// Finds the page on `image`.
pub fn find_page(image: &RgbImage) -> Found {
    let (w, h) = image.dimensions();
    if w < 16 || h < 16 {
        return whole(w, h);
    }
    let scale = (FIND_LONG_SIDE as f32 / w.max(h) as f32).min(1.0);
    let small = hane_image::shrink(
        image,
        ((w as f32 * scale).round() as u32).max(1),
        ((h as f32 * scale).round() as u32).max(1),
    );
    let outline = outline(&small).map(|q| q.map(|p| [p[0] / scale, p[1] / scale]));
    let Some(quad) = outline else {
        // No outline: the page is the image, levelled by its text, read at the same
        // size as a flattened page.
        let read = (READ_WIDTH as f32 * 1.414 / w.max(h) as f32).min(1.0);
        let gray = gray_of(&hane_image::shrink(
            image,
            ((w as f32 * read).round() as u32).max(1),
            ((h as f32 * read).round() as u32).max(1),
        ));
        let ink = ink(&gray);
        let (sw, sh) = gray.dimensions();
        let turn = orientation(&gray, &ink);
        let tilt = text_tilt(&ink, sw, sh, turn);
        let mut found = whole(w, h);
        found.corners = rotate_labels(found.corners, turn);
        found.turn = turn;
        found.deskew = tilt;
        return found;
    };
    let quad = label_clockwise(quad);
    // Flatten at reading size and look for the text's direction.
    let (qw, qh) = quad_size(&quad);
    let rw = READ_WIDTH.min(qw.max(16.0) as u32);
    let rh = ((rw as f32 * qh / qw.max(1.0)) as u32).clamp(16, 4 * READ_WIDTH);
    let flat = warp_gray(image, &quad, rw, rh);
    let ink = ink(&flat);
    let turn = orientation(&flat, &ink);
    let corners = rotate_labels(quad, turn);
    let top = [corners[1][0] - corners[0][0], corners[1][1] - corners[0][1]];
    let angle = top[1].atan2(top[0]).to_degrees() + turn as f32;
    Found {
        corners,
        turn,
        deskew: -normalise(angle),
        outline: true,
    }
}

/// The same page made upright by `turn` instead of the turn found: where the page holds a
/// passport's MRZ read with every check digit right, the MRZ settles which way up it is
/// (issue #36: text-based orientation turned real passport pages upside down while their
/// MRZ read exactly). The corners are relabelled; the deskew, which levels the page's edge
/// (or its text lines) whichever way up it is read, stays — but for a quarter-turn change
/// on a page without an outline, where the text tilt was measured across the lines.
pub fn with_turn(found: &Found, turn: u32) -> Found {
    let turn = turn % 360;
    let delta = (turn + 360 - found.turn % 360) % 360;
    Found {
        corners: rotate_labels(found.corners, delta),
        turn,
        deskew: if !found.outline && !delta.is_multiple_of(180) {
            0.0
        } else {
            found.deskew
        },
        outline: found.outline,
    }
}

/// The page outlined by `corners` (top-left, top-right, bottom-right, bottom-left of the
/// upright page, as a user placed them): the turn and deskew follow from its top edge.
/// `None` when the four points do not make a convex four-sided page.
pub fn from_corners(corners: [[f32; 2]; 4]) -> Option<Found> {
    let finite = corners.iter().flatten().all(|v| v.is_finite());
    // Clockwise on screen (y down) means a positive signed area here.
    if !finite || !convex(&corners) || polygon_area(&corners) < 16.0 {
        return None;
    }
    let top = (corners[1][1] - corners[0][1]).atan2(corners[1][0] - corners[0][0]);
    let angle = top.to_degrees();
    let turn = ((-angle / 90.0).round() as i32).rem_euclid(4) as u32 * 90;
    Some(Found {
        corners,
        turn,
        deskew: -normalise(angle + turn as f32),
        outline: true,
    })
}

fn whole(w: u32, h: u32) -> Found {
    let (w, h) = (w as f32, h as f32);
    Found {
        corners: [[0.0, 0.0], [w, 0.0], [w, h], [0.0, h]],
        turn: 0,
        deskew: 0.0,
        outline: false,
    }
}

/// An angle in degrees brought into (−180, 180].
fn normalise(a: f32) -> f32 {
    let a = a.rem_euclid(360.0);
    if a > 180.0 {
        a - 360.0
    } else {
        a
    }
}

/// Corners labelled for an image turned clockwise by `turn`: the labels move so that the
/// first is the top-left of the page once turned.
fn rotate_labels(c: [[f32; 2]; 4], turn: u32) -> [[f32; 2]; 4] {
    // Turning the image clockwise by 90° makes the old bottom-left the new top-left.
    let k = (4 - (turn / 90) as usize % 4) % 4;
    std::array::from_fn(|i| c[(i + k) % 4])
}

/// Four corners in clockwise order (image coordinates, y down), starting with the corner
/// whose outgoing side points most nearly right: top-left of the page as it lies.
fn label_clockwise(q: [[f32; 2]; 4]) -> [[f32; 2]; 4] {
    let cx = q.iter().map(|p| p[0]).sum::<f32>() / 4.0;
    let cy = q.iter().map(|p| p[1]).sum::<f32>() / 4.0;
    let mut q = q;
    q.sort_by(|a, b| {
        (a[1] - cy)
            .atan2(a[0] - cx)
            .total_cmp(&(b[1] - cy).atan2(b[0] - cx))
    });
    let first = (0..4)
        .max_by(|&i, &j| {
            let dir = |k: usize| {
                let (a, b) = (q[k], q[(k + 1) % 4]);
                let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
                dx / (dx * dx + dy * dy).sqrt().max(1e-6)
            };
            dir(i).total_cmp(&dir(j))
        })
        .unwrap_or(0);
    std::array::from_fn(|i| q[(i + first) % 4])
}

/// Width and height of a labelled quadrilateral: the means of opposite sides.
fn quad_size(q: &[[f32; 2]; 4]) -> (f32, f32) {
    let d = |a: [f32; 2], b: [f32; 2]| ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
    (
        (d(q[0], q[1]) + d(q[3], q[2])) / 2.0,
        (d(q[0], q[3]) + d(q[1], q[2])) / 2.0,
    )
}

// ---------------------------------------------------------------------------------------
// The outline.

/// Grey-level closing of each channel with a (2r+1)² square: dark marks narrower than the
/// square (print, handwriting) disappear; the paper's edge stays where it was.
fn close(image: &RgbImage, r: u32) -> RgbImage {
    let (w, h) = image.dimensions();
    let pass = |src: &RgbImage, bigger: bool, horizontal: bool| {
        RgbImage::from_fn(w, h, |x, y| {
            let mut best = src.get_pixel(x, y).0;
            let (lo, hi) = if horizontal {
                (x.saturating_sub(r), (x + r).min(w - 1))
            } else {
                (y.saturating_sub(r), (y + r).min(h - 1))
            };
            for i in lo..=hi {
                let p = if horizontal {
                    src.get_pixel(i, y).0
                } else {
                    src.get_pixel(x, i).0
                };
                for c in 0..3 {
                    best[c] = if bigger {
                        best[c].max(p[c])
                    } else {
                        best[c].min(p[c])
                    };
                }
            }
            Rgb(best)
        })
    };
    let dilated = pass(&pass(image, true, true), true, false);
    pass(&pass(&dilated, false, true), false, false)
}

/// The paper's quadrilateral on the working copy, or `None`.
fn outline(small: &RgbImage) -> Option<[[f32; 2]; 4]> {
    let (w, h) = small.dimensions();
    // A sliver (a 16 × 8000 image shrinks to 1 × 480) holds no page outline.
    if w < 8 || h < 8 {
        return None;
    }
    let closed = close(small, 2);
    let closed = image::imageops::blur(&closed, 1.0);
    // The colour gradient: the largest central difference over the three channels.
    let (wu, hu) = (w as usize, h as usize);
    let raw = closed.as_raw();
    let mut edge = vec![true; wu * hu];
    for y in 1..hu - 1 {
        for x in 1..wu - 1 {
            let i = (y * wu + x) * 3;
            let mut g = 0i32;
            for c in 0..3 {
                let gx = raw[i + 3 + c] as i32 - raw[i - 3 + c] as i32;
                let gy = raw[i + wu * 3 + c] as i32 - raw[i - wu * 3 + c] as i32;
                g = g.max(gx.abs() + gy.abs());
            }
            edge[y * wu + x] = g > EDGE;
        }
    }
    let (labels, regions) = smooth_regions(&edge, wu, hu);
    let image_area = (wu * hu) as f32;
    let mut best: Option<([[f32; 2]; 4], f32)> = None;
    for (id, r) in regions.iter().enumerate() {
        if r.touches_border || (r.area as f32) < 0.04 * image_area {
            continue;
        }
        // Paper is brighter than most tables; a dark region is a shadow or the table.
        let points = boundary(&labels, wu, hu, id as u32);
        let hull = convex_hull(points.clone());
        if hull.len() < 4 {
            continue;
        }
        let quad = four_corners(&hull);
        let refined = refit_sides(&quad, &points).unwrap_or(quad);
        let area = polygon_area(&refined);
        // The region must fill its quadrilateral: a page, not a blob.
        if area <= 0.0 || (r.area as f32) < 0.85 * area || !convex(&refined) {
            continue;
        }
        let score = area * (r.luma / 255.0);
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((refined, score));
        }
    }
    // The blur and the gradient threshold leave the region inside the paper's edge: 2.5
    // working pixels on the synthetic set (the median corner error halved from 0.58 % to
    // 0.26 % of the diagonal with this push outward).
    best.map(|(q, _)| grow(&q, 2.5))
}

/// Gradient above which a working-copy pixel is an edge (sum of |dx| + |dy|, central
/// differences over two pixels, after the closing and a blur).
const EDGE: i32 = 14;

struct Region {
    area: usize,
    touches_border: bool,
    luma: f32,
}

/// 4-connected regions of non-edge pixels: a label per pixel (`u32::MAX` on edges).
fn smooth_regions(edge: &[bool], w: usize, h: usize) -> (Vec<u32>, Vec<Region>) {
    let mut labels = vec![u32::MAX; w * h];
    let mut regions = Vec::new();
    let mut stack = Vec::new();
    for start in 0..w * h {
        if edge[start] || labels[start] != u32::MAX {
            continue;
        }
        let id = regions.len() as u32;
        let mut region = Region {
            area: 0,
            touches_border: false,
            luma: 0.0,
        };
        labels[start] = id;
        stack.push(start);
        while let Some(i) = stack.pop() {
            region.area += 1;
            let (x, y) = (i % w, i / w);
            if x <= 1 || y <= 1 || x >= w - 2 || y >= h - 2 {
                region.touches_border = true;
            }
            let mut visit = |j: usize| {
                if !edge[j] && labels[j] == u32::MAX {
                    labels[j] = id;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < w {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - w);
            }
            if y + 1 < h {
                visit(i + w);
            }
        }
        regions.push(region);
    }
    (labels, regions)
}

/// The region's pixels that have a neighbour outside it (pixel centres).
fn boundary(labels: &[u32], w: usize, h: usize, id: u32) -> Vec<[f32; 2]> {
    let mut out = Vec::new();
    for y in 0..h {
        for x in 0..w {
            if labels[y * w + x] != id {
                continue;
            }
            let outside = |dx: isize, dy: isize| {
                let (nx, ny) = (x as isize + dx, y as isize + dy);
                nx < 0
                    || ny < 0
                    || nx >= w as isize
                    || ny >= h as isize
                    || labels[ny as usize * w + nx as usize] != id
            };
            if outside(-1, 0) || outside(1, 0) || outside(0, -1) || outside(0, 1) {
                out.push([x as f32 + 0.5, y as f32 + 0.5]);
            }
        }
    }
    out
}

fn cross(o: [f32; 2], a: [f32; 2], b: [f32; 2]) -> f32 {
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
}

/// Andrew's monotone chain; the hull in order, no repeated point.
fn convex_hull(mut p: Vec<[f32; 2]>) -> Vec<[f32; 2]> {
    p.sort_by(|a, b| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])));
    p.dedup();
    if p.len() < 3 {
        return p;
    }
    let mut hull: Vec<[f32; 2]> = Vec::with_capacity(2 * p.len());
    for pass in 0..2 {
        let start = hull.len();
        let points: Box<dyn Iterator<Item = &[f32; 2]>> = if pass == 0 {
            Box::new(p.iter())
        } else {
            Box::new(p.iter().rev())
        };
        for &q in points {
            while hull.len() >= start + 2
                && cross(hull[hull.len() - 2], hull[hull.len() - 1], q) <= 0.0
            {
                hull.pop();
            }
            hull.push(q);
        }
        hull.pop();
    }
    hull
}

/// A convex polygon cut down to four vertices, each time dropping the vertex whose
/// triangle with its neighbours is smallest (the area lost is least).
fn four_corners(hull: &[[f32; 2]]) -> [[f32; 2]; 4] {
    let mut v = hull.to_vec();
    while v.len() > 4 {
        let n = v.len();
        let (drop, _) = (0..n)
            .map(|i| (i, cross(v[(i + n - 1) % n], v[i], v[(i + 1) % n]).abs()))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap_or((0, 0.0));
        v.remove(drop);
    }
    [v[0], v[1], v[2], v[3]]
}

/// Each side refitted (total least squares) through the boundary points near it, away
/// from the corners, where the closing rounded the region; corners where the sides meet.
fn refit_sides(q: &[[f32; 2]; 4], points: &[[f32; 2]]) -> Option<[[f32; 2]; 4]> {
    let mut lines = [[0.0f32; 3]; 4];
    for (k, line) in lines.iter_mut().enumerate() {
        let (a, b) = (q[k], q[(k + 1) % 4]);
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 4.0 {
            return None;
        }
        let (ux, uy) = (dx / len, dy / len);
        let near: Vec<[f32; 2]> = points
            .iter()
            .copied()
            .filter(|p| {
                let (px, py) = (p[0] - a[0], p[1] - a[1]);
                let along = px * ux + py * uy;
                let off = (px * -uy + py * ux).abs();
                off < 3.0 && along > 0.1 * len && along < 0.9 * len
            })
            .collect();
        if near.len() < 8 {
            return None;
        }
        *line = fit_line(&near);
    }
    let mut out = [[0.0f32; 2]; 4];
    for (k, corner) in out.iter_mut().enumerate() {
        // Corner k is where side k−1 meets side k.
        let (l1, l2) = (lines[(k + 3) % 4], lines[k]);
        let det = l1[0] * l2[1] - l1[1] * l2[0];
        if det.abs() < 1e-3 {
            return None;
        }
        *corner = [
            (l1[1] * l2[2] - l2[1] * l1[2]) / det,
            (l2[0] * l1[2] - l1[0] * l2[2]) / det,
        ];
        if corner.iter().any(|c| !c.is_finite()) || polygon_area(q) <= 0.0 {
            return None;
        }
        // A refit corner far from the hull's is a fit gone astray.
        let d = (corner[0] - q[k][0]).hypot(corner[1] - q[k][1]);
        if d > 25.0 {
            return None;
        }
    }
    Some(out)
}

/// The line `a x + b y + c = 0` (a² + b² = 1) closest to `p` in total least squares.
fn fit_line(p: &[[f32; 2]]) -> [f32; 3] {
    let n = p.len() as f32;
    let (mx, my) = (
        p.iter().map(|q| q[0]).sum::<f32>() / n,
        p.iter().map(|q| q[1]).sum::<f32>() / n,
    );
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for q in p {
        let (x, y) = (q[0] - mx, q[1] - my);
        sxx += x * x;
        sxy += x * y;
        syy += y * y;
    }
    // The direction is the principal axis; the normal is perpendicular to it.
    let theta = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    let (a, b) = (-theta.sin(), theta.cos());
    [a, b, -(a * mx + b * my)]
}

/// Signed area, positive for clockwise order in image coordinates (y down).
fn polygon_area(q: &[[f32; 2]]) -> f32 {
    let n = q.len();
    (0..n)
        .map(|i| {
            let (a, b) = (q[i], q[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum::<f32>()
        / 2.0
}

fn convex(q: &[[f32; 2]; 4]) -> bool {
    let s: Vec<f32> = (0..4)
        .map(|i| cross(q[i], q[(i + 1) % 4], q[(i + 2) % 4]))
        .collect();
    s.iter().all(|&v| v > 0.0) || s.iter().all(|&v| v < 0.0)
}

/// The quadrilateral with every side moved outward by `by` pixels.
fn grow(q: &[[f32; 2]; 4], by: f32) -> [[f32; 2]; 4] {
    let cx = q.iter().map(|p| p[0]).sum::<f32>() / 4.0;
    let cy = q.iter().map(|p| p[1]).sum::<f32>() / 4.0;
    q.map(|p| {
        let (dx, dy) = (p[0] - cx, p[1] - cy);
        let d = dx.hypot(dy).max(1e-6);
        // A corner moves by `by` along both of its sides' normals: √2·by along the
        // diagonal for a right angle.
        let s = by * std::f32::consts::SQRT_2 / d;
        [p[0] + dx * s, p[1] + dy * s]
    })
}

// ---------------------------------------------------------------------------------------
// Orientation and tilt.

/// Ink: how much darker each pixel is than its neighbourhood (0 for paper). Kept as an
/// amount, not a yes/no, so thin strokes (ascenders, descenders) weigh what they show.
fn ink(gray: &GrayImage) -> Vec<u8> {
    let (w, h) = gray.dimensions();
    let r = (w.max(h) / 120).clamp(3, 12);
    crate::lines::darkness(gray, r)
        .into_iter()
        // Below 12: paper's grain and JPEG noise.
        .map(|d| d.saturating_sub(12))
        .collect()
}

/// A pixel dark enough to be print for certain.
const INK: u8 = 12;

/// How strongly the ink forms lines along x (or along y when `transposed`): within strips
/// running along the lines (8 across the page, so a line tilted by a degree or two stays
/// clear within each), the share of positions across the lines where no ink lies. Gaps
/// between lines line up over a whole strip; the gaps between letters of neighbouring
/// lines, across the other axis, rarely do. Weighted by each strip's ink.
fn line_gaps(ink: &[u8], w: usize, h: usize, transposed: bool) -> f32 {
    let (len, across) = if transposed { (w, h) } else { (h, w) };
    let strips = 8;
    let (mut total, mut weight) = (0.0f32, 0.0f32);
    for strip in 0..strips {
        let (a0, a1) = (strip * across / strips, (strip + 1) * across / strips);
        let mut profile = vec![0u32; len];
        for (i, p) in profile.iter_mut().enumerate() {
            for j in a0..a1 {
                let (x, y) = if transposed { (i, j) } else { (j, i) };
                *p += (ink[y * w + x] > INK) as u32;
            }
        }
        let Some(first) = profile.iter().position(|&v| v > 0) else {
            continue;
        };
        let last = profile.iter().rposition(|&v| v > 0).unwrap_or(first);
        let span = &profile[first..=last];
        let floor = ((a1 - a0) / 200) as u32;
        let empty = span.iter().filter(|&&v| v <= floor).count() as f32;
        let mass = span.iter().sum::<u32>() as f32;
        total += empty / span.len() as f32 * mass;
        weight += mass;
    }
    if weight > 0.0 {
        total / weight
    } else {
        0.0
    }
}

/// The clockwise quarter turn making the text upright (0 when there is too little ink to
/// tell). When the ascenders leave it open (their margin is small: blur, few lines), the
/// text recogniser settles it on one line read both ways (see [`read_both_ways`]).
fn orientation(gray: &GrayImage, ink: &[u8]) -> u32 {
    let (w, h) = gray.dimensions();
    let (wu, hu) = (w as usize, h as usize);
    if ink.iter().filter(|&&i| i > INK).count() < 200 {
        return 0;
    }
    let sideways = line_gaps(ink, wu, hu, true) > line_gaps(ink, wu, hu, false);
    let margin = upright_margin(ink, wu, hu, sideways);
    let upright = if margin.abs() < AMBIGUOUS {
        read_both_ways(gray, ink, sideways).unwrap_or(margin >= 0.0)
    } else {
        margin >= 0.0
    };
    match (sideways, upright) {
        (false, true) => 0,
        (false, false) => 180,
        // Lines running top to bottom with their ascenders on the left: the page's top
        // lies to the left (it was turned anticlockwise), a clockwise turn rights it.
        (true, true) => 90,
        (true, false) => 270,
    }
}

/// Below this |ln(above / below)| the ascenders do not decide (on the synthetic set every
/// wrong call had a margin under 0.1; right calls mostly lie beyond 0.2).
const AMBIGUOUS: f32 = 0.2;

/// Reads the page's most inked line with the text recogniser twice — as it lies and turned
/// half round — in one run (the two side by side on one strip) and says whether it reads
/// better as it lies. Lines along y (`sideways`) are first turned to run along x, so "as
/// it lies" means the page's top on the left. `None` when neither reading holds a
/// character.
fn read_both_ways(gray: &GrayImage, ink: &[u8], sideways: bool) -> Option<bool> {
    let (w, h) = gray.dimensions();
    // Lines along x: sideways pages turned a quarter clockwise (the left side goes up).
    let (gray, ink_at): (GrayImage, Box<dyn Fn(u32, u32) -> u8>) = if sideways {
        (
            image::imageops::rotate90(gray),
            // (x, y) of the turned page was (y, h − 1 − x) before.
            Box::new(move |x, y| ink[((h - 1 - x) * w + y) as usize]),
        )
    } else {
        (
            gray.clone(),
            Box::new(move |x, y| ink[(y * w + x) as usize]),
        )
    };
    let (tw, th) = gray.dimensions();
    let profile: Vec<f32> = (0..th)
        .map(|y| (0..tw).map(|x| f32::from(ink_at(x, y))).sum())
        .collect();
    let (c0, c1) = cores(&profile).into_iter().max_by(|a, b| {
        let mass = |c: &(usize, usize)| profile[c.0..=c.1].iter().sum::<f32>();
        mass(a).total_cmp(&mass(b))
    })?;
    let core = (c1 - c0 + 1) as u32;
    let (r0, r1) = (
        (c0 as u32).saturating_sub(core),
        (c1 as u32 + core + 1).min(th),
    );
    let height = r1 - r0;
    let first = (0..tw).find(|&x| (r0..r1).any(|y| ink_at(x, y) > INK))?;
    // Half a strip: 512 × 48, the same proportions cut from the page.
    let width = (height as f32 * 512.0 / ocr::STRIP_HEIGHT as f32) as u32;
    let crop =
        image::imageops::crop_imm(&gray, first, r0, width.min(tw - first), height).to_image();
    let half = image::imageops::resize(
        &crop,
        (512.0 * crop.width() as f32 / width.max(1) as f32).max(1.0) as u32,
        ocr::STRIP_HEIGHT as u32,
        image::imageops::FilterType::Triangle,
    );
    let mut strip = GrayImage::from_pixel(
        ocr::STRIP_WIDTH as u32,
        ocr::STRIP_HEIGHT as u32,
        Luma([255]),
    );
    image::imageops::overlay(&mut strip, &half, 0, 0);
    image::imageops::overlay(&mut strip, &image::imageops::rotate180(&half), 512, 0);
    let [as_lies, turned] = ocr::confidence_by_half(&strip)?;
    // The recogniser knows capitals and digits only (the MRZ's), so running text reads
    // with low confidence either way; upright it still finds clearly more characters.
    let (more, less) = (as_lies.max(turned), as_lies.min(turned));
    (more >= 0.5 && more >= 1.5 * less).then_some(as_lies >= turned)
}

/// Dense runs of a line profile: at least half as inked as a typical full line (the 90th
/// percentile of the inked positions), 3 long or more — the x-height bands of text lines.
fn cores(profile: &[f32]) -> Vec<(usize, usize)> {
    let mut inked: Vec<f32> = profile.iter().copied().filter(|&v| v > 0.0).collect();
    if inked.len() < 8 {
        return Vec::new();
    }
    inked.sort_by(f32::total_cmp);
    let level = 0.5 * inked[inked.len() * 9 / 10];
    let mut cores = Vec::new();
    let mut i = 0;
    while i < profile.len() {
        if profile[i] < level {
            i += 1;
            continue;
        }
        let start = i;
        while i < profile.len() && profile[i] >= level {
            i += 1;
        }
        if i - start >= 3 {
            cores.push((start, i - 1));
        }
    }
    cores
}

/// For horizontal lines (or vertical ones when `transposed`): how much more ink lies just
/// "above" each line's dense core (its x-height band) than just below it, summed over the
/// lines, as ln(above / below). Above is −y (or −x when transposed): upright Latin text has more ink
/// there (capitals, digits, b d f h k l t, dots and breves) than below (g j p q y,
/// cedillas). The page is read in narrow strips along the lines, so a line still tilted by
/// a degree or two keeps a sharp core in each.
fn upright_margin(ink: &[u8], w: usize, h: usize, transposed: bool) -> f32 {
    let (len, across) = if transposed { (w, h) } else { (h, w) };
    let strips = 8;
    let (mut above, mut below) = (0.0f32, 0.0f32);
    for strip in 0..strips {
        let (a0, a1) = (strip * across / strips, (strip + 1) * across / strips);
        let mut profile = vec![0f32; len];
        for (i, p) in profile.iter_mut().enumerate() {
            for j in a0..a1 {
                let (x, y) = if transposed { (i, j) } else { (j, i) };
                *p += f32::from(ink[y * w + x]);
            }
        }
        let cores = cores(&profile);
        for (k, &(c0, c1)) in cores.iter().enumerate() {
            // Look as far as 70 % of the core's height, never into the next line's core.
            let reach = ((c1 - c0 + 1) as f32 * 0.7).ceil() as usize;
            let prev_end = if k > 0 { cores[k - 1].1 + 1 } else { 0 };
            let next_start = cores.get(k + 1).map_or(len, |c| c.0);
            // Not the rows right beside the core, where blur spreads it both ways alike.
            let gap = ((c1 - c0 + 1) as f32 * 0.15).round() as usize;
            let top = c0.saturating_sub(reach).max(prev_end);
            let bottom = (c1 + 1 + reach).min(next_start);
            let above_end = c0.saturating_sub(gap).max(top);
            let below_start = (c1 + 1 + gap).min(bottom);
            above += profile[top..above_end].iter().sum::<f32>();
            below += profile[below_start..bottom].iter().sum::<f32>();
        }
    }
    // Above (ascenders, capitals) is the low-index side for upright text: ln(above /
    // below) > 0.
    (above.max(1.0) / below.max(1.0)).ln()
}

/// For a page with no outline: the clockwise tilt correction (degrees) that makes its
/// text lines level once turned by `turn` — the angle at which the ink's projection onto
/// the line normal ripples most.
fn text_tilt(ink: &[u8], w: u32, h: u32, turn: u32) -> f32 {
    let (wu, hu) = (w as usize, h as usize);
    let points: Vec<(f32, f32)> = (0..hu)
        .flat_map(|y| (0..wu).map(move |x| (x, y)))
        .filter(|&(x, y)| ink[y * wu + x] > INK)
        .map(|(x, y)| (x as f32, y as f32))
        .collect();
    if points.len() < 200 {
        return 0.0;
    }
    // Lines run along x for turns 0 and 180, along y for 90 and 270.
    let sideways = turn % 180 == 90;
    let bins = 2 * (wu + hu);
    let score = |deg: f32| {
        let (s, c) = deg.to_radians().sin_cos();
        let mut profile = vec![0f32; bins];
        for &(x, y) in &points {
            // The coordinate across the lines, in the line's own frame tilted by `deg`.
            let v = if sideways {
                x * c + y * s
            } else {
                y * c - x * s
            };
            let b = (v + (wu + hu) as f32) as usize;
            if b < bins {
                profile[b] += 1.0;
            }
        }
        profile.iter().map(|v| v * v).sum::<f32>()
    };
    let mut best = (0.0f32, score(0.0));
    let mut step = 1.0f32;
    let mut lo = -15.0f32;
    let mut hi = 15.0f32;
    for _ in 0..3 {
        let mut a = lo;
        while a <= hi + 1e-3 {
            let s = score(a);
            if s > best.1 {
                best = (a, s);
            }
            a += step;
        }
        lo = best.0 - step;
        hi = best.0 + step;
        step /= 4.0;
    }
    // The lines lie turned clockwise by `best` (rows or columns alike, in the y-down
    // frame); a quarter turn does not change that, and the correction turns them back.
    -best.0
}

// ---------------------------------------------------------------------------------------
// Straightening.

/// The homography taking the output rectangle's corners `(0,0), (w,0), (w,h), (0,h)` to
/// `q`: `[h0..h7]` with h8 = 1.
fn homography_to(q: &[[f32; 2]; 4], w: f32, h: f32) -> [f64; 8] {
    let from = [[0.0, 0.0], [w, 0.0], [w, h], [0.0, h]];
    let mut a = [[0.0f64; 9]; 8];
    for i in 0..4 {
        let (x, y) = (from[i][0] as f64, from[i][1] as f64);
        let (u, v) = (q[i][0] as f64, q[i][1] as f64);
        a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
        a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
    }
    // Gaussian elimination with partial pivoting.
    for c in 0..8 {
        let p = (c..8)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap_or(c);
        a.swap(c, p);
        if a[c][c].abs() < 1e-12 {
            continue;
        }
        for r in 0..8 {
            if r != c {
                let f = a[r][c] / a[c][c];
                let pivot = a[c];
                for (x, p) in a[r].iter_mut().zip(pivot).skip(c) {
                    *x -= f * p;
                }
            }
        }
    }
    std::array::from_fn(|i| {
        if a[i][i].abs() > 1e-12 {
            a[i][8] / a[i][i]
        } else {
            0.0
        }
    })
}

/// Samples `image` (bilinear, white outside) through `map`, into `w` × `h` × `channels`.
fn warp_into<const N: usize>(
    src: &[u8],
    sw: u32,
    sh: u32,
    map: &[f64; 8],
    w: u32,
    h: u32,
) -> Vec<u8> {
    let row_bytes = w as usize * N;
    let mut out = vec![255u8; row_bytes * h as usize];
    let (swf, shf) = (sw as f64 - 1.0, sh as f64 - 1.0);
    hane_image::in_bands(&mut out, row_bytes, |first, rows| {
        for (i, row) in rows.chunks_exact_mut(row_bytes).enumerate() {
            // Along a row the map's numerators and denominator grow by a constant step:
            // added, not recomputed (f64 keeps the sum exact enough over 10⁴ steps).
            let y = (first + i) as f64 + 0.5;
            let mut nu = map[0] * 0.5 + map[1] * y + map[2];
            let mut nv = map[3] * 0.5 + map[4] * y + map[5];
            let mut d = map[6] * 0.5 + map[7] * y + 1.0;
            for px in row.chunks_exact_mut(N) {
                let inv = 1.0 / d;
                let (u, v) = (nu * inv - 0.5, nv * inv - 0.5);
                nu += map[0];
                nv += map[3];
                d += map[6];
                if !(u >= 0.0 && v >= 0.0 && u < swf && v < shf) {
                    continue;
                }
                let (x0, y0) = (u as usize, v as usize);
                let (fx, fy) = ((u - x0 as f64) as f32, (v - y0 as f64) as f32);
                let top_row = (y0 * sw as usize + x0) * N;
                let bottom_row = top_row + sw as usize * N;
                let (t, b) = (
                    &src[top_row..top_row + 2 * N],
                    &src[bottom_row..bottom_row + 2 * N],
                );
                for (c, o) in px.iter_mut().enumerate() {
                    let top = t[c] as f32 + (t[N + c] as f32 - t[c] as f32) * fx;
                    let bottom = b[c] as f32 + (b[N + c] as f32 - b[c] as f32) * fx;
                    *o = (top + (bottom - top) * fy + 0.5) as u8;
                }
            }
        }
    });
    out
}

/// The quadrilateral `q` flattened to a `w` × `h` grey image.
fn warp_gray(image: &RgbImage, q: &[[f32; 2]; 4], w: u32, h: u32) -> GrayImage {
    // Shrink first when the page is much larger than the output, so the bilinear samples
    // do not alias the print away.
    let (qw, _) = quad_size(q);
    let factor = (qw / w as f32).floor().max(1.0);
    let (src, q) = if factor >= 2.0 {
        let (iw, ih) = image.dimensions();
        let small = hane_image::shrink(
            image,
            (iw as f32 / factor) as u32,
            (ih as f32 / factor) as u32,
        );
        let sx = small.width() as f32 / iw as f32;
        let sy = small.height() as f32 / ih as f32;
        (gray_of(&small), q.map(|p| [p[0] * sx, p[1] * sy]))
    } else {
        (gray_of(image), *q)
    };
    let map = homography_to(&q, w as f32, h as f32);
    let data = warp_into::<1>(src.as_raw(), src.width(), src.height(), &map, w, h);
    GrayImage::from_raw(w, h, data).unwrap_or_else(|| GrayImage::new(w, h))
}

/// The page `found` on `image`, flattened, upright and levelled, at its real size: A4 when
/// its proportions are within 6 % of A4's (at most 200 dpi, and no more pixels than the
/// photo holds), otherwise its own proportions on the long side of A4.
pub fn straighten(image: &RgbImage, found: &Found, look: Look) -> Straightened {
    let mut corners = found.corners;
    if !found.outline && found.deskew.abs() > 0.05 {
        // Level the whole image by turning its corners the other way about its centre:
        // the output then samples a levelled page (white where the image ends).
        let (cx, cy) = (image.width() as f32 / 2.0, image.height() as f32 / 2.0);
        let (s, c) = (-found.deskew).to_radians().sin_cos();
        corners = corners.map(|p| {
            let (dx, dy) = (p[0] - cx, p[1] - cy);
            [cx + dx * c - dy * s, cy + dx * s + dy * c]
        });
    }
    if found.outline {
        // Sample a hair inside the outline (0.4 % of the way to the centre): a corner a
        // pixel outside the paper would otherwise draw a sliver of table along the edge.
        let cx = corners.iter().map(|p| p[0]).sum::<f32>() / 4.0;
        let cy = corners.iter().map(|p| p[1]).sum::<f32>() / 4.0;
        corners = corners.map(|p| [p[0] + (cx - p[0]) * 0.004, p[1] + (cy - p[1]) * 0.004]);
    }
    let (qw, qh) = quad_size(&corners);
    let aspect = qw / qh.max(1.0);
    let (a4_portrait, a4_landscape) = (A4.0 / A4.1, A4.1 / A4.0);
    let near = |a: f32, b: f32| (a / b - 1.0).abs() < 0.06;
    let (mm_w, mm_h) = if near(aspect, a4_portrait) {
        A4
    } else if near(aspect, a4_landscape) {
        (A4.1, A4.0)
    } else if aspect < 1.0 {
        (A4.1 * aspect, A4.1)
    } else {
        (A4.1, A4.1 / aspect)
    };
    // As many pixels as the photo has across the page, between 100 and 200 dpi.
    let source_dpi = qh.max(qw * mm_h / mm_w) / (mm_h / 25.4);
    let dpi = source_dpi.clamp(100.0, 200.0).round();
    let (w, h) = (
        (mm_w / 25.4 * dpi).round() as u32,
        (mm_h / 25.4 * dpi).round() as u32,
    );
    let map = homography_to(&corners, w as f32, h as f32);
    let data = warp_into::<3>(image.as_raw(), image.width(), image.height(), &map, w, h);
    let mut out = RgbImage::from_raw(w, h, data).unwrap_or_else(|| RgbImage::new(w, h));
    match look {
        Look::Photo => {}
        Look::CleanColour => clean(&mut out, false),
        Look::CleanGray => clean(&mut out, true),
    }
    Straightened { image: out, dpi }
}

/// The "scanner look": each channel divided by the paper's own brightness around it (the
/// lamp's fall-off, the phone's shadow and a warm cast go), then levels that make paper
/// white and print dark.
fn clean(image: &mut RgbImage, gray: bool) {
    let (w, h) = image.dimensions();
    if w < 32 || h < 32 {
        return;
    }
    // The paper's brightness: blocks of ~1/40 of the page, the brightest nearby block
    // (print is never the brightest thing around), smoothed.
    let block = (w.max(h) / 40).max(4);
    let (bw, bh) = (w.div_ceil(block), h.div_ceil(block));
    let blocks = hane_image::shrink(image, bw, bh);
    let mut paper = dilate(&blocks, 2);
    paper = image::imageops::blur(&paper, 1.5);
    let (pw, ph) = (paper.width() as usize, paper.height() as usize);
    let (sx, sy) = (pw as f32 / w as f32, ph as f32 / h as f32);
    // The tone curve, once: a pixel's share of its paper's brightness (in 1/1024) →
    // output. Paper (share ≈ 1) is white from 0.88 up; print below 0.3 is black.
    let tone: Vec<u8> = (0..=1024)
        .map(|q| {
            let t = ((q as f32 / 1024.0 - 0.3) / (0.88 - 0.3)).clamp(0.0, 1.0);
            (255.0 * t.powf(1.4) + 0.5) as u8
        })
        .collect();
    // Each paper block column's x position in output pixels, for the horizontal blend.
    let column = |x: usize| ((x as f32 + 0.5) * sx - 0.5).clamp(0.0, (pw - 1) as f32);
    let row_bytes = w as usize * 3;
    let raw = image.as_raw().clone();
    let paper_raw = paper.as_raw();
    let buf: &mut [u8] = image;
    hane_image::in_bands(buf, row_bytes, |first, rows| {
        // The paper's brightness along one output row: the two nearest block rows blended
        // once per block column, then across the row per pixel.
        let mut blocks = vec![0f32; pw * 3];
        for (i, row) in rows.chunks_exact_mut(row_bytes).enumerate() {
            let y = first + i;
            let v = ((y as f32 + 0.5) * sy - 0.5).clamp(0.0, (ph - 1) as f32);
            let (y0, fy) = (v as usize, v.fract());
            let y1 = (y0 + 1).min(ph - 1);
            for (k, b) in blocks.iter_mut().enumerate() {
                let (a, c) = (paper_raw[y0 * pw * 3 + k], paper_raw[y1 * pw * 3 + k]);
                // Kept as 1024 / brightness: the paper map is smooth, so blending its
                // inverse differs from inverting the blend by far less than a grey level.
                *b = 1024.0 / (a as f32 * (1.0 - fy) + c as f32 * fy).max(16.0);
            }
            let src = &raw[y * row_bytes..][..row_bytes];
            for (x, (px, s)) in row.chunks_exact_mut(3).zip(src.chunks_exact(3)).enumerate() {
                let u = column(x);
                let (x0, fx) = (u as usize, u.fract());
                let x1 = (x0 + 1).min(pw - 1);
                let mut share = [0u32; 3];
                for c in 0..3 {
                    let inv = blocks[x0 * 3 + c] * (1.0 - fx) + blocks[x1 * 3 + c] * fx;
                    share[c] = ((s[c] as f32 * inv) as u32).min(1024);
                }
                if gray {
                    let l = (share[0] * 77 + share[1] * 150 + share[2] * 29) >> 8;
                    share = [l; 3];
                }
                for (o, q) in px.iter_mut().zip(share) {
                    *o = tone[q as usize];
                }
            }
        }
    });
}

/// Grey-level dilation (per channel maximum) with a (2r+1)² square.
fn dilate(image: &RgbImage, r: u32) -> RgbImage {
    let (w, h) = image.dimensions();
    RgbImage::from_fn(w, h, |x, y| {
        let mut best = [0u8; 3];
        for yy in y.saturating_sub(r)..=(y + r).min(h - 1) {
            for xx in x.saturating_sub(r)..=(x + r).min(w - 1) {
                let p = image.get_pixel(xx, yy).0;
                for c in 0..3 {
                    best[c] = best[c].max(p[c]);
                }
            }
        }
        Rgb(best)
    })
}
