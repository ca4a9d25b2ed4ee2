//! A passport page's machine-readable zone read from a file the user gives (issue #21):
//! a JPEG or PNG scan or phone photo, or a PDF of scanned pages (each page tried in turn).
//! What comes back is a proposal: the user confirms every field.

use chrono::NaiveDate;
use serde::Serialize;

use hane_domain::mrz::{Mrz, NotMrz};
use hane_domain::{HaneError, Result};
pub use hane_scan::LOW_CONFIDENCE;

/// The MRZ as read, for the window and `hane-cli mrz`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    /// The two lines as read (after look-alike repairs; see `hane_scan`).
    pub lines: [String; 2],
    /// Per character, how sure the model is among the characters its position allows.
    pub confidence: [Vec<f32>; 2],
    /// `[line, position]` (both from 0) of every character below [`LOW_CONFIDENCE`].
    pub unsure: Vec<[usize; 2]>,
    /// The clockwise quarter turn the page needed.
    pub turn: u32,
    /// Field by field, with every check digit's verdict; `None` when the lines are not a
    /// passport's MRZ (then `notMrz` says why).
    pub mrz: Option<Mrz>,
    pub not_mrz: Option<NotMrz>,
    /// The nationality as a case stores it (the country's Turkish name, from the MRZ's
    /// three-letter code); `None` for a code of no country.
    pub nationality: Option<String>,
    /// The dates with their century (birth in the past, expiry within 20 years of today).
    pub birth_date: Option<NaiveDate>,
    pub expiry_date: Option<NaiveDate>,
    pub all_checks_pass: bool,
}

/// Reads the MRZ on the page in `bytes`. `mrz.not_found` when no page holds one,
/// `mrz.no_image` for a PDF with no picture to read; the image errors of the photo and scan
/// paths for files that are not images or PDFs.
pub fn read(bytes: &[u8], today: NaiveDate) -> Result<Proposal> {
    let mut found = None;
    // The first reading that parses as a passport's MRZ wins; else the first one found.
    let mut try_image = |image: &image::RgbImage| -> bool {
        let Some(reading) = hane_scan::read_mrz(image) else {
            return false;
        };
        let parsed = reading.parsed.is_ok();
        if parsed || found.is_none() {
            found = Some(reading);
        }
        parsed
    };
    if bytes.starts_with(b"%PDF") {
        // Every picture in it, largest first (a PDF of text has none: no rasteriser here).
        let decoded =
            hane_pdf::images::each_image(bytes, hane_photo::MAX_PIXELS, |image| try_image(&image))?;
        if decoded == 0 {
            return Err(HaneError::MrzNoImage);
        }
    } else {
        let (image, _) = hane_image::decode_rgb(bytes, hane_photo::MAX_PIXELS)?;
        try_image(&image);
    }
    found
        .map(|r| proposal(r, today))
        .ok_or(HaneError::MrzNotFound)
}

fn proposal(r: hane_scan::Reading, today: NaiveDate) -> Proposal {
    let unsure = r.unsure().into_iter().map(|(l, i)| [l, i]).collect();
    let (mrz, not_mrz) = match r.parsed {
        Ok(m) => (Some(m), None),
        Err(e) => (None, Some(e)),
    };
    Proposal {
        nationality: mrz
            .as_ref()
            .and_then(|m| hane_domain::places::ulke_of_mrz(&m.nationality))
            .map(|u| u.tr.clone()),
        birth_date: mrz.as_ref().and_then(|m| m.birth_date(today)),
        expiry_date: mrz.as_ref().and_then(|m| m.expiry_date(today)),
        all_checks_pass: mrz.as_ref().is_some_and(Mrz::all_checks_pass),
        lines: r.lines,
        confidence: r.confidence,
        unsure,
        turn: r.turn,
        mrz,
        not_mrz,
    }
}
