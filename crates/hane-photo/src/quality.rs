//! The checks measured on the crop as rendered (issue #16), from the head found in it
//! again ([`crate::measure`]). Geometry and exposure block approval as before; the checks
//! the ministry's guide does not ask for in words (000 B.4.1 says only "yüzü net ve ilgili
//! alana sığacak şekilde") are advice: shown with the measured value and the limit, never
//! blocking. Their measures follow ISO/IEC 29794-5 (face image quality; BSI's OFIQ is its
//! reference implementation) and ISO/IEC 19794-5 / ICAO 9303 part 3 for the limits.

use image::RgbImage;

use crate::measure::{point, Measured};
use crate::{check, chroma, luma, mean_std, Check, SPEC};
use hane_domain::text::Text;

/// The crop is rendered at this many rows for the checks.
pub const PREVIEW_ROWS: u32 = 600;
/// Skin patches around mesh points, radius as a share of the eye distance.
const SKIN_PATCH: f32 = 0.12;
/// Exposure on skin only. Too bright: more than this share of skin pixels white in all
/// three channels (burnt out; a normal highlight on the forehead is a few per cent; one
/// channel alone at its top is only warm light on light skin).
const MAX_CLIPPED_SKIN: f32 = 0.08;
/// Every channel at or above this: white.
const WHITE: u8 = 245;
/// Too dark: the skin's median luma below this. Deliberately low: dark skin in good light
/// has a median luma of 50–90, and a fixed window on the mean called it "too dark".
const MIN_SKIN_MEDIAN: f32 = 35.0;
/// Too dark also when even the face's brightest 1% (the whites of the eyes, highlights)
/// stays below this: true of a dim photo whatever the skin's tone.
const MIN_FACE_HIGHLIGHT: f32 = 100.0;
/// Lighting across the face: the darker cheek-and-brow half over the brighter one (OFIQ's
/// illumination uniformity compares the two halves of the face the same way).
const MIN_HALF_RATIO: f32 = 0.6;
/// Glare on glasses: share of near-white, colourless pixels around an eye (a catch light
/// in the pupil is well under 1%).
const MAX_EYE_GLARE: f32 = 0.06;
/// Mouth closed: the inner lips' gap over the mouth's width (ICAO 9303 part 3 and ISO/IEC
/// 19794-5: neutral expression, mouth closed; a smile showing teeth opens the lips).
const MAX_MOUTH_OPEN: f32 = 0.08;
/// Eyes uncovered (ICAO 9303 part 3: eyes clearly visible, no dark glasses, no hair across
/// the eyes): the brightest tenth of the eye openings over the skin's median luma. An
/// uncovered eye shows its white (0.51–1.16 on the test portraits, lowest for eyes in the
/// brows' shadow; higher on dark skin); dark lenses, hair or a hand over the eyes do not
/// (dark lenses painted over the studio portrait: 0.16). Measures the eyes only: OFIQ's
/// occlusion measure uses a face-parsing model for the whole face, which Hane lacks.
const MIN_EYE_WHITE: f32 = 0.35;
/// Head pose. ISO/IEC 19794-5 asks ±5° for yaw and pitch; Hane warns beyond these because
/// its estimate from the mesh scatters by a few degrees on frontal portraits.
const MAX_YAW: f32 = 8.0;
const MAX_PITCH: f32 = 10.0;

/// A number as Turkish writes it (decimal comma).
pub(crate) fn tr_num(value: f32, decimals: usize) -> String {
    format!("{value:.decimals$}").replace('.', ",")
}

/// A measurement shown beside the limit it failed, with as many decimals as it takes to
/// tell them apart (36.04 against 36 is "36.04", never "36.0"; issue #34).
pub(crate) fn beside_limit(value: f32, limit: f32) -> String {
    (1..=3)
        .map(|d| format!("{value:.d$}"))
        .find(|s| s.parse::<f32>().is_ok_and(|v| v != limit))
        .unwrap_or_else(|| format!("{value:.3}"))
}

