//! Checks a PDF the user brings before it is stored: is it a PDF at all, does it open,
//! is it password-protected (the portal cannot read those), how many pages, and can every
//! page be read (issue #17: a PDF whose page tree or xref is broken opens in lenient
//! readers as blank or missing pages, and would be uploaded so).
//!
//! What "readable" means here, with the crates Hane has (lopdf): the page tree resolves and
//! its `/Count` matches the pages found; every page's content streams exist, decompress and
//! parse as content; every resource an XObject names exists and its data decodes — JPEG
//! images completely (the same check as scans), Flate streams to their end. What only a
//! renderer would find is not checked: fonts' glyph programs, JPEG 2000/JBIG2/CCITT image
//! data, shading and pattern definitions, and the content of form XObjects' own resources.

use lopdf::{Document, Object, ObjectId};

use hane_domain::error::{HaneError, Result};

/// A page's content, decompressed, above which the PDF is refused (a decompression bomb;
/// a page of dense vector drawing is a few MB).
const MAX_CONTENT_BYTES: usize = 64 * 1024 * 1024;
/// JPEG images in a PDF are decoded to check them up to this size (to gray: one byte a
/// pixel).
const MAX_CHECKED_PIXELS: u64 = 250_000_000;
/// Decoded bytes of one non-image stream checked (a font, a form).
const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;

/// Facts about an accepted PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfFacts {
    pub pages: u32,
}

pub fn check_pdf(bytes: &[u8]) -> Result<PdfFacts> {
    let doc = open_checked(bytes)?;
    let pages = readable_pages(&doc)?;
    Ok(PdfFacts { pages })
}

/// The number of pages, once each is known to be readable (see the module docs).
fn readable_pages(doc: &Document) -> Result<u32> {
    let damaged = |_| HaneError::PdfDamaged;
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(HaneError::PdfDamaged);
    }
    // The root says how many pages there are; a tree that leads to fewer (a cut file, a
    // missing object, `/Count 2147483647`) has lost some.
    let root = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(|p| doc.dereference(p))
        .and_then(|(_, p)| p.as_dict())
        .map_err(damaged)?;
    let count = root
        .get(b"Count")
        .and_then(|c| doc.dereference(c))
        .and_then(|(_, c)| c.as_i64())
        .map_err(damaged)?;
    if count != pages.len() as i64 {
        return Err(HaneError::PdfDamaged);
    }
    for page_id in pages.into_values() {
        page_readable(doc, page_id)?;
    }
    u32::try_from(count).map_err(|_| HaneError::PdfDamaged)
}

fn stream<'a>(doc: &'a Document, o: &'a Object) -> Result<&'a lopdf::Stream> {
    doc.dereference(o)
        .and_then(|(_, o)| o.as_stream())
        .map_err(|_| HaneError::PdfDamaged)
}

/// A page's resource dictionaries: its own, then those it inherits from the page tree.
pub(crate) fn resource_dicts(doc: &Document, page_id: ObjectId) -> Option<Vec<&lopdf::Dictionary>> {
    let (resources, resource_ids) = doc.get_page_resources(page_id).ok()?;
    Some(
        resources
            .into_iter()
            .chain(
                resource_ids
                    .iter()
                    .filter_map(|id| doc.get_dictionary(*id).ok()),
            )
            .collect(),
    )
}

fn page_readable(doc: &Document, page_id: ObjectId) -> Result<()> {
    let page = doc
        .get_dictionary(page_id)
        .map_err(|_| HaneError::PdfDamaged)?;
    // Contents: absent (a blank page), one stream or an array of streams.
    if let Ok(contents) = page.get(b"Contents") {
        let (_, contents) = doc
            .dereference(contents)
            .map_err(|_| HaneError::PdfDamaged)?;
        let parts: Vec<&Object> = match contents {
            Object::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        let mut content = Vec::new();
        for part in parts {
            let data = stream(doc, part)?
                .get_plain_content_with_limit(MAX_CONTENT_BYTES)
                .map_err(|_| HaneError::PdfDamaged)?;
            content.extend_from_slice(&data);
            content.push(b'\n');
            if content.len() > MAX_CONTENT_BYTES {
                return Err(HaneError::PdfDamaged);
            }
        }
        lopdf::content::Content::decode(&content).map_err(|_| HaneError::PdfDamaged)?;
    }
    let dicts = resource_dicts(doc, page_id).ok_or(HaneError::PdfDamaged)?;
    for dict in dicts {
        let Ok(xobjects) = dict.get(b"XObject") else {
            continue;
        };
        let (_, xobjects) = doc
            .dereference(xobjects)
            .map_err(|_| HaneError::PdfDamaged)?;
        let xobjects = xobjects.as_dict().map_err(|_| HaneError::PdfDamaged)?;
        for (_, entry) in xobjects.iter() {
            xobject_readable(stream(doc, entry)?)?;
        }
    }
    Ok(())
}

/// Inflates a zlib stream into memory, refusing more than `max` bytes.
fn inflate(data: &[u8], max: usize) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data)
        .take(max as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| HaneError::PdfDamaged)?;
    if out.len() > max {
        return Err(HaneError::PdfDamaged);
    }
    Ok(out)
}

