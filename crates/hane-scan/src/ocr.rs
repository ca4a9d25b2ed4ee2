//! One MRZ line read by PaddleOCR's PP-OCRv6 text recogniser, cut to the MRZ's 37
//! characters (`assets/models/mrz-src`), run in tract. Greedy CTC decoding keeps, for every
//! character, the model's probabilities over the whole alphabet, so the caller can choose
//! among the characters a position allows and say how sure the model was.

use std::sync::{Arc, OnceLock};

use image::GrayImage;
use tract_onnx::prelude::*;

const MODEL: &[u8] = include_bytes!("../../../assets/models/mrz_rec.onnx");
/// The model's classes after CTC's blank (class 0), in order; `cut.py` writes the same.
pub const ALPHABET: &[u8; 37] = b"<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/// The strip the model reads: 48 rows (PP-OCR's height), a fixed width (one optimised
/// plan); 128 time steps, about three per MRZ character.
pub const STRIP_HEIGHT: usize = 48;
pub const STRIP_WIDTH: usize = 1024;

type Model = Arc<TypedRunnableModel>;

fn model() -> Option<&'static Model> {
    static PLAN: OnceLock<Option<Model>> = OnceLock::new();
    PLAN.get_or_init(|| {
        let onnx = tract_onnx::onnx();
        onnx.proto_model_for_read(&mut std::io::Cursor::new(MODEL))
            .and_then(|proto| onnx.model_for_proto_model(&widened(proto)))
            .and_then(|m| {
                m.with_input_fact(0, f32::fact([1, 3, STRIP_HEIGHT, STRIP_WIDTH]).into())?
                    .into_optimized()?
                    .into_runnable()
            })
            .ok()
    })
    .as_ref()
}

/// The model's weights are stored at half precision, each behind a Cast to float32 (`cut.py`:
/// 6.1 MB instead of 12.1). They are widened here, before tract sees the graph: left to
/// tract, the folded casts gave the same plan but ran ~10 % slower per strip than the same
/// weights stored as float32 (median of 8 runs: 73 against 66 ms). A Cast is replaced only
/// where its input is a whole half-precision weight that nothing else reads; anything else
/// is left for tract to run as written.
fn widened(mut proto: tract_onnx::pb::ModelProto) -> tract_onnx::pb::ModelProto {
    use std::collections::HashMap;
    use tract_onnx::pb::tensor_proto::DataType;
    let Some(graph) = proto.graph.as_mut() else {
        return proto;
    };
    let mut readers: HashMap<&str, usize> = HashMap::new();
    for input in graph.node.iter().flat_map(|n| &n.input) {
        *readers.entry(input.as_str()).or_default() += 1;
    }
    let mut halves: HashMap<String, usize> = graph
        .initializer
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            let len: i64 = t.dims.iter().product();
            t.data_type == DataType::Float16 as i32
                && t.raw_data.len() as i64 == 2 * len
                && readers.get(t.name.as_str()) == Some(&1)
        })
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    let float = DataType::Float as i32;
    let mut widen = Vec::new();
    graph.node.retain(|n| {
        let to_float = n
            .attribute
            .iter()
            .any(|a| a.name == "to" && a.i == i64::from(float));
        let ("Cast", true, [input], [output]) = (
            n.op_type.as_str(),
            to_float,
            n.input.as_slice(),
            n.output.as_slice(),
        ) else {
            return true;
        };
        let Some(i) = halves.remove(input) else {
            return true;
        };
        widen.push((i, output.clone()));
        false
    });
    for (i, name) in widen {
        let t = &mut graph.initializer[i];
        t.raw_data = t
            .raw_data
            .chunks_exact(2)
            .flat_map(|b| f16::from_le_bytes([b[0], b[1]]).to_f32().to_le_bytes())
            .collect();
        t.data_type = float;
        t.name = name;
    }
    proto
}

/// One character as read: the model's probability for each of [`ALPHABET`] at the time
/// step where the character was most certain (blank left out; they need not sum to 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    pub probs: [f32; 37],
}

impl Read {
    /// The most probable character among those `allowed` says yes to, and its probability
    /// as a share of the allowed characters' (how sure the model is that it is this one and
    /// no other it could be here).
    pub fn best(&self, allowed: impl Fn(u8) -> bool) -> (u8, f32) {
        self.ranked(allowed).first().copied().unwrap_or((b'<', 0.0))
    }

    /// The allowed characters, most probable first, each with its share of the allowed
    /// characters' probability.
    pub fn ranked(&self, allowed: impl Fn(u8) -> bool) -> Vec<(u8, f32)> {
        let mut out: Vec<(u8, f32)> = ALPHABET
            .iter()
            .zip(&self.probs)
            .filter(|(&c, _)| allowed(c))
            .map(|(&c, &p)| (c, p))
            .collect();
        let total: f32 = out.iter().map(|(_, p)| p).sum();
        for (_, p) in &mut out {
            *p = if total > 0.0 { *p / total } else { 0.0 };
        }
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out
    }
}

/// The characters in `strip` (STRIP_HEIGHT × STRIP_WIDTH, dark text on light), left to
/// right; `None` when the model cannot run.
/// The model on one strip.
fn run(strip: &GrayImage) -> Option<TVec<TValue>> {
    let model = model()?;
    // PP-OCR's input: RGB scaled to [-1, 1]; gray repeated in the three channels.
    let input =
        tract_ndarray::Array4::from_shape_fn((1, 3, STRIP_HEIGHT, STRIP_WIDTH), |(_, _, y, x)| {
            strip.get_pixel(x as u32, y as u32).0[0] as f32 / 127.5 - 1.0
        });
    model.run(tvec!(Tensor::from(input).into())).ok()
}