/// `c` with what was measured and its limit appended to its message ("Ölçülen: …"), so a
/// user sees why it passed or failed.
pub(crate) fn with_measure(mut c: Check, tr: String, en: String) -> Check {
    c.message.tr = format!("{} Ölçülen: {tr}.", c.message.tr);
    c.message.en = format!("{} Measured: {en}.", c.message.en);
    c
}

fn text(tr: String, en: String) -> Text {
    Text { tr, en }
}

fn advice(id: &'static str, passed: bool, value: f32, ok: Text, bad: Text) -> Check {
    Check {
        id,
        passed,
        needs_confirmation: false,
        advisory: true,
        value: value as f64,
        message: if passed { ok } else { bad },
    }
}

/// Head size, centring, eye line and roll, measured on the rendered crop (`measured` is
/// `None` when no face was found in it); eyes open from the source photo's `openness`.
/// `crown_cut`: the hair reaches the photo's own top edge, so no head size is claimed (the
/// crop would only show where the photo ends).
pub fn geometry_checks(
    measured: Option<&Measured>,
    openness: Option<[f32; 2]>,
    crown_cut: bool,
) -> Vec<Check> {
    let rows = PREVIEW_ROWS as f32;
    let width = rows * SPEC.width_mm / SPEC.height_mm;
    let Some(m) = measured else {
        return vec![
            check("photo.head_size", false, 0.0, ("", ""), (
                "Bu kırpmada baş ölçülemedi: yüz bulunamadı. Çerçeveyi başa göre yeniden ayarlayın veya Hane'nin kırpmasına dönün.",
                "The head could not be measured in this crop: no face was found. Set the frame around the head again, or go back to Hane's crop.",
            )),
            check("photo.eye_line", false, 0.0, ("", ""), (
                "Gözler bulunamadı. Gözler açık ve görünür olmalı (saç, gözlük parlaması veya gölge örtmemeli), yüz kameraya dönük olmalı.",
                "The eyes could not be found. They must be open and visible (no hair, glasses glare or shadow over them), with the face turned to the camera.",
            )),
        ];
    };
    let mut checks = Vec::new();
    let head_mm = m.head_height / rows * SPEC.height_mm;
    let ok = !crown_cut && (SPEC.head_min_mm..=SPEC.head_max_mm).contains(&head_mm);
    let (min, max) = (SPEC.head_min_mm, SPEC.head_max_mm);
    checks.push(Check {
        id: "photo.head_size",
        passed: ok,
        needs_confirmation: false,
        advisory: false,
        value: head_mm as f64,
        message: if crown_cut {
            text(
                "Saçın üstü fotoğrafın kenarında kalıyor; başın boyu ölçülemez. Başın üstünde boşluk olan bir fotoğraf seçin.".into(),
                "The top of the hair is at the photo's edge; the head's size cannot be measured. Choose a photo with space above the head.".into(),
            )
        } else if ok {
            text(
                format!("Baş boyutu uygun: {} mm (çeneden saçın üstüne; {min:.0}–{max:.0} mm).", tr_num(head_mm, 1)),
                format!("Head size is right: {head_mm:.1} mm (chin to top of the hair; {min:.0}–{max:.0} mm)."),
            )
        } else if head_mm < min {
            let shown = beside_limit(head_mm, min);
            text(
                format!("Baş çok küçük: {} mm, en az {min:.0} mm olmalı; yakınlaştırın (+).", shown.replace('.', ",")),
                format!("The head is too small: {shown} mm, at least {min:.0} mm; zoom in (+)."),
            )
        } else {
            let shown = beside_limit(head_mm, max);
            text(
                format!("Baş çok büyük: {} mm, en fazla {max:.0} mm olmalı; uzaklaştırın (−).", shown.replace('.', ",")),
                format!("The head is too large: {shown} mm, at most {max:.0} mm; zoom out (−)."),
            )
        },
    });
    let [ex, ey] = m.eye_centre();
    let off = ((ex - width / 2.0) / width).abs();
    checks.push(with_measure(
        check(
            "photo.centred",
            off <= 0.05,
            off as f64,
            ("Yüz ortada.", "The face is centred."),
            (
                "Yüz ortada değil; çerçeveyi yana kaydırın.",
                "The face is not centred; move the frame sideways.",
            ),
        ),
        format!("ortadan %{} kayma (en fazla %5)", tr_num(off * 100.0, 1)),
        format!("{:.1}% off the middle (at most 5%)", off * 100.0),
    ));
    let from_bottom = 1.0 - ey / rows;
    let (lo, hi) = (SPEC.eye_line_min * 100.0, SPEC.eye_line_max * 100.0);
    checks.push(with_measure(
        check(
            "photo.eye_line",
            (SPEC.eye_line_min..=SPEC.eye_line_max).contains(&from_bottom),
            from_bottom as f64,
            (
                "Gözler doğru yükseklikte.",
                "The eyes are at the right height.",
            ),
            (
                "Gözler işaretli bandın dışında; çerçeveyi yukarı veya aşağı kaydırın.",
                "The eyes are outside the marked band; move the frame up or down.",
            ),
        ),
        format!(
            "gözler alttan %{:.0} (%{lo:.0}–{hi:.0})",
            from_bottom * 100.0
        ),
        format!(
            "eyes {:.0}% from the bottom ({lo:.0}–{hi:.0}%)",
            from_bottom * 100.0
        ),
    ));
    let max_roll = SPEC.max_roll_degrees;
    checks.push(with_measure(
        check(
        "photo.roll",
        m.roll.abs() <= SPEC.max_roll_degrees,
        m.roll as f64,
        (
            "Baş dik, gözler aynı hizada.",
            "The head is straight, the eyes level.",
        ),
        (
            "Baş yana eğik. Başı dik tutarak yeniden çekin veya çerçeveyi döndürün.",
            "The head is tilted. Take the photo again with the head upright, or turn the frame.",
        ),
        ),
        format!("{}° (sınır {max_roll:.0}°)", tr_num(m.roll.abs(), 1)),
        format!("{:.1}° (limit {max_roll:.0}°)", m.roll.abs()),
    ));
    if let Some(openness) = openness {
        let least = openness[0].min(openness[1]);
        let min = SPEC.min_eye_openness;
        checks.push(with_measure(
            check(
                "photo.eyes_open",
                least >= min,
                least as f64,
                ("Gözler açık.", "The eyes are open."),
                (
                    "Gözler kapalı veya çok kısık görünüyor. Gözler tam açık, doğrudan kameraya bakarak yeniden çekin.",
                    "The eyes look closed or nearly closed. Take it again with the eyes fully open, looking straight at the camera.",
                ),
            ),
            format!("göz aralığı genişliğin {} katı (en az {})", tr_num(least, 2), tr_num(min, 2)),
            format!("eyelid gap {least:.2} of the eye's width (at least {min:.2})"),
        ));
    }
    checks
}

