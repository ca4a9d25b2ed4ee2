//! Hane's pure domain: what an e-İzin application is and what the portal's rules say about
//! it, as plain functions of the case and "today". No database, no media, no Tauri: a rules
//! edit rebuilds and tests this crate alone in seconds (`cargo test -p hane-domain`).
//!
//! - [`case`]: the application case (başvuru dosyası), screen by screen as e-İzin asks it;
//! - [`rules`]: the portal's rules, each with its source sentence;
//! - [`deadlines`], [`tracking`], [`status`], [`submission`], [`renewal`], [`calendar`]: what
//!   happens after submission;
//! - [`journey`]: the stages a first-time employer goes through, and the next one;
//! - [`checklist`]: the documents a case needs and what is attached;
//! - [`contract`]: the employment contract drafted from the case, and the caregiver's pack;
//! - [`places`]: the provinces, districts and countries the portal lists;
//! - [`people`]: the household and the caregiver, kept across applications;
//! - [`photo_spec`]: the biometric photo's spec and the crop type;
//! - [`sources`]: the seed documents' names, so users never read a seed code;
//! - [`quotes`]: the sources' sentences shown word for word, and Hane's notes kept apart;
//! - [`money`], [`clock`], [`text`], [`limits`], [`settings`];
//! - [`error`]: the error codes that cross the IPC boundary (the UI translates them).

pub mod calendar;
pub mod case;
pub mod checklist;
pub mod clock;
pub mod contract;
pub mod deadlines;
pub mod error;
pub mod journey;
pub mod limits;
pub mod money;
pub mod mrz;
pub mod people;
pub mod photo_spec;
pub mod places;
pub mod quotes;
pub mod renewal;
pub mod rules;
pub mod settings;
pub mod sources;
pub mod status;
pub mod submission;
#[cfg(test)]
mod testing;
pub mod text;
pub mod tracking;

pub use error::{ErrorPayload, HaneError, Result};
