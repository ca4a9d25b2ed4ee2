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
    let found = hane_scan::page::find_page(&image);
    Ok(PageReport::from((&found, image.width(), image.height())))
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
        Some(c) => {
            // On the image, or at most half its size beyond an edge (a page's corner may
            // lie just outside the photo).
            let (wf, hf) = (w as f32, h as f32);
            let near = c.iter().all(|p| {
                (-0.5 * wf..=1.5 * wf).contains(&p[0]) && (-0.5 * hf..=1.5 * hf).contains(&p[1])
            });
            near.then(|| hane_scan::page::from_corners(c))
                .flatten()
                .ok_or(HaneError::PageCorners)?
        }
        None => hane_scan::page::find_page(&image),
    };
    let look = if clean {
        Look::CleanColour
    } else {
        Look::Photo
    };
    let page = hane_scan::page::straighten(&image, &found, look);
    let jpeg = page.jpeg().ok_or(HaneError::ImageUnreadable)?;
    Ok((
        PageReport::from((&found, w, h)),
        Straight {
            jpeg,
            width: page.image.width(),
            height: page.image.height(),
            dpi: page.dpi,
        },
    ))
}

/// The image as stored (EXIF orientation not applied), shrunk to at most `max_side`
/// pixels, as a JPEG: what the page editor draws the corners on.
pub fn preview(bytes: &[u8], max_side: u32) -> Result<Vec<u8>> {
    let (image, _) = hane_image::decode_rgb(bytes, hane_photo::MAX_PIXELS)?;
    let (w, h) = image.dimensions();
    let scale = (max_side.max(16) as f32 / w.max(h) as f32).min(1.0);
    let small = hane_image::shrink(
        &image,
        ((w as f32 * scale).round() as u32).max(1),
        ((h as f32 * scale).round() as u32).max(1),
    );
    hane_scan::page::Straightened {
        image: small,
        dpi: 72.0,
    }
    .jpeg()
    .ok_or(HaneError::ImageUnreadable)
}