/// Pixels of `image` within `radius` of each of `centres` that the person mask calls the
/// person (the wall beside the jaw is never skin).
fn patches(image: &RgbImage, m: &Measured, centres: &[usize], radius: f32) -> Vec<image::Rgb<u8>> {
    let (w, h) = image.dimensions();
    let mut out = Vec::new();
    for &i in centres {
        let [cx, cy] = m.point(i);
        let (x0, x1) = ((cx - radius).max(0.0) as u32, ((cx + radius) as u32).min(w));
        let (y0, y1) = ((cy - radius).max(0.0) as u32, ((cy + radius) as u32).min(h));
        for y in y0..y1 {
            for x in x0..x1 {
                let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
                if dx * dx + dy * dy <= radius * radius
                    && m.mask.person_at(x as f32 + 0.5, y as f32 + 0.5) != Some(false)
                {
                    out.push(*image.get_pixel(x, y));
                }
            }
        }
    }
    out
}

/// The luma below which `share` of the face's pixels lie (the face from the brows to the
/// chin, between the cheeks).
fn face_percentile(image: &RgbImage, m: &Measured, share: f32) -> f32 {
    let d = m.eye_distance();
    let [ex, ey] = m.eye_centre();
    let (w, h) = image.dimensions();
    let mut values = Vec::new();
    for y in (ey - 0.4 * d).max(0.0) as u32..(m.chin[1].max(0.0) as u32).min(h) {
        for x in (ex - 0.9 * d).max(0.0) as u32..((ex + 0.9 * d).max(0.0) as u32).min(w) {
            values.push(luma(image.get_pixel(x, y)));
        }
    }
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f32::total_cmp);
    values[((values.len() - 1) as f32 * share) as usize]
}

