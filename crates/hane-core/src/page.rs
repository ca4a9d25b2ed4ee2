//! A photographed or scanned document page made straight (issue #22): where the paper is,
//! which way is up and how tilted it is (`hane_scan::page`), and the page flattened to a
//! rectangle, upright, at its real size — optionally with the "scanner look".

use serde::Serialize;

use hane_domain::{HaneError, Result};
use hane_scan::page::{Found, Look};

/// What was found on the page, for the page editor and `hane-cli page`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PageReport {
    /// Top-left, top-right, bottom-right, bottom-left of the upright page, in the pixels
    /// of the image as stored in the file (EXIF orientation not applied).
    pub corners: [[f32; 2]; 4],
    /// The clockwise quarter turn (0, 90, 180, 270) that makes the page upright.
    pub turn: u32,
    /// The clockwise rotation in degrees that levels the page once turned.
    pub deskew: f32,
    /// Whether the paper's outline was seen; when not, the page is the whole image.
    pub outline: bool,
    /// The image as stored.
    pub width: u32,
    pub height: u32,
}

impl From<(&Found, u32, u32)> for PageReport {
    fn from((f, width, height): (&Found, u32, u32)) -> Self {
        PageReport {
            corners: f.corners,
            turn: f.turn,
            deskew: f.deskew,
            outline: f.outline,
            width,
            height,
        }
    }
}

/// A straightened page: the JPEG, its size and resolution.
pub struct Straight {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub dpi: f32,
}

/// Finds the page on an image file (JPEG or PNG).
pub fn find(bytes: &[u8]) -> Result<PageReport> {
    let (image, _) = hane_image::decode_rgb(bytes, hane_photo::MAX_PIXELS)?;
    let found = found_on(&image);
    Ok(PageReport::from((&found, image.width(), image.height())))
}

/// The page on `image`, upright by its MRZ where it holds a passport's MRZ read with every
/// check digit right (the MRZ's reading cannot be upside down; the page's text-based guess
/// can: 3 of the 15 real specimen pages in `tests/fixtures/specimens/`), else by its text.
fn found_on(image: &image::RgbImage) -> hane_scan::page::Found {
    let found = hane_scan::page::find_page(image);
    match hane_scan::read_mrz(image) {
        Some(r) if r.turn != found.turn && r.parsed.as_ref().is_ok_and(|m| m.all_checks_pass()) => {
            hane_scan::page::with_turn(&found, r.turn)
        }
        _ => found,
    }
}

/// The page on an image file, straightened: by the corners given (top-left first, of the
/// upright page, in the stored image's pixels — the user's correction), or by those
/// found. `clean` gives the scanner look (white paper, crisp print, colours kept).
pub fn straighten(
    bytes: &[u8],
    corners: Option<[[f32; 2]; 4]>,
    clean: bool,
) -> Result<(PageReport, Straight)> {
    let (image, _) = hane_image::decode_rgb(bytes, hane_photo::MAX_PIXELS)?;
    let (w, h) = image.dimensions();
    let found = match corners {
        Some(c) => drawn(c, (w, h))?,
        None => found_on(&image),
    };
    Ok((
        PageReport::from((&found, w, h)),
        render(&image, &found, clean)?,
    ))
}

/// Corners a user placed on an image of `size` (top-left first, clockwise on screen): a
/// page, with the turn and deskew they imply. Each corner may lie at most half the image's
/// size beyond an edge (a page's corner can fall just outside the photo).
fn drawn(corners: [[f32; 2]; 4], (w, h): (u32, u32)) -> Result<Found> {
    let (wf, hf) = (w as f32, h as f32);
    let near = corners
        .iter()
        .all(|p| (-0.5 * wf..=1.5 * wf).contains(&p[0]) && (-0.5 * hf..=1.5 * hf).contains(&p[1]));
    near.then(|| hane_scan::page::from_corners(corners))
        .flatten()
        .ok_or(HaneError::PageCorners)
}

/// The page `found` on `image`, straightened (with the scanner look when `clean`), as JPEG.
fn render(image: &image::RgbImage, found: &Found, clean: bool) -> Result<Straight> {
    let look = if clean {
        Look::CleanColour
    } else {
        Look::Photo
    };
    let page = hane_scan::page::straighten(image, found, look);
    let jpeg = page.jpeg().ok_or(HaneError::ImageUnreadable)?;
    Ok(Straight {
        jpeg,
        width: page.image.width(),
        height: page.image.height(),
        dpi: page.dpi,
    })
}

