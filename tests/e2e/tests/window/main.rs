//! The real Hane window, driven through tauri-driver + WebKitWebDriver under Xvfb: one
//! test binary (one link instead of three). Run by `cargo xtask test` (it builds the app
//! and sets up the display); ignored by a plain `cargo test` because it needs that set-up.
//! Every test is named `window_…`: xtask skips that prefix on OSes without a driver. The
//! tests take turns (`one_window_at_a_time`); the page objects are `hane_e2e::pages`.

mod a11y;
mod app;
mod wizard;