/// The luma of the brightest tenth of the eye openings (inside the mesh's eyelid contours,
/// both eyes); 0 when they hold no pixel.
fn eye_white(image: &RgbImage, m: &Measured) -> f32 {
    let (w, h) = image.dimensions();
    let mut values = Vec::new();
    for contour in [point::EYE_LEFT, point::EYE_RIGHT] {
        // The contour lists the lower lid from the outer corner, then the upper lid from the
        // outer corner: the upper lid reversed closes the outline.
        let (lower, upper) = contour.split_at(9);
        let outline: Vec<[f32; 2]> = lower
            .iter()
            .chain(upper.iter().rev())
            .map(|&i| m.point(i))
            .collect();
        let (x0, x1) = outline
            .iter()
            .fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p[0]), b.max(p[0])));
        let (y0, y1) = outline
            .iter()
            .fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p[1]), b.max(p[1])));
        for y in y0.max(0.0) as u32..(y1.max(0.0).ceil() as u32).min(h) {
            for x in x0.max(0.0) as u32..(x1.max(0.0).ceil() as u32).min(w) {
                if inside(&outline, x as f32 + 0.5, y as f32 + 0.5) {
                    values.push(luma(image.get_pixel(x, y)));
                }
            }
        }
    }
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f32::total_cmp);
    values[((values.len() - 1) as f32 * 0.9) as usize]
}

/// Whether (x, y) is inside the polygon `outline` (even–odd rule).
fn inside(outline: &[[f32; 2]], x: f32, y: f32) -> bool {
    let mut within = false;
    let mut j = outline.len().wrapping_sub(1);
    for (i, a) in outline.iter().enumerate() {
        let b = outline[j];
        if (a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0] {
            within = !within;
        }
        j = i;
    }
    within
}

fn median(mut values: Vec<f32>) -> f32 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f32::total_cmp);
    values[values.len() / 2]
}

