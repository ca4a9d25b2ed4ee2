//! Making a scanned document fit the upload limit (issue #6): pages bigger than their
//! share of the limit are downscaled to a sensible scan resolution and re-encoded as JPEG
//! at the highest quality that fits. Only when the user asks: re-encoding loses detail,
//! and a document under the limit is never touched.
//!
//! The seeds give no upload limit and no resolution; 300 dpi is the usual resolution of an
//! office scan and 200 dpi still keeps small print legible, so those are the two steps
//! (the issue asks for 200–300 dpi).

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};

use image::{imageops, GrayImage, RgbImage};

use super::{Encoded, Placement, Prepared, Recompression};
use hane_domain::error::{HaneError, Result};

/// Resolutions tried on paper, best first.
const DPI_STEPS: [f32; 2] = [300.0, 200.0];
/// Below this JPEG quality at 300 dpi, the same page at 200 dpi with a higher quality
/// reads better (blocking artefacts hurt text more than a lower resolution).
const GOOD_QUALITY: u8 = 60;
const LOWEST_QUALITY: u8 = 30;
const HIGHEST_QUALITY: u8 = 90;
/// PDF bytes besides the images: per page (page object, content stream, xref entries)
/// and per file (catalog, info, trailer). Measured on our own output with margin.
const PAGE_OVERHEAD: u64 = 600;
const FILE_OVERHEAD: u64 = 2048;

enum Pixels {
    Gray(GrayImage),
    Rgb(RgbImage),
}

impl Pixels {
    fn dimensions(&self) -> (u32, u32) {
        match self {
            Pixels::Gray(i) => i.dimensions(),
            Pixels::Rgb(i) => i.dimensions(),
        }
    }

    /// Area-averaged downscale: the right filter for shrinking a scan (no ringing around
    /// text) and much cheaper than a windowed filter on 12-megapixel pages.
    fn shrunk(&self, w: u32, h: u32) -> Pixels {
        match self {
            Pixels::Gray(i) => Pixels::Gray(imageops::thumbnail(i, w, h)),
            Pixels::Rgb(i) => Pixels::Rgb(imageops::thumbnail(i, w, h)),
        }
    }

    fn encode(&self, quality: u8) -> Result<Vec<u8>> {
        let (w, h) = self.dimensions();
        let (w, h) = (
            u16::try_from(w).map_err(|_| HaneError::ImageUnreadable)?,
            u16::try_from(h).map_err(|_| HaneError::ImageUnreadable)?,
        );
        let (raw, colour) = match self {
            Pixels::Gray(i) => (i.as_raw(), jpeg_encoder::ColorType::Luma),
            Pixels::Rgb(i) => (i.as_raw(), jpeg_encoder::ColorType::Rgb),
        };
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, quality)
            .encode(raw, w, h, colour)
            .map_err(|_| HaneError::ImageUnreadable)?;
        Ok(out)
    }
}

/// The page's pixels as stored (EXIF orientation not applied: the page keeps placing
/// them with its orientation matrix).
fn decode(p: &Prepared<'_>) -> Result<Pixels> {
    match p.encoded {
        Encoded::Jpeg { components, .. } => {
            let (img, _) = hane_image::decode_rgb(&p.data, super::MAX_PIXELS)?;
            Ok(if components == 1 {
                Pixels::Gray(image::DynamicImage::ImageRgb8(img).into_luma8())
            } else {
                Pixels::Rgb(img)
            })
        }
        Encoded::Flate => {
            let raw = miniz_oxide::inflate::decompress_to_vec_zlib(&p.data)
                .map_err(|_| HaneError::ImageUnreadable)?;
            RgbImage::from_raw(p.pixels.0, p.pixels.1, raw)
                .map(Pixels::Rgb)
                .ok_or(HaneError::ImageUnreadable)
        }
    }
}

/// One re-encoded page.
struct Shrunk {
    data: Vec<u8>,
    pixels: (u32, u32),
    gray: bool,
    dpi: u32,
    quality: u8,
}

/// Size estimates for one page at one resolution: JPEG sizes of a half-size proxy (a
/// quarter of the encoding work), remembered per quality, scaled up by the pixel ratio and
/// by a correction learnt from the real encodes (JPEG size grows a little slower than the
/// pixel count, so the uncorrected estimate is high).
struct Estimator<'a> {
    img: &'a Pixels,
    proxy: Option<Pixels>,
    ratio: f64,
    proxy_sizes: std::collections::BTreeMap<u8, usize>,
}

impl<'a> Estimator<'a> {
    fn new(img: &'a Pixels) -> Self {
        let (w, h) = img.dimensions();
        if w < 256 || h < 256 {
            return Estimator {
                img,
                proxy: None,
                ratio: 1.0,
                proxy_sizes: Default::default(),
            };
        }
        let proxy = img.shrunk(w / 2, h / 2);
        let (pw, ph) = proxy.dimensions();
        Estimator {
            img,
            proxy: Some(proxy),
            ratio: f64::from(w) * f64::from(h) / (f64::from(pw) * f64::from(ph)),
            proxy_sizes: Default::default(),
        }
    }

    fn estimate(&mut self, q: u8) -> Result<f64> {
        let size = match self.proxy_sizes.get(&q) {
            Some(&n) => n,
            None => {
                let n = self.proxy.as_ref().unwrap_or(self.img).encode(q)?.len();
                self.proxy_sizes.insert(q, n);
                n
            }
        };
        Ok(size as f64 * self.ratio)
    }

