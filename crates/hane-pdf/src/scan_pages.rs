//! A PDF picked as a PDF that is only scanned pages (what a scanner or a phone scanning app
//! writes: one JPEG drawn on each page) can be opened as its pages, so the page editor can
//! recompress it to fit the upload limit like scans picked as images (issue #6: "if the PDF
//! is larger than the upload limit, Hane offers to recompress scan pages").
//!
//! Each page's JPEG comes out byte for byte as stored in the PDF, with two headers rewritten
//! so the scan pipeline places it as the PDF showed it: JFIF density (the DPI at which it was
//! drawn) and EXIF orientation (from the drawing matrix and the page's `/Rotate`).
//!
//! A page is a scan when its content draws exactly one image, the image is an
//! 8-bit JPEG (DCTDecode) in RGB or gray, and nothing else is visible: no text but an OCR
//! layer drawn invisibly (text render mode 3, which is dropped: the portal reads pixels),
//! no vector drawing beyond a clipping rectangle. Anything else is not a scan, and Hane
//! keeps the PDF as given rather than lose what it cannot redraw. The seeds say nothing
//! about PDFs' insides; this is Hane's own, conservative, choice.

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use hane_domain::error::{HaneError, Result};

/// Bounds the decompressed content of one page: a scan page's content is a few operators,
/// so this only stops a decompression bomb.
const MAX_CONTENT_BYTES: usize = 1024 * 1024;

/// Operators a scan page may use besides drawing its image: the graphics state, a clipping
/// rectangle, and text state and showing (allowed only while text is invisible).
const ALLOWED: &[&str] = &[
    "q", "Q", "cm", "gs", "re", "W", "W*", "n", "BT", "ET", "Tf", "Tr", "Tm", "Td", "TD", "T*",
    "Tz", "TL", "Tc", "Tw", "Ts", "Tj", "TJ", "'", "\"",
];
const TEXT_SHOWING: &[&str] = &["Tj", "TJ", "'", "\""];