/// Exposure on skin (blocking), and the advice: lighting across the face, glare on
/// glasses, mouth, yaw, pitch.
pub fn skin_checks(image: &RgbImage, m: &Measured) -> Vec<Check> {
    let mut checks = Vec::new();
    let d = m.eye_distance();
    let r = SKIN_PATCH * d;
    let left = patches(image, m, &point::SKIN_LEFT, r);
    let right = patches(image, m, &point::SKIN_RIGHT, r);
    let middle = patches(image, m, &point::SKIN_MIDDLE, r);
    let skin: Vec<_> = left.iter().chain(&right).chain(&middle).copied().collect();
    let n = skin.len().max(1) as f32;
    let clipped = skin
        .iter()
        .filter(|p| p.0.iter().all(|&c| c >= WHITE))
        .count() as f32
        / n;
    let mid = median(skin.iter().map(luma).collect());
    // The brightest parts of the face (the whites of the eyes, highlights): in a dim photo
    // even they are dark, whatever the skin's tone.
    let brightest = face_percentile(image, m, 0.99);
    let too_dark = mid < MIN_SKIN_MEDIAN || brightest < MIN_FACE_HIGHLIGHT;
    let exposure_ok = !skin.is_empty() && clipped <= MAX_CLIPPED_SKIN && !too_dark;
    checks.push(Check {
        id: "photo.exposure",
        passed: exposure_ok,
        needs_confirmation: false,
        advisory: false,
        value: mid as f64,
        message: if exposure_ok {
            text(
                format!("Yüzün ışığı uygun (cilt parlaklığı {mid:.0}, tam beyaz %{}; en fazla %{:.0}).", tr_num(clipped * 100.0, 1), MAX_CLIPPED_SKIN * 100.0),
                format!("Exposure on the face is right (skin brightness {mid:.0}, pure white {:.1}%; at most {:.0}%).", clipped * 100.0, MAX_CLIPPED_SKIN * 100.0),
            )
        } else if too_dark {
            text(
                format!("Yüz çok karanlık (cilt parlaklığı {mid:.0}, en parlak yerleri {brightest:.0}; en az {MIN_SKIN_MEDIAN:.0} ve {MIN_FACE_HIGHLIGHT:.0}). Yüzü pencereye dönük, gün ışığında yeniden çekin."),
                format!("The face is too dark (skin brightness {mid:.0}, its brightest parts {brightest:.0}; at least {MIN_SKIN_MEDIAN:.0} and {MIN_FACE_HIGHLIGHT:.0}). Take it again facing a window, in daylight."),
            )
        } else {
            let pct = clipped * 100.0;
            let max = MAX_CLIPPED_SKIN * 100.0;
            text(
                format!("Yüz yanık: tam beyaz cilt oranı %{pct:.0} (en fazla %{max:.0}). Doğrudan flaş ya da güneş olmadan yeniden çekin."),
                format!("The face is burnt out: {pct:.0}% of the skin is pure white (at most {max:.0}%). Take it again without direct flash or sun."),
            )
        },
    });

    let mean = |px: &[image::Rgb<u8>]| mean_std(px.iter().map(luma)).0;
    let (l, rr) = (mean(&left), mean(&right));
    let ratio = if l.max(rr) > 0.0 {
        l.min(rr) / l.max(rr)
    } else {
        1.0
    };
    let ok = ratio >= MIN_HALF_RATIO;
    checks.push(advice(
        "photo.lighting",
        ok,
        ratio,
        text(
            format!("Yüz eşit aydınlanmış (iki yarının parlaklık oranı {}; sınır {}).", tr_num(ratio, 2), tr_num(MIN_HALF_RATIO, 2)),
            format!("The face is evenly lit (brightness ratio of its halves {ratio:.2}; limit {MIN_HALF_RATIO:.2})."),
        ),
        text(
            format!("Yüzün bir yarısı gölgede (parlaklık oranı {}; sınır {}). Işığı önden alarak yeniden çekmeniz önerilir.", tr_num(ratio, 2), tr_num(MIN_HALF_RATIO, 2)),
            format!("One half of the face is in shadow (brightness ratio {ratio:.2}; limit {MIN_HALF_RATIO:.2}). Taking it again with the light in front is advised."),
        ),
    ));

    let eye_r = 0.3 * d;
    let eyes = [m.eye_left, m.eye_right];
    let mut bright = 0usize;
    let mut total = 0usize;
    let (w, h) = image.dimensions();
    for [cx, cy] in eyes {
        for y in (cy - eye_r).max(0.0) as u32..((cy + eye_r) as u32).min(h) {
            for x in (cx - 1.5 * eye_r).max(0.0) as u32..((cx + 1.5 * eye_r) as u32).min(w) {
                let p = image.get_pixel(x, y);
                total += 1;
                if luma(p) >= 245.0 && chroma(p) <= 30.0 {
                    bright += 1;
                }
            }
        }
    }
    let glare = bright as f32 / total.max(1) as f32;
    let (pct, max) = (glare * 100.0, MAX_EYE_GLARE * 100.0);
    checks.push(advice(
        "photo.glare",
        glare <= MAX_EYE_GLARE,
        glare,
        text(
            format!("Gözlerde parlama yok (%{}; sınır %{max:.0}).", tr_num(pct, 1)),
            format!("No glare over the eyes ({pct:.1}%; limit {max:.0}%)."),
        ),
        text(
            format!("Gözlerin üstünde parlama var (%{}; sınır %{max:.0}): gözlük camı ışığı yansıtıyor olabilir. Gözlüksüz veya ışığı yandan alarak çekmeniz önerilir.", tr_num(pct, 1)),
            format!("Glare over the eyes ({pct:.1}%; limit {max:.0}%): glasses may reflect the light. Taking it without glasses, or with the light from the side, is advised."),
        ),
    ));

    let white = eye_white(image, m) / mid.max(1.0);
    checks.push(advice(
        "photo.occlusion",
        white >= MIN_EYE_WHITE,
        white,
        text(
            format!("Gözler açıkça görünüyor (gözlerin en parlak kısmı cildin {} katı; en az {}).", tr_num(white, 2), tr_num(MIN_EYE_WHITE, 2)),
            format!("The eyes are clearly visible (their brightest part {white:.2} of the skin's brightness; at least {MIN_EYE_WHITE:.2})."),
        ),
        text(
            format!("Gözler kapalı görünüyor (gözlerin en parlak kısmı cildin {} katı; en az {}): koyu gözlük, saç ya da bir nesne gözlerin önünde olabilir. Gözler açıkça görünecek şekilde çekmeniz önerilir.", tr_num(white, 2), tr_num(MIN_EYE_WHITE, 2)),
            format!("The eyes look covered (their brightest part {white:.2} of the skin's brightness; at least {MIN_EYE_WHITE:.2}): dark glasses, hair or something else may be in front of them. Taking it with the eyes clearly visible is advised."),
        ),
    ));

    let mouth = m.mouth_open;
    let (pct, max) = (mouth * 100.0, MAX_MOUTH_OPEN * 100.0);
    checks.push(advice(
        "photo.expression",
        mouth <= MAX_MOUTH_OPEN,
        mouth,
        text(
            format!("Ağız kapalı (dudak aralığı / ağız genişliği: %{pct:.0}; sınır %{max:.0})."),
            format!("The mouth is closed (lip gap {pct:.0}% of the mouth's width; limit {max:.0}%)."),
        ),
        text(
            format!("Ağız açık veya dişler görünüyor (dudak aralığı / ağız genişliği: %{pct:.0}; sınır %{max:.0}). Biyometrik fotoğrafta ifade nötr, ağız kapalı olmalı."),
            format!("The mouth is open or the teeth show (lip gap {pct:.0}% of the mouth's width; limit {max:.0}%). A biometric photo needs a neutral expression, mouth closed."),
        ),
    ));

    for (id, value, max, tr_ok, en_ok, tr_bad, en_bad) in [
        (
            "photo.yaw",
            m.yaw,
            MAX_YAW,
            "Yüz kameraya dönük",
            "The face is turned to the camera",
            "Baş yana dönük",
            "The head is turned sideways",
        ),
        (
            "photo.pitch",
            m.pitch,
            MAX_PITCH,
            "Baş ne yukarı ne aşağı eğik",
            "The head is tilted neither up nor down",
            "Baş yukarı veya aşağı eğik",
            "The head is tilted up or down",
        ),
    ] {
        let ok = value.abs() <= max;
        checks.push(advice(
            id,
            ok,
            value,
            text(
                format!("{tr_ok} ({:.0}°; sınır {max:.0}°).", value.abs()),
                format!("{en_ok} ({:.0}°; limit {max:.0}°).", value.abs()),
            ),
            text(
                format!("{tr_bad}: {:.0}° (sınır {max:.0}°). Doğrudan kameraya bakarak yeniden çekmeniz önerilir.", value.abs()),
                format!("{en_bad}: {:.0}° (limit {max:.0}°). Taking it again looking straight at the camera is advised.", value.abs()),
            ),
        ));
    }
    checks
}

#[cfg(test)]
mod tests {
    use super::beside_limit;

    /// A failed size never reads as the limit itself ("36,0 mm, en fazla 36 mm").
    #[test]
    fn a_value_beside_its_limit_shows_the_decimals_that_differ() {
        assert_eq!(beside_limit(36.04, 36.0), "36.04");
        assert_eq!(beside_limit(36.4, 36.0), "36.4");
        assert_eq!(beside_limit(31.96, 32.0), "31.96");
        assert_eq!(beside_limit(31.9996, 32.0), "32.000");
        assert_eq!(beside_limit(27.5, 32.0), "27.5");
    }
}