/// An XObject's data decodes: Flate layers to their end, then a JPEG completely; a form's
/// content parses. Filters Hane cannot undo (LZW, ASCII85, JPEG 2000, JBIG2, CCITT) are
/// left to the reader rather than refused.
fn xobject_readable(xobject: &lopdf::Stream) -> Result<()> {
    let filters = xobject.filters().unwrap_or_default();
    let flate_only = |fs: &[&[u8]]| fs.iter().all(|f| *f == b"FlateDecode");
    match filters.split_last() {
        Some((&b"DCTDecode", before)) if flate_only(before) => {
            let mut data = std::borrow::Cow::Borrowed(xobject.content.as_slice());
            for _ in before {
                data = std::borrow::Cow::Owned(inflate(&data, super::scan::MAX_FILE_BYTES)?);
            }
            // Only a damaged JPEG refuses the PDF. One Hane cannot decode (arithmetic
            // coding) or bound (over 250 megapixels; a 1200-dpi A4 scan is 140) is left
            // to the reader: refusing a PDF that opens everywhere is worse.
            match hane_image::verify_jpeg(&data, MAX_CHECKED_PIXELS) {
                Err(HaneError::ImageUnreadable) => Err(HaneError::PdfDamaged),
                _ => Ok(()),
            }
        }
        Some((&b"FlateDecode", [])) if !is_form(xobject) => {
            // Streamed to nowhere: an image of any size is checked in constant memory.
            let mut z = flate2::read::ZlibDecoder::new(xobject.content.as_slice());
            std::io::copy(&mut z, &mut std::io::sink())
                .map(drop)
                .map_err(|_| HaneError::PdfDamaged)
        }
        _ if flate_only(&filters) && is_form(xobject) => {
            let data = if filters.is_empty() {
                xobject.content.clone()
            } else {
                inflate(&xobject.content, MAX_STREAM_BYTES)?
            };
            lopdf::content::Content::decode(&data)
                .map(drop)
                .map_err(|_| HaneError::PdfDamaged)
        }
        _ => Ok(()),
    }
}

fn is_form(xobject: &lopdf::Stream) -> bool {
    xobject
        .dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|s| s == b"Form")
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
    // A file cut short (an interrupted download or copy) has lost its end marker; lenient
    // parsers still open what is left, the portal may not. Readers allow anything after
    // it (padding, a second signature), so the marker is looked for after the last
    // `startxref`, wherever that is.
    let last_startxref = rfind(bytes, b"startxref").ok_or(HaneError::PdfDamaged)?;
    if rfind(&bytes[last_startxref..], b"%%EOF").is_none() {
        return Err(HaneError::PdfDamaged);
    }
    let doc = match lopdf::Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(lopdf::Error::Decryption(_)) => return Err(HaneError::PdfEncrypted),
        // A security handler lopdf does not know makes the load fail too: still "encrypted"
        // to the user, if the file has an encryption dictionary.
        Err(_) if names_encrypt_dictionary(bytes) => return Err(HaneError::PdfEncrypted),
        Err(_) => return Err(HaneError::PdfDamaged),
    };
    // An encryption dictionary in the trailer means a password or permissions lock, even
    // when the user password is empty (lopdf then decrypts on load and says it was).
    if doc.is_encrypted() || doc.was_encrypted() || doc.trailer.get(b"Encrypt").is_ok() {
        return Err(HaneError::PdfEncrypted);
    }
    Ok(doc)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// `/Encrypt` used as a key: followed by a reference (`12 0 R`) or a dictionary. The word
/// in a title or in text (`(… /Encrypt …)`) is not (issue #17: such a PDF was refused).
fn names_encrypt_dictionary(bytes: &[u8]) -> bool {
    let key = b"/Encrypt";
    let mut from = 0;
    while let Some(at) = bytes[from..].windows(key.len()).position(|w| w == key) {
        let after = &bytes[from + at + key.len()..];
        let value = after.iter().position(|b| !b.is_ascii_whitespace());
        match value.map(|i| (after[i], after.get(i + 1))) {
            Some((b'0'..=b'9', _)) | Some((b'<', Some(b'<'))) => return true,
            _ => {}
        }
        from += at + key.len();
    }
    false
}
