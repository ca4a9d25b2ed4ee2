//! hane-core's integration tests, one binary (one link of the whole stack instead of one
//! per file): real SQLCipher files, the real keyring, PDFs checked by qpdf and poppler.

mod backup;
mod bundle;
mod common;
mod contract;
mod household;
mod mrz;
mod page;
mod pdf_generated;
mod people;
mod photo;
mod photo_measure;
mod submission;
mod vault;
