//! Limits on what a user can give Hane, shared by the crates that read files and by the UI
//! (which checks a picked file's size before sending it).

/// Largest input file accepted — a photo, a scan, a PDF (a phone photo is ~5 MB; a 600-dpi
/// A4 scan ~20 MB).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// Largest case file (`hane-cli validate`, import): a case is a few kilobytes of JSON.
pub const MAX_CASE_FILE_BYTES: u64 = 10 * 1024 * 1024;