/// The pages of `pdf` as JPEG files, in order, when every page is a scan (see the module
/// docs); `None` when one is not. Errors only when the PDF itself cannot be read.
pub fn scan_pages(pdf: &[u8]) -> Result<Option<Vec<Vec<u8>>>> {
    let doc = super::inspect::open_checked(pdf)?;
    if doc.get_pages().is_empty() {
        return Err(HaneError::PdfDamaged);
    }
    let mut out = Vec::new();
    for page_id in doc.get_pages().into_values() {
        match scan_page(&doc, page_id) {
            Some(jpeg) => out.push(jpeg),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}

type Matrix = [f32; 6];

/// `m` then `n` (PDF's `cm`: the new matrix is `m × n`).
fn times(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// A value from the page or, inherited, from its ancestors in the page tree.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Ok(v) = node.get(key) {
            return doc.dereference(v).ok().map(|(_, o)| o);
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// The one image this page draws, with the matrix it is drawn with; `None` when the page
/// draws anything else.
fn scan_page(doc: &Document, page_id: ObjectId) -> Option<Vec<u8>> {
    let page = doc.get_dictionary(page_id).ok()?;
    let content = doc
        .get_page_content_with_limit(page_id, MAX_CONTENT_BYTES)
        .ok()?;
    let ops = Content::decode(&content).ok()?.operations;
    let dicts = super::inspect::resource_dicts(doc, page_id)?;
    let xobject = |name: &[u8]| -> Option<&lopdf::Stream> {
        for dict in &dicts {
            let Ok(xobjects) = dict.get(b"XObject") else {
                continue;
            };
            let (_, xobjects) = doc.dereference(xobjects).ok()?;
            let Ok(entry) = xobjects.as_dict().and_then(|d| d.get(name)) else {
                continue;
            };
            return doc.dereference(entry).ok()?.1.as_stream().ok();
        }
        None
    };

    let mut ctm: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut saved = Vec::new();
    let mut text_mode = 0i64;
    let mut drawn = None;
    for op in &ops {
        match op.operator.as_str() {
            "q" => saved.push(ctm),
            "Q" => ctm = saved.pop().unwrap_or(ctm),
            "cm" => {
                let m: Vec<f32> = op.operands.iter().filter_map(number).collect();
                let m: Matrix = m.try_into().ok()?;
                ctm = times(&m, &ctm);
            }
            "Tr" => text_mode = op.operands.first().and_then(|o| o.as_i64().ok())?,
            "Do" => {
                let name = op.operands.first()?.as_name().ok()?;
                if drawn.is_some() {
                    return None; // a second image (or a form) on the page
                }
                drawn = Some((xobject(name)?, ctm));
            }
            t if TEXT_SHOWING.contains(&t) && text_mode != 3 => return None,
            t if ALLOWED.contains(&t) => {}
            _ => return None,
        }
    }
    let (image, matrix) = drawn?;
    let dict = &image.dict;
    let is = |key: &[u8], value: &[u8]| {
        dict.get(key)
            .and_then(Object::as_name)
            .is_ok_and(|n| n == value)
    };
    let filter_is_dct = match dict.get(b"Filter") {
        Ok(Object::Name(n)) => n == b"DCTDecode",
        Ok(Object::Array(a)) => a.len() == 1 && a[0].as_name().is_ok_and(|n| n == b"DCTDecode"),
        _ => false,
    };
    let colour_ok = is(b"ColorSpace", b"DeviceRGB")
        || is(b"ColorSpace", b"DeviceGray")
        || dict
            .get(b"ColorSpace")
            .ok()
            .and_then(|cs| super::images::icc_components(doc, cs))
            .is_some();
    let bits_ok = dict
        .get(b"BitsPerComponent")
        .and_then(Object::as_i64)
        .is_ok_and(|b| b == 8);
    if !is(b"Subtype", b"Image")
        || !filter_is_dct
        || !colour_ok
        || !bits_ok
        || dict.has(b"SMask")
        || dict.has(b"Mask")
        || dict.has(b"Decode")
    {
        return None;
    }
    let width = dict.get(b"Width").and_then(Object::as_i64).ok()? as f32;
    let rotate = inherited(doc, page, b"Rotate")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    let orientation = orientation_of(&matrix, rotate)?;
    // The drawn length of the image's rows, in points: its width at the DPI it was drawn.
    let row_points = matrix[0].hypot(matrix[1]);
    if row_points <= 0.0 || width <= 0.0 {
        return None;
    }
    let dpi = (width * 72.0 / row_points).round().clamp(1.0, 65535.0) as u16;
    with_headers(&image.content, dpi, orientation)
}

/// The EXIF orientation (1–8) that shows the stored image the way the page does: from where
/// the drawing matrix sends the image's rows and columns, turned by the page's `/Rotate`.
/// `None` for a skewed or sheared drawing (not a plain scan).
fn orientation_of(m: &Matrix, rotate: i64) -> Option<u8> {
    // Image space: rows run along +u, and the first row is at v = 1, so going down the
    // stored image is -v. On screen (y down) that gives:
    let mut along = (m[0], -m[1]);
    let mut down = (-m[2], m[3]);
    for _ in 0..rotate.rem_euclid(360) / 90 {
        // The page is shown turned 90° clockwise: (x, y) → (-y, x) with y down.
        along = (-along.1, along.0);
        down = (-down.1, down.0);
    }
    let axis = |v: (f32, f32)| -> Option<(i8, i8)> {
        let (x, y) = v;
        let (ax, ay) = (x.abs(), y.abs());
        // Allow rounding noise, not a real slant.
        if ay <= ax * 1e-3 && ax > 0.0 {
            Some((x.signum() as i8, 0))
        } else if ax <= ay * 1e-3 && ay > 0.0 {
            Some((0, y.signum() as i8))
        } else {
            None
        }
    };
    Some(match (axis(along)?, axis(down)?) {
        ((1, 0), (0, 1)) => 1,
        ((-1, 0), (0, 1)) => 2,
        ((-1, 0), (0, -1)) => 3,
        ((1, 0), (0, -1)) => 4,
        ((0, 1), (1, 0)) => 5,
        ((0, 1), (-1, 0)) => 6,
        ((0, -1), (-1, 0)) => 7,
        ((0, -1), (1, 0)) => 8,
        _ => return None,
    })
}

/// `jpeg` with its JFIF and EXIF headers replaced by a JFIF header giving `dpi` and, when it
/// is not 1, an EXIF header giving `orientation`. The image data is not touched.
fn with_headers(jpeg: &[u8], dpi: u16, orientation: u8) -> Option<Vec<u8>> {
    if jpeg.len() < 4 || jpeg[..2] != [0xFF, 0xD8] {
        return None;
    }
    let mut out = vec![0xFF, 0xD8];
    // JFIF 1.02, units 1 (dots per inch), the same density both ways, no thumbnail.
    out.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x10]);
    out.extend_from_slice(b"JFIF\0\x01\x02\x01");
    out.extend_from_slice(&dpi.to_be_bytes());
    out.extend_from_slice(&dpi.to_be_bytes());
    out.extend_from_slice(&[0, 0]);
    if orientation != 1 {
        // Exif APP1: a big-endian TIFF header and one IFD entry, Orientation (0x0112) SHORT.
        let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
        tiff.extend_from_slice(&1u16.to_be_bytes());
        tiff.extend_from_slice(&0x0112u16.to_be_bytes());
        tiff.extend_from_slice(&3u16.to_be_bytes());
        tiff.extend_from_slice(&1u32.to_be_bytes());
        tiff.extend_from_slice(&[0, orientation, 0, 0]);
        tiff.extend_from_slice(&0u32.to_be_bytes());
        let len = (2 + 6 + tiff.len()) as u16;
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(b"Exif\0\0");
        out.extend_from_slice(&tiff);
    }
    // Copy every other segment up to the image data, which is copied whole.
    let mut i = 2;
    loop {
        if i + 4 > jpeg.len() || jpeg[i] != 0xFF {
            return None;
        }
        let marker = jpeg[i + 1];
        if marker == 0xDA {
            out.extend_from_slice(&jpeg[i..]);
            return Some(out);
        }
        let len = u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]) as usize;
        let end = i + 2 + len;
        let segment = jpeg.get(i..end)?;
        let is_jfif = marker == 0xE0 && segment.get(4..9) == Some(b"JFIF\0");
        let is_exif = marker == 0xE1 && segment.get(4..10) == Some(b"Exif\0\0");
        if !is_jfif && !is_exif {
            out.extend_from_slice(segment);
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matrices_of_the_eight_orientations() {
        // Identity-like placements scaled to 100 pt: rows right, first row at the top.
        assert_eq!(
            orientation_of(&[100.0, 0.0, 0.0, 100.0, 0.0, 0.0], 0),
            Some(1)
        );
        assert_eq!(
            orientation_of(&[-100.0, 0.0, 0.0, -100.0, 0.0, 0.0], 0),
            Some(3)
        );
        // The same upright image on a page shown turned 90° clockwise.
        assert_eq!(
            orientation_of(&[100.0, 0.0, 0.0, 100.0, 0.0, 0.0], 90),
            Some(6)
        );
        assert_eq!(
            orientation_of(&[100.0, 0.0, 0.0, 100.0, 0.0, 0.0], 270),
            Some(8)
        );
        assert_eq!(
            orientation_of(&[100.0, 0.0, 0.0, 100.0, 0.0, 0.0], 180),
            Some(3)
        );
        // Rows drawn downwards on screen (PDF's -y), columns drawn leftwards: turned 90°.
        assert_eq!(
            orientation_of(&[0.0, -100.0, 100.0, 0.0, 0.0, 0.0], 0),
            Some(6)
        );
        // Rows drawn downwards and columns rightwards: the transpose.
        assert_eq!(
            orientation_of(&[0.0, -100.0, -100.0, 0.0, 0.0, 0.0], 0),
            Some(5)
        );
        // A slant is not a scan.
        assert_eq!(
            orientation_of(&[100.0, 20.0, 0.0, 100.0, 0.0, 0.0], 0),
            None
        );
    }
}