    /// The highest quality whose estimate times `correction` fits `budget`, by bisection.
    fn best_quality(&mut self, budget: u64, correction: f64) -> Result<Option<u8>> {
        let fits =
            |e: &mut Self, q| -> Result<bool> { Ok(e.estimate(q)? * correction <= budget as f64) };
        if !fits(self, LOWEST_QUALITY)? {
            return Ok(None);
        }
        let (mut lo, mut hi) = (LOWEST_QUALITY, HIGHEST_QUALITY);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if fits(self, mid)? {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Ok(Some(lo))
    }
}

/// Re-encodes one page within `budget` bytes, or `None` when the result would not be
/// smaller than the page as it is.
fn shrink_page(p: &Prepared<'_>, budget: u64) -> Result<Option<Shrunk>> {
    let source_dpi = Placement::of(&p.info, p.quarter_turns).dpi(&p.info);
    let pixels = decode(p)?;
    let gray = matches!(pixels, Pixels::Gray(_));
    let (w, h) = pixels.dimensions();
    for (step, &dpi) in DPI_STEPS.iter().enumerate() {
        let scale = (dpi / source_dpi).min(1.0);
        // A page already below this resolution looks the same at every later step.
        let last = step + 1 == DPI_STEPS.len() || scale >= 1.0;
        let shrunk_owned;
        let img = if scale < 1.0 {
            let tw = ((w as f32 * scale).round() as u32).max(1);
            let th = ((h as f32 * scale).round() as u32).max(1);
            shrunk_owned = pixels.shrunk(tw, th);
            &shrunk_owned
        } else {
            &pixels
        };
        let mut estimator = Estimator::new(img);
        // One probe tells whether this resolution can reach a good quality at all.
        if !last && estimator.estimate(GOOD_QUALITY)? > budget as f64 {
            continue;
        }
        let Some(first) = estimator.best_quality(budget, 1.0)? else {
            if !last {
                continue;
            }
            let data = img.encode(LOWEST_QUALITY)?;
            return Ok(finish(
                p,
                data,
                img,
                gray,
                dpi.min(source_dpi),
                LOWEST_QUALITY,
            ));
        };
        // Encode once for real and learn how far off the estimate was. When it fits, one
        // more search with that correction (mostly remembered proxy sizes) may allow a
        // higher quality: encode that too and keep it if it fits, else keep the first.
        // When it does not fit (rare: the estimate is high as a rule), step down.
        let (mut q, mut data) = (first, img.encode(first)?);
        if data.len() as u64 <= budget {
            let correction = (data.len() as f64 / estimator.estimate(first)?).min(1.0);
            let better = estimator.best_quality(budget, correction)?.unwrap_or(first);
            if better > first {
                let candidate = img.encode(better)?;
                if candidate.len() as u64 <= budget {
                    (q, data) = (better, candidate);
                }
            }
        }
        while data.len() as u64 > budget && q > LOWEST_QUALITY {
            q = q.saturating_sub(5).max(LOWEST_QUALITY);
            data = img.encode(q)?;
        }
        return Ok(finish(p, data, img, gray, dpi.min(source_dpi), q));
    }
    Ok(None)
}

/// The re-encoded page, unless it came out no smaller than the page as it was.
fn finish(
    p: &Prepared<'_>,
    data: Vec<u8>,
    img: &Pixels,
    gray: bool,
    dpi: f32,
    quality: u8,
) -> Option<Shrunk> {
    (data.len() < p.data.len()).then(|| Shrunk {
        data,
        pixels: img.dimensions(),
        gray,
        dpi: dpi.round() as u32,
        quality,
    })
}

/// Re-encodes the pages that do not fit an equal share of `max_bytes` (what the pages
/// small enough leave is shared among the rest), pages in parallel.
pub(super) fn fit(pages: &mut [Prepared<'_>], max_bytes: u64) -> Result<Recompression> {
    let n = pages.len() as u64;
    let available = max_bytes.saturating_sub(FILE_OVERHEAD + PAGE_OVERHEAD * n);
    let share = available / n.max(1);
    let big: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].data.len() as u64 > share)
        .collect();
    let kept: u64 = pages
        .iter()
        .filter(|p| p.data.len() as u64 <= share)
        .map(|p| p.data.len() as u64)
        .sum();
    let mut report = Recompression {
        pages: 0,
        dpi: None,
        quality: None,
    };
    if big.is_empty() {
        return Ok(report);
    }
    let budget = (available.saturating_sub(kept) / big.len() as u64).max(1);

    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(big.len());
    let shared: &[Prepared<'_>] = pages;
    let results: Vec<(usize, Result<Option<Shrunk>>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&i) = big.get(k) else { break };
                        done.push((i, shrink_page(&shared[i], budget)));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    if results.len() != big.len() {
        // A worker panicked (it would have to be a bug in a decoder): fail, never write
        // a document with pages silently missing.
        return Err(HaneError::ImageUnreadable);
    }
    for (i, result) in results {
        let Some(s) = result? else { continue };
        let p = &mut pages[i];
        p.data = Cow::Owned(s.data);
        p.encoded = Encoded::Jpeg {
            components: if s.gray { 1 } else { 3 },
        };
        p.pixels = s.pixels;
        report.pages += 1;
        report.dpi = Some(report.dpi.map_or(s.dpi, |d| d.min(s.dpi)));
        report.quality = Some(report.quality.map_or(s.quality, |q| q.min(s.quality)));
    }
    Ok(report)
}
