//! Hane's core: storage, the vault, backups, the generated paperwork, and [`api`] — the one
//! surface both the desktop shell (`src-tauri`) and the CLI call. No Tauri dependency, so
//! it is tested headless.
//!
//! Dependencies point one way (`docs/architecture.md`): shells → [`api`] → [`storage`] →
//! `hane-domain`; [`api`] also uses `hane-photo` and `hane-pdf`, which use only the
//! domain (and `hane-image`). Nothing below [`api`] takes a [`storage::Database`] except
//! storage itself, the vault that opens it and the backup that reads and fills it; an
//! `xtask` check keeps it so.
//!
//! The domain and media crates are re-exported under their old names, so a shell can say
//! `hane_core::case::CaseDoc` or `hane_core::pdf::scan` without a dependency of its own.

pub mod api;
pub mod backup;
pub mod bundle;
pub mod kdf;
pub mod mrz;
pub mod notices;
pub mod page;
pub mod paperwork;
pub mod paths;
pub mod storage;
pub mod vault;

pub use hane_domain::{
    calendar, case, checklist, clock, contract, deadlines, error, journey, limits, money, people,
    photo_spec, places, renewal, rules, settings, sources, status, submission, text, tracking,
};
pub use hane_domain::{ErrorPayload, HaneError, Result};
pub use hane_pdf as pdf;
pub use hane_photo as photo;
