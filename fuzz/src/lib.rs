//! Shared by the fuzz targets.

/// Hane catches its JPEG decoder's panics on purpose (`image_input::guarded_decode`: a bug
/// in zune-jpeg on a hostile frame becomes "cannot be read"). libfuzzer-sys installs a
/// panic hook that aborts at once, before any `catch_unwind` can run, which would report
/// those caught panics as crashes. Restoring the default hook keeps them caught; a panic
/// that escapes Hane still aborts the run (libfuzzer-sys checks the result of the target
/// with its own `catch_unwind`) and is reported as a crash.
pub fn only_uncaught_panics_crash() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| drop(std::panic::take_hook()));
}
