//! Images the user brings (the photo, scanned pages), decoded under bounds and completely.
//!
//! Two promises (issue #17): memory is bounded **before** any pixel is decoded — the
//! dimensions from the header against a pixel limit, and every metadata chunk (a PNG's
//! compressed colour profile can inflate to gigabytes) against [`MAX_METADATA_BYTES`] — and
//! an image is accepted only when all of its data decodes. JPEG decoders fill a cut-off or
//! damaged scan with grey and carry on (good for a web browser, wrong for a page the Ministry
//! must read), so JPEGs are decoded in zune-jpeg's strict mode, with a sentinel that makes a
//! scan whose data runs out fail (see `jpeg_pixels`).
//!
//! PNGs are read row by row (16-bit samples reduced to 8 while decoding, alpha flattened on
//! white), so a 100-megapixel 16-bit PNG needs one row of working memory, not 800 MB.

use image::metadata::Orientation;
use image::RgbImage;
use zune_jpeg::zune_core::bytestream::ZCursor;
use zune_jpeg::zune_core::colorspace::ColorSpace;
use zune_jpeg::zune_core::options::DecoderOptions;

use hane_domain::error::{HaneError, Result};

mod shrink;
pub use shrink::shrink;

/// Memory a PNG decoder may take for everything but the pixels (colour profile, text and
/// EXIF chunks, its row buffers). Real profiles are below 1 MB; 32 MB leaves room for a
/// 16-bit RGBA row of 4 million pixels.
pub const MAX_METADATA_BYTES: usize = 32 * 1024 * 1024;

/// What the header and metadata say, besides the pixels.
#[derive(Debug, Clone)]
pub struct Meta {
    pub width: u32,
    pub height: u32,
    /// The embedded ICC colour profile, if any.
    pub icc: Option<Vec<u8>>,
    /// The EXIF orientation (identity when absent or unreadable).
    pub orientation: Orientation,
}

pub fn is_jpeg(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8])
}

pub fn is_png(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n")
}

fn check_pixels(width: u32, height: u32, max_pixels: u64) -> Result<()> {
    if width == 0 || height == 0 {
        return Err(HaneError::ImageUnreadable);
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels > max_pixels {
        return Err(HaneError::ImageTooLarge {
            megapixels: (pixels / 1_000_000) as u32,
        });
    }
    Ok(())
}

fn jpeg_decoder(
    bytes: &[u8],
    out: ColorSpace,
    strict: bool,
) -> zune_jpeg::JpegDecoder<ZCursor<&[u8]>> {
    let options = DecoderOptions::default()
        .set_strict_mode(strict)
        .jpeg_set_out_colorspace(out)
        // The pixel limit is checked from the header below; these only keep the decoder
        // from allocating for an absurd header before that.
        .set_max_width(usize::from(u16::MAX))
        .set_max_height(usize::from(u16::MAX));
    zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options)
}

/// Errors of zune-jpeg that mean "Hane cannot read this kind of JPEG" rather than "damaged".
fn jpeg_error(e: zune_jpeg::errors::DecodeErrors) -> HaneError {
    match e {
        zune_jpeg::errors::DecodeErrors::Unsupported(_) => HaneError::UnsupportedImage,
        _ => HaneError::ImageUnreadable,
    }
}

/// Strict decoding also refuses what is only untidy, not damaged: bytes of padding between
/// two header segments, which some cameras and editors write and every reader skips. Such
/// a file is decoded leniently instead (issue #17: a checker that refuses a good file is
/// worse than none). The distinction rests on zune-jpeg's message for that case; the test
/// `padding_between_headers_is_accepted` notices if a new version words it differently.
fn untidy_only(e: &zune_jpeg::errors::DecodeErrors) -> bool {
    e.to_string().contains("Extra bytes between headers")
}

/// The frame type (the SOFn marker's second byte) and the offset of the EOI marker that
/// ends the first image (a file may carry a second one after it, e.g. an Ultra HDR gain map).
/// `None` when the segments do not lead to an EOI: the file is cut off.
fn jpeg_structure(b: &[u8]) -> Option<(u8, usize)> {
    let mut i = 2;
    let mut sof = None;
    loop {
        // Readers skip stray bytes between segments; so does this walk.
        i += b.get(i..)?.iter().position(|&x| x == 0xFF)?;
        while b.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        let marker = *b.get(i + 1)?;
        match marker {
            0xD9 => return Some((sof?, i)),
            0x01 | 0xD0..=0xD7 => {
                i += 2;
                continue;
            }
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*b.get(i + 2)?, *b.get(i + 3)?]));
        if len < 2 {
            return None;
        }
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            sof.get_or_insert(marker);
        }
        i += 2 + len;
        if marker == 0xDA {
            // The entropy-coded data runs to the first marker that is not a stuffed 0xFF
            // or a restart marker.
            loop {
                let j = i + b.get(i..)?.iter().position(|&x| x == 0xFF)?;
                match *b.get(j + 1)? {
                    0x00 | 0xD0..=0xD7 => i = j + 2,
                    0xFF => i = j + 1,
                    _ => {
                        i = j;
                        break;
                    }
                }
            }
        }
    }
}

