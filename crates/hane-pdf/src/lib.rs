//! Hane's PDFs, depending on the domain only: scans and photos turned into upload-ready
//! PDFs ([`scan`]) and recompressed to fit a size, user PDFs checked ([`inspect`]) and split
//! into pages ([`scan_pages`]) or read for the pictures in them ([`images`]), and the A4 sheet writer ([`sheet`]) with embedded, subset
//! DejaVu fonts that cover Turkish. The petition and summary themselves are `hane-core`'s
//! paperwork: they need the case and the checklist, this crate only writes the sheet.

pub mod images;
pub mod inspect;
pub mod scan;
pub mod scan_pages;
pub mod sheet;
