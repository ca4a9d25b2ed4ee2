//! PDFs: scans and photos turned into upload-ready PDFs (`scan`), user PDFs checked
//! (`inspect`), and the documents Hane writes itself — the petition and the summary sheet
//! (`petition`, `summary`) — with embedded, subset DejaVu fonts that cover Turkish.

pub mod documents_pdf;
pub mod inspect;
pub mod labels;
pub mod scan;
pub mod scan_pages;
pub mod sheet;
