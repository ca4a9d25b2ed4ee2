//! The pictures inside a PDF, for reading what is printed on them (issue #21: a passport
//! page given as a PDF). Unlike `scan_pages`, which splits a PDF into pages only
//! when every page is one JPEG and nothing else (it must redraw them faithfully), this takes
//! every image it can decode from any page — a scanner's lossless (Flate) or bilevel image,
//! a page with a footer or several images — since here nothing is redrawn, only read.
//!
//! Decoded: JPEG (DCTDecode), and 8-bit gray or RGB or 1-bit gray samples behind the
//! filters lopdf undoes (Flate, LZW, RunLength, ASCII; their predictors). Not decoded:
//! JPEG 2000, JBIG2 and CCITT fax images, CMYK and indexed colour. Vector text is not drawn
//! (Hane has no PDF rasteriser): a PDF made of text has nothing to read here.

use image::{GrayImage, RgbImage};
use lopdf::{Document, Object, ObjectId, Stream};

use hane_domain::error::Result;

/// Images smaller than this on either side cannot hold a line of text worth reading
/// (logos, bullets, a signature's stamp).
const MIN_SIDE: i64 = 64;

/// Calls `read` with each image of the PDF that can be decoded, the largest first (the page
/// itself, not its logos), until `read` returns `true`; returns how many were decoded.
/// Errors only when the PDF cannot be opened; an image that cannot be decoded is skipped.
pub fn each_image(
    pdf: &[u8],
    max_pixels: u64,
    mut read: impl FnMut(RgbImage) -> bool,
) -> Result<usize> {
    let doc = super::inspect::open_checked(pdf)?;
    let mut found: Vec<(i64, ObjectId)> = Vec::new();
    for page_id in doc.get_pages().into_values() {
        for id in page_images(&doc, page_id) {
            if found.iter().any(|(_, seen)| *seen == id) {
                continue; // the same image drawn on several pages
            }
            let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
                continue;
            };
            let side = |key: &[u8]| stream.dict.get(key).and_then(Object::as_i64).unwrap_or(0);
            let (w, h) = (side(b"Width"), side(b"Height"));
            if w >= MIN_SIDE && h >= MIN_SIDE && (w as u64).saturating_mul(h as u64) <= max_pixels {
                found.push((w * h, id));
            }
        }
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    let mut decoded = 0;
    for (_, id) in found {
        let Some(image) = doc
            .get_object(id)
            .and_then(Object::as_stream)
            .ok()
            .and_then(|s| decode(&doc, s, max_pixels))
        else {
            continue;
        };
        decoded += 1;
        if read(image) {
            break;
        }
    }
    Ok(decoded)
}

/// The image XObjects a page's resources name, and those of the forms it names (one level:
/// a scanner's page is rarely deeper).
fn page_images(doc: &Document, page_id: ObjectId) -> Vec<ObjectId> {
    let mut out = Vec::new();
    let Some(dicts) = super::inspect::resource_dicts(doc, page_id) else {
        return out;
    };
    let mut forms = Vec::new();
    for dict in dicts {
        collect(doc, dict, &mut out, &mut forms);
    }
    for form in forms {
        if let Ok(resources) = form.dict.get(b"Resources").and_then(|r| doc.dereference(r)) {
            if let Ok(dict) = resources.1.as_dict() {
                collect(doc, dict, &mut out, &mut Vec::new());
            }
        }
    }
    out
}

fn collect<'a>(
    doc: &'a Document,
    resources: &'a lopdf::Dictionary,
    images: &mut Vec<ObjectId>,
    forms: &mut Vec<&'a Stream>,
) {
    let Ok((_, xobjects)) = resources.get(b"XObject").and_then(|x| doc.dereference(x)) else {
        return;
    };
    let Ok(xobjects) = xobjects.as_dict() else {
        return;
    };
    for (_, entry) in xobjects.iter() {
        let Ok(id) = entry.as_reference() else {
            continue;
        };
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
            continue;
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => images.push(id),
            Ok(b"Form") => forms.push(stream),
            _ => {}
        }
    }
}

fn name_is(doc: &Document, o: Option<&Object>, value: &[u8]) -> bool {
    o.and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_name().ok())
        .is_some_and(|n| n == value)
}