/// The offset of the first image's EOI marker, for a frame type Hane takes: baseline,
/// extended sequential and progressive Huffman JPEGs, which PDF readers and browsers show.
/// Lossless, hierarchical and arithmetic-coded ones they do not.
fn jpeg_end(bytes: &[u8]) -> Result<usize> {
    let (sof, eoi) = jpeg_structure(bytes).ok_or(HaneError::ImageUnreadable)?;
    if !matches!(sof, 0xC0..=0xC2) {
        return Err(HaneError::UnsupportedImage);
    }
    Ok(eoi)
}

/// Decodes all of the JPEG's data into `out`.
///
/// Every decoder fills a scan whose data runs out with zero bits and carries on, so a file
/// cut short and given its end marker back (what a broken copy or download leaves) decodes
/// to grey without a word. Hane decodes a copy with a sentinel before that end marker:
/// eight stuffed 0xFF bytes, 64 one-bits, which no Huffman table codes (ITU T.81 C: no
/// code is all ones). A complete scan never reads them; a cut one must, and fails.
fn jpeg_pixels(bytes: &[u8], out: ColorSpace) -> Result<Vec<u8>> {
    let eoi = jpeg_end(bytes)?;
    let mut guarded = Vec::with_capacity(bytes.len() + 16);
    guarded.extend_from_slice(&bytes[..eoi]);
    guarded.extend_from_slice(&[0xFF, 0x00].repeat(8));
    guarded.extend_from_slice(&bytes[eoi..]);
    let decode = |strict| guarded_decode(|| jpeg_decoder(&guarded, out, strict).decode());
    match decode(true)? {
        Ok(pixels) => Ok(pixels),
        Err(e) if untidy_only(&e) => decode(false)?.map_err(jpeg_error),
        Err(e) => Err(jpeg_error(e)),
    }
}

/// Runs a zune-jpeg call, turning a panic into "cannot be read". zune-jpeg 0.5.15 indexes
/// out of bounds on some hostile frames (fuzzing found one: a component sampled 2×3, see
/// `tests/fixtures/hostile/`); a damaged file must cost the user a message, not the
/// action, whatever the decoder's next bug is.
fn guarded_decode<T>(f: impl FnOnce() -> T) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .map_err(|_| HaneError::ImageUnreadable)
}

/// The JPEG's header facts, without decoding pixels.
fn jpeg_meta(bytes: &[u8], max_pixels: u64) -> Result<(Meta, Option<ColorSpace>)> {
    jpeg_end(bytes)?;
    let mut decoder = jpeg_decoder(bytes, ColorSpace::RGB, false);
    guarded_decode(|| decoder.decode_headers())?.map_err(jpeg_error)?;
    let info = decoder.info().ok_or(HaneError::ImageUnreadable)?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    check_pixels(width, height, max_pixels)?;
    let orientation = decoder
        .exif()
        .and_then(|exif| Orientation::from_exif_chunk(exif))
        .unwrap_or(Orientation::NoTransforms);
    let meta = Meta {
        width,
        height,
        icc: decoder.icc_profile(),
        orientation,
    };
    Ok((meta, decoder.input_colorspace()))
}

/// Decodes all of a JPEG's data and drops the pixels: the proof a JPEG page will render.
/// Decoded to gray, which reads every component's data but keeps the buffer at one byte a
/// pixel (a 100-megapixel scan: 100 MB, not 300).
pub fn verify_jpeg(bytes: &[u8], max_pixels: u64) -> Result<()> {
    let (_, colorspace) = jpeg_meta(bytes, max_pixels)?;
    // zune-jpeg has no CMYK → gray path; those go to RGB.
    let out = match colorspace {
        Some(ColorSpace::CMYK | ColorSpace::YCCK) => ColorSpace::RGB,
        _ => ColorSpace::Luma,
    };
    jpeg_pixels(bytes, out).map(drop)
}

