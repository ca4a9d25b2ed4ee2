//! The photo step's use cases: import a picked photo, preview and adjust its crop, approve
//! it. The pipeline itself (decode, faces, crop, checks, encode) is `hane-photo`.

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::Hane;
use crate::error::{HaneError, Result};
use crate::photo::{
    analyze_faces, detect_faces, encode, load, render, Analysis, Crop, Face, Source,
};

/// The photo step's state: the analysis of the stored photo with its crop, and whether
/// an approved JPEG exists.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhotoState {
    pub has_photo: bool,
    pub approved: bool,
    pub approved_bytes: Option<usize>,
    pub date_confirmed: bool,
    pub analysis: Option<Analysis>,
}

/// The photo being edited, decoded, with its faces: nudging the crop calls the core again
/// and again with the same photo, and decoding and detecting are most of each call's time
/// (~150 ms of ~200 at 12 MP). One photo only; keyed by the SHA-256 of its bytes, so
/// another case's photo or a new import is never served stale. The app drops it on
/// approval ([`forget_decoded`]).
struct Decoded {
    digest: [u8; 32],
    src: std::sync::Arc<Source>,
    faces: Vec<Face>,
}

static DECODED: std::sync::Mutex<Option<Decoded>> = std::sync::Mutex::new(None);

fn decoded(bytes: &[u8]) -> Result<(std::sync::Arc<Source>, Vec<Face>)> {
    let digest = digest(bytes);
    let mut cache = DECODED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(d) = cache.as_ref().filter(|d| d.digest == digest) {
        return Ok((d.src.clone(), d.faces.clone()));
    }
    let src = std::sync::Arc::new(load(bytes)?);
    let faces = detect_faces(&src);
    *cache = Some(Decoded {
        digest,
        src: src.clone(),
        faces: faces.clone(),
    });
    Ok((src, faces))
}

/// Drops the decoded photo (up to 300 MB at 100 MP): call when editing is over.
pub fn forget_decoded() {
    *DECODED.lock().unwrap_or_else(|p| p.into_inner()) = None;
}

/// The photo step's state for a stored photo row.
fn state_of(row: Option<crate::storage::photos::PhotoRow>, today: NaiveDate) -> Result<PhotoState> {
    let Some(row) = row else {
        return Ok(PhotoState {
            has_photo: false,
            approved: false,
            approved_bytes: None,
            date_confirmed: false,
            analysis: None,
        });
    };
    let (src, faces) = decoded(&row.original)?;
    let analysis = analyze_faces(&src, faces, row.crop, today);
    Ok(PhotoState {
        has_photo: true,
        approved: row.approved.is_some(),
        approved_bytes: row.approved.as_ref().map(Vec::len),
        date_confirmed: row.date_confirmed,
        analysis: Some(analysis),
    })
}

/// The head in an encoded JPEG in millimetres (60 mm tall), found and measured from
/// scratch; `None` when no face is found in it.
pub fn saved_head_mm(jpeg: &[u8]) -> Option<f32> {
    let out = load(jpeg).ok()?;
    let m = crate::photo::measure::measure(&out.image)?;
    Some(m.head_height / out.image.height() as f32 * crate::photo::SPEC.height_mm)
}

fn saved_head_fits(jpeg: &[u8]) -> bool {
    let spec = crate::photo::SPEC;
    saved_head_mm(jpeg).is_some_and(|mm| (spec.head_min_mm..=spec.head_max_mm).contains(&mm))
}