/// Colour components of a gray or RGB colour space (device or ICC-based); `None` otherwise.
fn components(doc: &Document, cs: Option<&Object>) -> Option<usize> {
    if name_is(doc, cs, b"DeviceGray") || name_is(doc, cs, b"CalGray") {
        return Some(1);
    }
    if name_is(doc, cs, b"DeviceRGB") || name_is(doc, cs, b"CalRGB") {
        return Some(3);
    }
    let (_, cs) = doc.dereference(cs?).ok()?;
    let a = cs.as_array().ok()?;
    match a.first()?.as_name().ok()? {
        b"ICCBased" => icc_components(doc, cs),
        b"CalGray" => Some(1),
        b"CalRGB" => Some(3),
        _ => None,
    }
}

/// The components (1 gray, 3 RGB) of an `[/ICCBased stream]` colour space's profile, when
/// it is one of those; `None` for anything else (CMYK, Lab, not ICC-based).
pub(crate) fn icc_components(doc: &Document, cs: &Object) -> Option<usize> {
    let (_, cs) = doc.dereference(cs).ok()?;
    let a = cs.as_array().ok()?;
    if a.len() != 2 || a[0].as_name().ok()? != b"ICCBased" {
        return None;
    }
    let (_, profile) = doc.dereference(&a[1]).ok()?;
    let n = profile
        .as_stream()
        .ok()?
        .dict
        .get(b"N")
        .and_then(Object::as_i64)
        .ok()?;
    matches!(n, 1 | 3).then_some(n as usize)
}