/// Calls `row` with each row of the PNG, top to bottom, as 8-bit RGB with any alpha
/// flattened on white; the memory used is a few rows, whatever the image's size.
pub fn png_rows(bytes: &[u8], max_pixels: u64, mut row: impl FnMut(&[u8])) -> Result<Meta> {
    let mut decoder = png::Decoder::new_with_limits(
        std::io::Cursor::new(bytes),
        png::Limits {
            bytes: MAX_METADATA_BYTES,
        },
    );
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let header = decoder
        .read_header_info()
        .map_err(|_| HaneError::ImageUnreadable)?;
    check_pixels(header.width, header.height, max_pixels)?;
    let mut reader = decoder.read_info().map_err(png_error)?;
    let info = reader.info();
    let (width, height) = (info.width, info.height);
    let icc = info.icc_profile.as_ref().map(|p| p.to_vec());
    let orientation = info
        .exif_metadata
        .as_ref()
        .and_then(|exif| Orientation::from_exif_chunk(exif))
        .unwrap_or(Orientation::NoTransforms);
    let (color, depth) = reader.output_color_type();
    if depth != png::BitDepth::Eight {
        return Err(HaneError::ImageUnreadable);
    }
    let channels = color.samples();
    let mut rgb = vec![0u8; width as usize * 3];
    let mut rows = 0u32;
    // Interlaced PNGs come out in passes; `next_row` gives whole rows only for the last.
    if info.interlaced {
        let size = reader
            .output_buffer_size()
            .ok_or(HaneError::ImageUnreadable)?;
        let mut all = vec![0u8; size];
        let frame = reader.next_frame(&mut all).map_err(png_error)?;
        for src in all.chunks_exact(frame.line_size).take(height as usize) {
            flatten(src, channels, &mut rgb);
            row(&rgb);
            rows += 1;
        }
    } else {
        while let Some(src) = reader.next_row().map_err(png_error)? {
            flatten(src.data(), channels, &mut rgb);
            row(&rgb);
            rows += 1;
        }
    }
    if rows != height {
        return Err(HaneError::ImageUnreadable);
    }
    Ok(Meta {
        width,
        height,
        icc,
        orientation,
    })
}

/// Any PNG failure is "cannot be read": damage, or over [`MAX_METADATA_BYTES`] (a colour
/// profile inflating to gigabytes is not a picture anyone took).
fn png_error(_: png::DecodingError) -> HaneError {
    HaneError::ImageUnreadable
}

/// One row of 8-bit gray, gray+alpha, RGB or RGBA samples → RGB, alpha on white.
fn flatten(src: &[u8], channels: usize, out: &mut [u8]) {
    let on_white = |c: u8, a: u8| {
        let (c, a) = (u32::from(c), u32::from(a));
        ((c * a + 255 * (255 - a) + 127) / 255) as u8
    };
    for (px, o) in src.chunks_exact(channels).zip(out.chunks_exact_mut(3)) {
        match *px {
            [g] => o.fill(g),
            [g, a] => o.fill(on_white(g, a)),
            [r, g, b] => o.copy_from_slice(&[r, g, b]),
            [r, g, b, a] => o.copy_from_slice(&[on_white(r, a), on_white(g, a), on_white(b, a)]),
            _ => {}
        }
    }
}

/// A JPEG or PNG decoded completely to 8-bit RGB (EXIF orientation not applied yet).
pub fn decode_rgb(bytes: &[u8], max_pixels: u64) -> Result<(RgbImage, Meta)> {
    if is_jpeg(bytes) {
        let (meta, _) = jpeg_meta(bytes, max_pixels)?;
        let pixels = jpeg_pixels(bytes, ColorSpace::RGB)?;
        let image = RgbImage::from_raw(meta.width, meta.height, pixels)
            .ok_or(HaneError::ImageUnreadable)?;
        return Ok((image, meta));
    }
    if is_png(bytes) {
        let header = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_header_info()
            .map(|h| (h.width, h.height))
            .map_err(|_| HaneError::ImageUnreadable)?;
        check_pixels(header.0, header.1, max_pixels)?;
        let mut pixels = Vec::with_capacity(header.0 as usize * header.1 as usize * 3);
        let meta = png_rows(bytes, max_pixels, |row| pixels.extend_from_slice(row))?;
        let image = RgbImage::from_raw(meta.width, meta.height, pixels)
            .ok_or(HaneError::ImageUnreadable)?;
        return Ok((image, meta));
    }
    Err(HaneError::UnsupportedImage)
}

