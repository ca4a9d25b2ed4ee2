//! Checks a PDF the user brings before it is stored: is it a PDF at all, does it open,
//! is it password-protected (the portal cannot read those), how many pages.

use crate::error::{HaneError, Result};

/// Facts about an accepted PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfFacts {
    pub pages: u32,
}

pub fn check_pdf(bytes: &[u8]) -> Result<PdfFacts> {
    let doc = open_checked(bytes)?;
    let pages = doc.get_pages().len() as u32;
    if pages == 0 {
        return Err(HaneError::PdfDamaged);
    }
    Ok(PdfFacts { pages })
}

/// The PDF parsed, after the same checks as [`check_pdf`] (for readers that need more than
/// the page count).
pub(crate) fn open_checked(bytes: &[u8]) -> Result<lopdf::Document> {
    if bytes.len() > super::scan::MAX_FILE_BYTES {
        return Err(HaneError::FileTooLarge {
            max_mb: (super::scan::MAX_FILE_BYTES / 1024 / 1024) as u32,
        });
    }
    // The header may follow a little junk (allowed by readers), but not much.
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(HaneError::NotAPdf);
    }
    // An encryption dictionary in the trailer means a password or permissions lock,
    // even when the user password is empty.
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    // A file cut short (an interrupted download or copy) has lost its end marker; lenient
    // parsers still open what is left, the portal may not.
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(HaneError::PdfDamaged);
    }
    if tail.windows(8).any(|w| w == b"/Encrypt") {
        return Err(HaneError::PdfEncrypted);
    }
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_) => HaneError::PdfEncrypted,
        _ => HaneError::PdfDamaged,
    })?;
    if doc.is_encrypted() || doc.trailer.get(b"Encrypt").is_ok() {
        return Err(HaneError::PdfEncrypted);
    }
    Ok(doc)
}