fn decode(doc: &Document, stream: &Stream, max_pixels: u64) -> Option<RgbImage> {
    let dict = &stream.dict;
    let filters = stream.filters().unwrap_or_default();
    if filters.last().is_some_and(|f| *f == b"DCTDecode") {
        if filters.len() != 1 {
            return None;
        }
        // CMYK JPEGs too: the image crate turns them into RGB.
        return hane_image::decode_rgb(&stream.content, max_pixels)
            .ok()
            .map(|(image, _)| image);
    }
    let width = u32::try_from(dict.get(b"Width").and_then(Object::as_i64).ok()?).ok()?;
    let height = u32::try_from(dict.get(b"Height").and_then(Object::as_i64).ok()?).ok()?;
    let bits = dict
        .get(b"BitsPerComponent")
        .and_then(Object::as_i64)
        .unwrap_or(8);
    let image_mask = dict
        .get(b"ImageMask")
        .and_then(Object::as_bool)
        .unwrap_or(false);
    let n = if image_mask {
        1
    } else {
        components(doc, dict.get(b"ColorSpace").ok())?
    };
    let row = match (bits, n) {
        (8, _) => width as usize * n,
        (1, 1) => (width as usize).div_ceil(8),
        _ => return None,
    };
    let expected = row.checked_mul(height as usize)?;
    let samples = stream.decompressed_content_with_limit(expected + 16).ok()?;
    if samples.len() < expected {
        return None;
    }
    // A /Decode of [1 0] swaps dark and light (bilevel scans often store ink as 1). An
    // image mask paints (inks) its 0 samples, as gray's 0 is black: no flip of its own.
    let inverted = dict
        .get(b"Decode")
        .and_then(Object::as_array)
        .ok()
        .and_then(|d| d.first().and_then(|v| v.as_float().ok()))
        .is_some_and(|first| first > 0.5);
    if bits == 1 {
        let gray = GrayImage::from_fn(width, height, |x, y| {
            let byte = samples[y as usize * row + x as usize / 8];
            let on = (byte >> (7 - x % 8)) & 1 == 1;
            image::Luma([if on != inverted { 255 } else { 0 }])
        });
        return Some(image::DynamicImage::ImageLuma8(gray).into_rgb8());
    }
    let flip = |v: u8| if inverted { 255 - v } else { v };
    let samples = &samples[..expected];
    if n == 1 {
        let gray = GrayImage::from_raw(width, height, samples.iter().map(|&v| flip(v)).collect())?;
        Some(image::DynamicImage::ImageLuma8(gray).into_rgb8())
    } else {
        RgbImage::from_raw(width, height, samples.iter().map(|&v| flip(v)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref};

    /// One picture for [`pdf`]: its size, bits, colour space (`None`: an image mask),
    /// /Decode [1 0] or not, samples, and whether they are deflated or JPEG.
    struct Picture<'a> {
        w: i32,
        h: i32,
        bits: i32,
        gray: Option<bool>,
        inverted: bool,
        samples: &'a [u8],
        jpeg: bool,
    }

    /// A one-page PDF drawing `pictures` side by side, with a line of text in Helvetica
    /// and a filled rectangle (not a scan page: `scan_pages` gives up on it).
    fn pdf(pictures: &[Picture]) -> Vec<u8> {
        let mut pdf = Pdf::new();
        let (catalog, pages, page, content, font) = (
            Ref::new(1),
            Ref::new(2),
            Ref::new(3),
            Ref::new(4),
            Ref::new(5),
        );
        pdf.catalog(catalog).pages(pages);
        pdf.pages(pages).kids([page]).count(1);
        let names: Vec<String> = (0..pictures.len()).map(|i| format!("Im{i}")).collect();
        let mut p = pdf.page(page);
        p.media_box(Rect::new(0.0, 0.0, 595.0, 842.0))
            .parent(pages)
            .contents(content);
        let mut resources = p.resources();
        let mut xobjects = resources.x_objects();
        for (i, name) in names.iter().enumerate() {
            xobjects.pair(Name(name.as_bytes()), Ref::new(10 + i as i32));
        }
        xobjects.finish();
        resources.fonts().pair(Name(b"F1"), font);
        resources.finish();
        p.finish();
        pdf.type1_font(font).base_font(Name(b"Helvetica"));
        let mut c = Content::new();
        c.set_fill_rgb(0.9, 0.9, 0.9)
            .rect(20.0, 20.0, 200.0, 30.0)
            .fill_nonzero();
        c.begin_text()
            .set_font(Name(b"F1"), 12.0)
            .next_line(30.0, 30.0)
            .show(pdf_writer::Str(b"Scanned with a phone"))
            .end_text();
        for (i, name) in names.iter().enumerate() {
            c.save_state()
                .transform([200.0, 0.0, 0.0, 150.0, 20.0 + 210.0 * i as f32, 400.0])
                .x_object(Name(name.as_bytes()))
                .restore_state();
        }
        pdf.stream(content, &c.finish());
        for (i, pic) in pictures.iter().enumerate() {
            let data = if pic.jpeg {
                pic.samples.to_vec()
            } else {
                miniz_oxide::deflate::compress_to_vec_zlib(pic.samples, 6)
            };
            let mut x = pdf.image_xobject(Ref::new(10 + i as i32), &data);
            x.filter(if pic.jpeg {
                Filter::DctDecode
            } else {
                Filter::FlateDecode
            });
            x.width(pic.w).height(pic.h).bits_per_component(pic.bits);
            match pic.gray {
                Some(true) => {
                    x.color_space().device_gray();
                }
                Some(false) => {
                    x.color_space().device_rgb();
                }
                None => {
                    x.image_mask(true);
                }
            }
            if pic.inverted {
                x.decode([1.0, 0.0]);
            }
        }
        pdf.finish()
    }

    fn all(bytes: &[u8]) -> Vec<RgbImage> {
        let mut out = Vec::new();
        let n = each_image(bytes, 60_000_000, |image| {
            out.push(image);
            false
        })
        .unwrap();
        assert_eq!(n, out.len());
        out
    }

    #[test]
    fn flate_gray_rgb_and_bilevel_images_are_decoded_largest_first() {
        let gray: Vec<u8> = (0..100 * 80).map(|i| (i % 251) as u8).collect();
        let rgb: Vec<u8> = (0..120 * 90)
            .flat_map(|i| [200, (i % 7) as u8, 30])
            .collect();
        // 1-bit, 72 × 64: ink (0) on the left half of every row, paper (1) on the right.
        let bilevel: Vec<u8> = (0..64)
            .flat_map(|_| [0x00, 0x00, 0x00, 0x00, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF])
            .collect();
        let doc = pdf(&[
            Picture {
                w: 100,
                h: 80,
                bits: 8,
                gray: Some(true),
                inverted: false,
                samples: &gray,
                jpeg: false,
            },
            Picture {
                w: 120,
                h: 90,
                bits: 8,
                gray: Some(false),
                inverted: false,
                samples: &rgb,
                jpeg: false,
            },
            Picture {
                w: 72,
                h: 64,
                bits: 1,
                gray: Some(true),
                inverted: false,
                samples: &bilevel,
                jpeg: false,
            },
        ]);
        let images = all(&doc);
        let sizes: Vec<(u32, u32)> = images.iter().map(|i| i.dimensions()).collect();
        assert_eq!(sizes, [(120, 90), (100, 80), (72, 64)]);
        assert_eq!(images[0].get_pixel(5, 0).0, [200, 5, 30]);
        assert_eq!(images[1].get_pixel(7, 2).0, [(2 * 100 + 7) as u8; 3]);
        assert_eq!(images[2].get_pixel(3, 10).0, [0; 3]);
        assert_eq!(images[2].get_pixel(70, 10).0, [255; 3]);
        // The reader stops where it is told.
        let mut seen = 0;
        assert_eq!(
            each_image(&doc, 60_000_000, |_| {
                seen += 1;
                true
            })
            .unwrap(),
            1
        );
        assert_eq!(seen, 1);
    }

    #[test]
    fn inverted_bilevel_scans_and_image_masks_keep_ink_dark() {
        // Ink stored as 1 with /Decode [1 0] (as many bilevel scanners write it).
        let ink_as_one: Vec<u8> = (0..64).flat_map(|_| [0xFF; 8]).collect();
        for (gray, inverted, dark) in [
            (Some(true), true, true),
            (None, false, false),
            (None, true, true),
        ] {
            let doc = pdf(&[Picture {
                w: 64,
                h: 64,
                bits: 1,
                gray,
                inverted,
                samples: &ink_as_one,
                jpeg: false,
            }]);
            let v = all(&doc)[0].get_pixel(10, 10).0[0];
            assert_eq!(v == 0, dark, "{gray:?} inverted {inverted}: {v}");
        }
    }

    #[test]
    fn jpeg_images_are_decoded_and_small_or_broken_ones_skipped() {
        let mut jpeg = Vec::new();
        let photo = RgbImage::from_pixel(160, 120, image::Rgb([10, 120, 240]));
        jpeg_encoder::Encoder::new(&mut jpeg, 95)
            .encode(photo.as_raw(), 160, 120, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        let tiny = [0u8; 32 * 32];
        let short = [0u8; 100]; // fewer samples than 100 × 100
        let doc = pdf(&[
            Picture {
                w: 160,
                h: 120,
                bits: 8,
                gray: Some(false),
                inverted: false,
                samples: &jpeg,
                jpeg: true,
            },
            Picture {
                w: 32,
                h: 32,
                bits: 8,
                gray: Some(true),
                inverted: false,
                samples: &tiny,
                jpeg: false,
            },
            Picture {
                w: 100,
                h: 100,
                bits: 8,
                gray: Some(true),
                inverted: false,
                samples: &short,
                jpeg: false,
            },
        ]);
        let images = all(&doc);
        assert_eq!(images.len(), 1);
        let px = images[0].get_pixel(80, 60).0;
        assert!(
            px[0].abs_diff(10) < 6 && px[1].abs_diff(120) < 6 && px[2].abs_diff(240) < 6,
            "{px:?}"
        );
    }

    #[test]
    fn a_pdf_of_text_has_no_image_and_a_non_pdf_is_refused() {
        assert!(all(&pdf(&[])).is_empty());
        assert_eq!(
            each_image(b"not a pdf at all", 1000, |_| true)
                .unwrap_err()
                .code(),
            "pdf.not_a_pdf"
        );
    }

    #[test]
    fn icc_based_colour_spaces_count_their_profile_components() {
        let mut doc = Document::with_version("1.7");
        for (n, want) in [(1, Some(1)), (3, Some(3)), (4, None)] {
            let mut profile = lopdf::Dictionary::new();
            profile.set("N", n);
            let id = doc.add_object(Stream::new(profile, vec![0; 8]));
            let cs = Object::Array(vec![
                Object::Name(b"ICCBased".to_vec()),
                Object::Reference(id),
            ]);
            assert_eq!(icc_components(&doc, &cs), want, "N = {n}");
            assert_eq!(components(&doc, Some(&cs)), want, "N = {n}");
        }
        let lab = Object::Array(vec![Object::Name(b"Lab".to_vec())]);
        assert_eq!(icc_components(&doc, &lab), None);
        assert_eq!(
            components(&doc, Some(&Object::Name(b"DeviceCMYK".to_vec()))),
            None
        );
    }
}