/// Fills `buf` — whole rows of `row_bytes` — in bands of rows, one band per core (at most
/// 8): `fill(first_row, band)`. For pixel loops whose rows are independent (shrinking,
/// rendering a crop, straightening a page).
pub fn in_bands<F>(buf: &mut [u8], row_bytes: usize, fill: F)
where
    F: Fn(usize, &mut [u8]) + Sync,
{
    let rows = buf.len() / row_bytes.max(1);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let rows_per_band = rows.div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for (band, chunk) in buf.chunks_mut(rows_per_band * row_bytes.max(1)).enumerate() {
            let fill = &fill;
            scope.spawn(move || fill(band * rows_per_band, chunk));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/../../tests/fixtures/photos/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    /// Offset of the first byte after the SOS segment (the entropy-coded data).
    fn scan_data_start(jpeg: &[u8]) -> usize {
        let sos = jpeg.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
        sos + 2 + usize::from(u16::from_be_bytes([jpeg[sos + 2], jpeg[sos + 3]]))
    }

    #[test]
    fn a_whole_jpeg_decodes_and_verifies() {
        let jpeg = fixture("obama.jpg");
        let (img, meta) = decode_rgb(&jpeg, 100_000_000).unwrap();
        assert_eq!(img.dimensions(), (meta.width, meta.height));
        verify_jpeg(&jpeg, 100_000_000).unwrap();
    }

    #[test]
    fn a_cut_jpeg_with_its_end_marker_put_back_is_unreadable() {
        let jpeg = fixture("obama.jpg");
        for share in [0.3, 0.6, 0.95] {
            let mut cut = jpeg[..(jpeg.len() as f64 * share) as usize].to_vec();
            cut.extend_from_slice(&[0xFF, 0xD9]);
            assert!(
                matches!(verify_jpeg(&cut, u64::MAX), Err(HaneError::ImageUnreadable)),
                "cut at {share}"
            );
            assert!(matches!(
                decode_rgb(&cut, u64::MAX),
                Err(HaneError::ImageUnreadable)
            ));
        }
        // Headers and no image data at all.
        let mut empty = jpeg[..scan_data_start(&jpeg)].to_vec();
        empty.extend_from_slice(&[0xFF, 0xD9]);
        assert!(matches!(
            verify_jpeg(&empty, u64::MAX),
            Err(HaneError::ImageUnreadable)
        ));
    }

    /// A 64×48 gradient as a JPEG from jpeg-encoder, in the given colour type and mode.
    fn encoded(color: jpeg_encoder::ColorType, progressive: bool) -> Vec<u8> {
        let channels = match color {
            jpeg_encoder::ColorType::Cmyk => 4,
            _ => 3,
        };
        let data: Vec<u8> = (0..64 * 48 * channels)
            .map(|i| (i * 7 % 251) as u8)
            .collect();
        let mut out = Vec::new();
        let mut enc = jpeg_encoder::Encoder::new(&mut out, 90);
        enc.set_progressive(progressive);
        enc.encode(&data, 64, 48, color).unwrap();
        out
    }

    #[test]
    fn progressive_cmyk_and_two_image_files_are_accepted() {
        for (color, progressive) in [
            (jpeg_encoder::ColorType::Rgb, true),
            (jpeg_encoder::ColorType::Cmyk, false),
            (jpeg_encoder::ColorType::Cmyk, true),
        ] {
            let jpeg = encoded(color, progressive);
            verify_jpeg(&jpeg, u64::MAX).unwrap();
            assert_eq!(
                decode_rgb(&jpeg, u64::MAX).unwrap().0.dimensions(),
                (64, 48)
            );
        }
        // A second image after the first one's end (Ultra HDR's gain map, some phones'
        // previews): the first is the picture.
        let mut two = fixture("obama.jpg");
        two.extend(encoded(jpeg_encoder::ColorType::Rgb, false));
        verify_jpeg(&two, u64::MAX).unwrap();
        let cut = encoded(jpeg_encoder::ColorType::Rgb, true);
        let mut cut = cut[..cut.len() * 3 / 4].to_vec();
        cut.extend_from_slice(&[0xFF, 0xD9]);
        assert!(matches!(
            verify_jpeg(&cut, u64::MAX),
            Err(HaneError::ImageUnreadable)
        ));
    }

    /// Found by fuzzing (`scan_page`): zune-jpeg panics on this frame; Hane says
    /// "cannot be read".
    #[test]
    fn a_frame_the_decoder_panics_on_is_unreadable() {
        let crash = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/hostile/zune-idct-panic-sampling-2x3.jpg"
        ))
        .unwrap();
        assert!(matches!(
            verify_jpeg(&crash, u64::MAX),
            Err(HaneError::ImageUnreadable)
        ));
        assert!(matches!(
            decode_rgb(&crash, u64::MAX),
            Err(HaneError::ImageUnreadable)
        ));
    }

    #[test]
    fn padding_between_headers_is_accepted() {
        let jpeg = fixture("obama.jpg");
        // Eight zero bytes before the second segment (after SOI and the first segment).
        let first_len = usize::from(u16::from_be_bytes([jpeg[4], jpeg[5]]));
        let at = 4 + first_len;
        let mut padded = jpeg[..at].to_vec();
        padded.extend_from_slice(&[0; 8]);
        padded.extend_from_slice(&jpeg[at..]);
        verify_jpeg(&padded, u64::MAX).unwrap();
        let (a, _) = decode_rgb(&padded, u64::MAX).unwrap();
        let (b, _) = decode_rgb(&jpeg, u64::MAX).unwrap();
        assert!(a == b, "the padded file decodes to the same pixels");
    }

    #[test]
    fn a_lossless_jpeg_is_refused_as_unsupported() {
        let mut jpeg = fixture("obama.jpg");
        // The frame header, found by walking the segments (the EXIF thumbnail inside APP1
        // has one of its own).
        let mut i = 2;
        while jpeg[i + 1] != 0xC0 {
            i += 2 + usize::from(u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]));
        }
        jpeg[i + 1] = 0xC3;
        assert!(matches!(
            verify_jpeg(&jpeg, u64::MAX),
            Err(HaneError::UnsupportedImage)
        ));
        assert!(matches!(
            decode_rgb(&jpeg, u64::MAX),
            Err(HaneError::UnsupportedImage)
        ));
    }

    #[test]
    fn the_pixel_limit_is_checked_from_the_header() {
        let jpeg = fixture("obama.jpg");
        assert!(matches!(
            verify_jpeg(&jpeg, 1000),
            Err(HaneError::ImageTooLarge { .. })
        ));
        let png = fixture("astronaut.png");
        assert!(matches!(
            decode_rgb(&png, 1000),
            Err(HaneError::ImageTooLarge { .. })
        ));
    }

    /// A PNG chunk with its CRC.
    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
        out
    }

    #[test]
    fn a_colour_profile_that_inflates_past_the_limit_is_dropped_not_inflated() {
        // The test portrait with an iCCP chunk that inflates to 64 MB of zeros (compressed:
        // ~64 KB). png stops inflating at the limit and drops the profile; the picture is
        // still good, so it decodes (as browsers show it), in its own colours.
        let png = fixture("astronaut.png");
        let zeros = vec![0u8; 64 * 1024 * 1024];
        let mut iccp = b"bomb\0\0".to_vec();
        iccp.extend(miniz_oxide::deflate::compress_to_vec_zlib(&zeros, 9));
        drop(zeros);
        let ihdr_end = 8 + 8 + 13 + 4;
        let mut bomb = png[..ihdr_end].to_vec();
        bomb.extend(chunk(b"iCCP", &iccp));
        bomb.extend_from_slice(&png[ihdr_end..]);
        let (img, meta) = decode_rgb(&bomb, u64::MAX).unwrap();
        assert!(meta.icc.is_none());
        assert_eq!(img, decode_rgb(&png, u64::MAX).unwrap().0);
    }

    #[test]
    fn png_alpha_is_flattened_on_white_and_16_bit_reduced() {
        let mut buf = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut buf, 2, 1);
            enc.set_color(png::ColorType::Rgba);
            enc.set_depth(png::BitDepth::Sixteen);
            let mut w = enc.write_header().unwrap();
            // Opaque red, then fully transparent black.
            w.write_image_data(&[255, 255, 0, 0, 0, 0, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0])
                .unwrap();
        }
        let (img, meta) = decode_rgb(&buf, u64::MAX).unwrap();
        assert_eq!((meta.width, meta.height), (2, 1));
        assert_eq!(img.as_raw(), &[255, 0, 0, 255, 255, 255]);
        // Cut in the middle of its image data: unreadable.
        let idat = buf.windows(4).position(|w| w == b"IDAT").unwrap();
        assert!(matches!(
            decode_rgb(&buf[..idat + 10], u64::MAX),
            Err(HaneError::ImageUnreadable)
        ));
    }
}