/// The SHA-256 of a photo's bytes: which original a computation was made from.
fn digest(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

impl Hane {
    /// The stored photo analysed (decoding and face detection run without the lock).
    pub fn photo_state(&self, id: Uuid) -> Result<PhotoState> {
        let row = self.db(|db| db.photo(id))?;
        state_of(row, self.today())
    }

    /// Stores a newly picked photo with its automatic crop, decoding and analysing it once,
    /// before taking the lock (a photo that does not decode is refused before anything is
    /// stored).
    pub fn import_photo(&self, id: Uuid, bytes: &[u8]) -> Result<PhotoState> {
        let (src, faces) = decoded(bytes)?;
        let analysis = analyze_faces(&src, faces, None, self.today());
        self.db(|db| {
            db.put_photo(id, bytes)?;
            if let Some(crop) = &analysis.crop {
                db.set_photo_crop(id, crop)?;
            }
            Ok(())
        })?;
        Ok(PhotoState {
            has_photo: true,
            approved: false,
            approved_bytes: None,
            date_confirmed: false,
            analysis: Some(analysis),
        })
    }

    /// The current crop rendered small, for the crop editor (JPEG bytes, kept in memory).
    pub fn photo_preview(&self, id: Uuid) -> Result<Vec<u8>> {
        let row = self.db(|db| db.photo(id))?.ok_or(HaneError::PhotoMissing)?;
        let (src, faces) = decoded(&row.original)?;
        let crop = row
            .crop
            .or_else(|| analyze_faces(&src, faces, None, self.today()).crop)
            .ok_or(HaneError::PhotoNotApprovable)?;
        let img = render(&src, &crop, 480);
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
            .encode_image(&img)
            .map_err(|e| HaneError::PhotoEncode(e.to_string()))?;
        Ok(out)
    }

    /// "Hane'nin kırpmasına dön": the automatic crop again, after the user's changes.
    pub fn reset_photo_crop(&self, id: Uuid) -> Result<PhotoState> {
        let row = self.db(|db| db.photo(id))?.ok_or(HaneError::PhotoMissing)?;
        let (src, faces) = decoded(&row.original)?;
        let crop = analyze_faces(&src, faces, None, self.today())
            .crop
            .ok_or(HaneError::PhotoNotApprovable)?;
        self.adjust_photo(id, &crop)
    }

    /// The user moved or resized the crop: store it and check the photo again.
    pub fn adjust_photo(&self, id: Uuid, crop: &Crop) -> Result<PhotoState> {
        let row = self.db(|db| {
            db.set_photo_crop(id, crop)?;
            db.photo(id)
        })?;
        state_of(row, self.today())
    }

    /// Approves the stored photo with its crop when every check passes (the capture date
    /// may instead be confirmed by the user) and stores the final JPEG. The checks and the
    /// encoding run without the lock; the JPEG is stored only if the photo and crop it was
    /// made from are still the stored ones.
    pub fn approve_photo(&self, id: Uuid, confirm_date: bool) -> Result<PhotoState> {
        let row = self.db(|db| db.photo(id))?.ok_or(HaneError::PhotoMissing)?;
        let made_from = digest(&row.original);
        let (src, faces) = decoded(&row.original)?;
        let today = self.today();
        let a = analyze_faces(&src, faces, row.crop, today);
        let crop = a.crop.ok_or(HaneError::PhotoNotApprovable)?;
        let ok = a
            .checks
            .iter()
            .all(|c| c.passed || c.advisory || (c.needs_confirmation && confirm_date));
        if !ok {
            return Err(HaneError::PhotoNotApprovable);
        }
        let jpeg = encode(&src, &crop, a.output_height)?;
        // The file itself, measured again from its bytes (issue #16): what the portal gets.
        if !saved_head_fits(&jpeg) {
            return Err(HaneError::PhotoNotApprovable);
        }
        let result = self.db(|db| {
            match db.photo(id)? {
                Some(now) if digest(&now.original) == made_from && now.crop == row.crop => {}
                // Replaced or re-cropped meanwhile: approving would store a JPEG of another
                // photo or crop. Nothing is written; the user sees the new state.
                Some(_) => return Err(HaneError::PhotoNotApprovable),
                None => return Err(HaneError::PhotoMissing),
            }
            db.approve_photo(id, &crop, &jpeg, confirm_date)?;
            db.photo(id)
        });
        let state = result.and_then(|row| state_of(row, today));
        // Editing is over: free the decoded photo kept for nudges.
        forget_decoded();
        state
    }
}