pub fn read(strip: &GrayImage) -> Option<Vec<Read>> {
    if strip.dimensions() != (STRIP_WIDTH as u32, STRIP_HEIGHT as u32) {
        return None;
    }
    let outputs = run(strip)?;
    let probs = outputs[0].to_plain_array_view::<f32>().ok()?;
    let classes = ALPHABET.len() + 1;
    if probs.ndim() != 3 || probs.shape()[2] != classes {
        return None;
    }
    let mut out: Vec<Read> = Vec::new();
    let mut prev = 0usize;
    let mut best_here = 0.0f32;
    for step in probs.outer_iter().next()?.outer_iter() {
        let (class, p) =
            step.iter()
                .enumerate()
                .fold((0, f32::MIN), |b, (i, &p)| if p > b.1 { (i, p) } else { b });
        if class != 0 {
            let mut read = Read { probs: [0.0; 37] };
            for (slot, &v) in read.probs.iter_mut().zip(step.iter().skip(1)) {
                *slot = v;
            }
            if class != prev {
                out.push(read);
                best_here = p;
            } else if p > best_here {
                // The same character over several steps: keep its surest step.
                if let Some(last) = out.last_mut() {
                    *last = read;
                }
                best_here = p;
            }
        }
        prev = class;
    }
    Some(out)
}

/// How many characters the recogniser reads with confidence in each half of the strip: the
/// sum, over the output steps whose likeliest class is a character, of that character's
/// probability — left half and right half. Used to tell which way up a line of print is
/// (the page finder puts a line and its half turn side by side). `None` when the model
/// does not run.
pub fn confidence_by_half(strip: &GrayImage) -> Option<[f32; 2]> {
    if strip.dimensions() != (STRIP_WIDTH as u32, STRIP_HEIGHT as u32) {
        return None;
    }
    let outputs = run(strip)?;
    let probs = outputs[0].to_plain_array_view::<f32>().ok()?;
    if probs.ndim() != 3 {
        return None;
    }
    let steps = probs.shape()[1];
    let mut halves = [0.0f32; 2];
    for (i, step) in probs.outer_iter().next()?.outer_iter().enumerate() {
        let (class, p) =
            step.iter()
                .enumerate()
                .fold((0, f32::MIN), |b, (i, &p)| if p > b.1 { (i, p) } else { b });
        if class != 0 {
            halves[(2 * i / steps.max(1)).min(1)] += p;
        }
    }
    Some(halves)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_loads_and_an_empty_strip_reads_as_nothing() {
        assert!(model().is_some());
        let blank =
            GrayImage::from_pixel(STRIP_WIDTH as u32, STRIP_HEIGHT as u32, image::Luma([255]));
        assert_eq!(read(&blank).map(|r| r.len()), Some(0));
        assert_eq!(read(&GrayImage::new(10, 10)), None);
    }

    #[test]
    fn the_half_precision_weights_reach_tract_as_float32_without_casts() {
        use tract_onnx::pb::tensor_proto::DataType;
        let onnx = tract_onnx::onnx();
        let stored = onnx
            .proto_model_for_read(&mut std::io::Cursor::new(MODEL))
            .unwrap();
        let halves = |p: &tract_onnx::pb::ModelProto| {
            let g = p.graph.as_ref().unwrap();
            let half = DataType::Float16 as i32;
            let casts = g.node.iter().filter(|n| n.op_type == "Cast").count();
            (
                g.initializer.iter().filter(|t| t.data_type == half).count(),
                casts,
            )
        };
        let (weights, casts) = halves(&stored);
        assert!(
            weights > 100 && casts == weights,
            "{weights} weights, {casts} casts"
        );
        let widened = widened(stored.clone());
        assert_eq!(halves(&widened), (0, 0));
        // Same weights, to the bit of a float16, under the names the graph uses.
        let g = stored.graph.as_ref().unwrap();
        let cast = g.node.iter().find(|n| n.op_type == "Cast").unwrap();
        let half = g
            .initializer
            .iter()
            .find(|t| t.name == cast.input[0])
            .unwrap();
        let wide = &widened.graph.as_ref().unwrap().initializer;
        let wide = wide.iter().find(|t| t.name == cast.output[0]).unwrap();
        assert_eq!(wide.raw_data.len(), 2 * half.raw_data.len());
        for (h, w) in half.raw_data.chunks(2).zip(wide.raw_data.chunks(4)) {
            let h = f16::from_le_bytes([h[0], h[1]]).to_f32();
            assert_eq!(
                h.to_bits(),
                f32::from_le_bytes([w[0], w[1], w[2], w[3]]).to_bits()
            );
        }
    }

    #[test]
    fn best_keeps_to_the_allowed_characters() {
        let mut r = Read { probs: [0.0; 37] };
        r.probs[1] = 0.9; // '0'
        r.probs[25] = 0.06; // 'O'
        let (c, p) = r.best(|c| c.is_ascii_digit());
        assert_eq!((c, (p * 100.0).round()), (b'0', 100.0));
        let (c, p) = r.best(|c| c.is_ascii_uppercase());
        assert_eq!(c, b'O');
        assert!(p > 0.99, "{p}");
        let (c, p) = r.best(|c| c.is_ascii_alphanumeric());
        assert_eq!(c, b'0');
        assert!((p - 0.9 / 0.96).abs() < 1e-4, "{p}");
    }
}
