//! Downscaling by area averaging, fast enough to run on every photo.
//!
//! `image::imageops::thumbnail` takes ~60 ms to bring a 12 MP photo to a 640-px detection
//! thumbnail on this project's reference machine — a quarter of the photo's whole time
//! budget (issue #16). Here every source pixel is added to exactly one output pixel (block
//! edges rounded to whole source pixels), with integer sums, in bands of rows on every core.
//! Blocks differ by at most one source pixel in width, which shifts a sample by less than
//! half a source pixel: invisible to a face detector or a page thumbnail.

use image::{ImageBuffer, Pixel};

/// `image` shrunk to `width` × `height` (each at least 1 and never more than the source's:
/// this only shrinks).
pub fn shrink<P>(
    image: &ImageBuffer<P, Vec<u8>>,
    width: u32,
    height: u32,
) -> ImageBuffer<P, Vec<u8>>
where
    P: Pixel<Subpixel = u8>,
{
    let (w, h) = image.dimensions();
    if w == 0 || h == 0 {
        return ImageBuffer::new(0, 0);
    }
    let (tw, th) = (width.clamp(1, w), height.clamp(1, h));
    let n = usize::from(P::CHANNEL_COUNT);
    // Where output pixel i starts in the source, for i = 0..=out (the last is the end).
    let edge = |i: usize, out: u32, src: u32| (i as u64 * u64::from(src) / u64::from(out)) as usize;
    let cols: Vec<usize> = (0..=tw as usize).map(|i| edge(i, tw, w)).collect();
    let raw = image.as_raw();
    let stride = w as usize * n;
    let row_bytes = tw as usize * n;
    let fill = |first_row: usize, rows: &mut [u8]| {
        // Column sums of the block's source rows first (a straight add over whole rows,
        // which the compiler vectorises), then each block's columns. u32 holds 16 million
        // rows of 255.
        let mut column_sums = vec![0u32; stride];
        for (i, out_row) in rows.chunks_exact_mut(row_bytes).enumerate() {
            let (y0, y1) = (edge(first_row + i, th, h), edge(first_row + i + 1, th, h));
            column_sums.fill(0);
            for src_row in raw[y0 * stride..y1 * stride].chunks_exact(stride) {
                for (s, &v) in column_sums.iter_mut().zip(src_row) {
                    *s += u32::from(v);
                }
            }
            for (ox, out) in out_row.chunks_exact_mut(n).enumerate() {
                let block = &column_sums[cols[ox] * n..cols[ox + 1] * n];
                let count = ((y1 - y0) * (cols[ox + 1] - cols[ox])) as u64;
                for (c, o) in out.iter_mut().enumerate() {
                    // u64: a block of a 1-px-wide thumbnail of a tall image can hold 10⁸ pixels.
                    let sum: u64 = block.iter().skip(c).step_by(n).map(|&v| u64::from(v)).sum();
                    *o = ((sum + count / 2) / count) as u8;
                }
            }
        }
    };
    let mut buf = vec![0u8; row_bytes * th as usize];
    crate::in_bands(&mut buf, row_bytes, fill);
    ImageBuffer::from_raw(tw, th, buf).unwrap_or_else(|| ImageBuffer::new(tw, th))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GrayImage, Luma, Rgb, RgbImage};

    #[test]
    fn each_output_pixel_is_the_mean_of_its_block() {
        // 6×4 → 3×2: blocks of 2×2.
        let img = GrayImage::from_fn(6, 4, |x, y| Luma([(x * 10 + y * 100) as u8]));
        let small = shrink(&img, 3, 2);
        assert_eq!(small.dimensions(), (3, 2));
        // Block (0,0): 0, 10, 100, 110 → 55.
        assert_eq!(small.get_pixel(0, 0).0, [55]);
        // Every block against its mean computed here.
        let expect = |bx: u32, by: u32| {
            let mut s = 0u32;
            for y in by * 2..by * 2 + 2 {
                for x in bx * 2..bx * 2 + 2 {
                    s += u32::from(img.get_pixel(x, y).0[0]);
                }
            }
            ((s + 2) / 4) as u8
        };
        for by in 0..2 {
            for bx in 0..3 {
                assert_eq!(
                    small.get_pixel(bx, by).0[0],
                    expect(bx, by),
                    "block {bx},{by}"
                );
            }
        }
    }

    #[test]
    fn uneven_ratios_cover_every_source_pixel_once() {
        // A flat image stays flat whatever the ratio; the mean is kept.
        let img = RgbImage::from_pixel(1001, 777, Rgb([200, 100, 3]));
        for (tw, th) in [(469, 364), (1, 1), (1000, 1), (7, 776)] {
            let small = shrink(&img, tw, th);
            assert_eq!(small.dimensions(), (tw, th));
            assert!(small.pixels().all(|p| p.0 == [200, 100, 3]), "{tw}×{th}");
        }
        // A left/right split keeps its edge where the ratio puts it.
        let img = GrayImage::from_fn(640, 10, |x, _| Luma([if x < 320 { 0 } else { 255 }]));
        let small = shrink(&img, 64, 1);
        assert!(small.pixels().take(32).all(|p| p.0[0] == 0));
        assert!(small.pixels().skip(32).all(|p| p.0[0] == 255));
    }

    #[test]
    fn never_enlarges_and_survives_degenerate_sizes() {
        let img = RgbImage::from_pixel(10, 5, Rgb([1, 2, 3]));
        assert_eq!(shrink(&img, 20, 20).dimensions(), (10, 5));
        assert_eq!(shrink(&img, 0, 0).dimensions(), (1, 1));
        let empty = RgbImage::new(0, 0);
        assert_eq!(shrink(&empty, 5, 5).dimensions(), (0, 0));
        let sliver = GrayImage::from_pixel(1, 20_000, Luma([9]));
        assert_eq!(shrink(&sliver, 1, 3).get_pixel(0, 2).0, [9]);
    }
}
