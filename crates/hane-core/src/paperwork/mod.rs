//! The documents Hane writes itself from a case: the petition (dilekçe) and the summary
//! sheet, on `hane-pdf`'s A4 sheet writer.

pub mod contract_pdf;
pub mod documents_pdf;
pub mod labels;