/// EXIF orientation (1–8) as a map between stored and shown pixels; `w` × `h` stored.
#[derive(Clone, Copy)]
struct Shown {
    orientation: u8,
    w: f32,
    h: f32,
}

impl Shown {
    fn of(meta: &hane_image::Meta, w: u32, h: u32) -> Shown {
        use image::metadata::Orientation::*;
        let orientation = match meta.orientation {
            NoTransforms => 1,
            FlipHorizontal => 2,
            Rotate180 => 3,
            FlipVertical => 4,
            Rotate90FlipH => 5,
            Rotate90 => 6,
            Rotate270FlipH => 7,
            Rotate270 => 8,
        };
        Shown {
            orientation,
            w: w as f32,
            h: h as f32,
        }
    }

    /// The shown image's size.
    fn size(self) -> (u32, u32) {
        if self.orientation >= 5 {
            (self.h as u32, self.w as u32)
        } else {
            (self.w as u32, self.h as u32)
        }
    }

    /// A stored pixel position → where it is shown.
    fn show(self, [x, y]: [f32; 2]) -> [f32; 2] {
        let (w, h) = (self.w, self.h);
        match self.orientation {
            2 => [w - x, y],
            3 => [w - x, h - y],
            4 => [x, h - y],
            5 => [y, x],
            6 => [h - y, x],
            7 => [h - y, w - x],
            8 => [y, w - x],
            _ => [x, y],
        }
    }

    /// A shown pixel position → where it is stored.
    fn store(self, [x, y]: [f32; 2]) -> [f32; 2] {
        let (w, h) = (self.w, self.h);
        match self.orientation {
            2 => [w - x, y],
            3 => [w - x, h - y],
            4 => [x, h - y],
            5 => [y, x],
            6 => [y, h - x],
            7 => [w - y, h - x],
            8 => [w - y, x],
            _ => [x, y],
        }
    }
}

/// [`find`] for the window: corners, width and height as the image is shown (EXIF
/// orientation applied, as the page editor's preview — `pdf::scan::thumbnail_jpeg` —
/// draws it); turn and deskew from there.
pub fn find_displayed(bytes: &[u8]) -> Result<PageReport> {
    let (image, meta) = hane_image::decode_rgb(bytes, hane_photo::MAX_PIXELS)?;
    let shown = Shown::of(&meta, image.width(), image.height());
    let found = found_on(&image);
    let corners = found.corners.map(|p| shown.show(p));
    let (width, height) = shown.size();
    let report = match hane_scan::page::from_corners(corners) {
        Some(f) => PageReport::from((
            &Found {
                outline: found.outline,
                ..f
            },
            width,
            height,
        )),
        None => PageReport {
            corners,
            ..PageReport::from((&found, width, height))
        },
    };
    Ok(report)
}

/// [`straighten`] by corners placed on the shown image (the window's corner editor).
pub fn straighten_displayed(bytes: &[u8], corners: [[f32; 2]; 4], clean: bool) -> Result<Straight> {
    let (image, meta) = hane_image::decode_rgb(bytes, hane_photo::MAX_PIXELS)?;
    let (w, h) = image.dimensions();
    let shown = Shown::of(&meta, w, h);
    // Checked as the user drew them (clockwise on screen); a mirrored orientation makes
    // the stored outline anticlockwise, which the warp follows all the same.
    let found = Found {
        corners: corners.map(|p| shown.store(p)),
        ..drawn(corners, shown.size())?
    };
    render(&image, &found, clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_and_stored_positions_map_back_for_every_orientation() {
        for orientation in 1..=8u8 {
            let s = Shown {
                orientation,
                w: 400.0,
                h: 300.0,
            };
            let (sw, sh) = s.size();
            for p in [[0.0, 0.0], [400.0, 0.0], [123.0, 45.0], [400.0, 300.0]] {
                let shown = s.show(p);
                assert!(
                    shown[0] >= 0.0 && shown[0] <= sw as f32,
                    "{orientation}: {shown:?}"
                );
                assert!(
                    shown[1] >= 0.0 && shown[1] <= sh as f32,
                    "{orientation}: {shown:?}"
                );
                assert_eq!(s.store(shown), p, "orientation {orientation}");
            }
        }
        // Orientation 6 (turned 90° clockwise to show): the stored top-left shows top-right.
        let six = Shown {
            orientation: 6,
            w: 400.0,
            h: 300.0,
        };
        assert_eq!(six.show([0.0, 0.0]), [300.0, 0.0]);
        assert_eq!(six.size(), (300, 400));
    }
}
