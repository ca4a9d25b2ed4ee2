//! Errors the core can return. Each variant has a stable `code` that crosses the IPC
//! boundary; the UI owns the Turkish/English wording for every code
//! (`ui/i18n/*.js`, key `errors.<code>`). `Display` is an English developer message and
//! never contains personal data, so it is safe to log.

use serde::Serialize;

#[derive(Debug, Clone, thiserror::Error)]
pub enum HaneError {
    /// A required field of a form was left empty.
    #[error("required field is empty: {field}")]
    Required { field: &'static str },

    /// A text field is longer than the core accepts.
    #[error("field is too long: {field} (max {max} characters)")]
    TooLong { field: &'static str, max: usize },

    /// No case with the given id exists.
    #[error("case not found")]
    CaseNotFound,

    /// A recorded event dated after today.
    #[error("event dated in the future")]
    EventInFuture,

    /// No event with the given id exists in this case's history.
    #[error("event not found")]
    EventNotFound,

    /// An event kind name the core does not know.
    #[error("unknown event kind")]
    EventUnknownKind,

    /// An approval recorded without the permit's start or end date.
    #[error("approval needs the permit's start and end dates: {field}")]
    PermitDateMissing { field: &'static str },

    /// An approval whose permit ends on or before it starts.
    #[error("permit end is not after its start")]
    PermitEndBeforeStart,

    /// An event dated before the application it belongs to was submitted.
    #[error("event dated before the submission")]
    EventBeforeSubmission,

    /// An amount of money that cannot be read without guessing.
    #[error("amount not accepted ({}): {field}", problem.code())]
    Money {
        field: &'static str,
        problem: crate::money::MoneyProblem,
    },

    /// The database was written by a newer Hane; we refuse to touch it.
    #[error("database schema version {found} is newer than this Hane supports ({supported})")]
    DatabaseTooNew { found: i64, supported: i64 },

    /// The database file exists but cannot be read as a Hane database.
    #[error("database cannot be opened: {0}")]
    DatabaseUnreadable(String),

    /// Any other SQLite failure (its text: the domain does not link SQLite).
    #[error("database error: {0}")]
    Database(String),

    /// The data folder cannot be created or written.
    #[error("data folder is not usable: {0}")]
    DataDir(String),

    /// A stored document could not be decoded (corruption or a bug).
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),

    /// A setting has a value the core does not accept.
    #[error("invalid value for setting {key}")]
    InvalidSetting { key: &'static str },

    /// The random generator or a cipher failed.
    #[error("cryptography failure: {0}")]
    Crypto(String),

    /// A new passphrase is too short.
    #[error("passphrase shorter than {min} characters")]
    PassphraseTooShort { min: usize },

    /// The data folder is protected by a passphrase and none was given.
    #[error("passphrase required")]
    PassphraseRequired,

    /// The passphrase does not decrypt the database.
    #[error("wrong passphrase")]
    WrongPassphrase,

    /// The key does not decrypt the database (wrong key or a damaged file).
    #[error("database cannot be decrypted")]
    CannotDecrypt,

    /// The keyring works but no longer holds the key of an existing database.
    #[error("database key missing from the keyring")]
    KeyMissing,

    /// The keyring that holds the key cannot be reached (locked, no Secret Service).
    #[error("keyring unavailable: {0}")]
    KeyringUnavailable(String),

    /// The backup passphrase is wrong.
    #[error("wrong backup passphrase")]
    BackupWrongPassphrase,

    /// The file is not a Hane backup, or it is truncated or damaged.
    #[error("backup file is damaged or not a Hane backup")]
    BackupCorrupt,

    /// A backup would be larger than Hane restores (its memory bound); nothing was written.
    #[error("backup larger than {max_mb} MB")]
    BackupTooLarge { max_mb: u32 },

    /// A case file given to `validate` is not JSON or not a case document.
    #[error("not a case file: {0}")]
    InvalidCaseFile(String),

    /// A file bigger than Hane accepts for one document.
    #[error("file larger than {max_mb} MB")]
    FileTooLarge { max_mb: u32 },

    /// An image with more pixels than Hane accepts.
    #[error("image of {megapixels} megapixels is too large")]
    ImageTooLarge { megapixels: u32 },

    /// An image file that cannot be read (damaged, truncated).
    #[error("image cannot be read")]
    ImageUnreadable,

    /// An image format Hane does not take (HEIC, WebP, GIF, …).
    #[error("unsupported image format")]
    UnsupportedImage,

    /// A PDF was mixed with images for one scan; attach it on its own.
    #[error("a PDF cannot be combined with images")]
    PdfAmongImages,

    /// The file claims to be a PDF but is not one.
    #[error("not a PDF")]
    NotAPdf,

    /// The PDF does not open (damaged or truncated).
    #[error("PDF is damaged")]
    PdfDamaged,

    /// No passport MRZ (two lines of 44 characters) was found on the page.
    #[error("no MRZ found")]
    MrzNotFound,

    /// A PDF given for its passport page holds no picture Hane can read (made of text, or
    /// of image kinds it does not decode).
    #[error("no readable image in the PDF")]
    MrzNoImage,

    /// Page corners given by the user that are not four points on the image forming a
    /// four-sided page.
    #[error("page corners do not outline a page on the image")]
    PageCorners,

    /// The PDF is password-protected or encrypted.
    #[error("PDF is encrypted")]
    PdfEncrypted,

    /// Nothing to put in the document.
    #[error("no pages")]
    NoPages,

    /// More pages than one document may have.
    #[error("more than {max} pages")]
    TooManyPages { max: u32 },

    /// No document with that id in this case.
    #[error("document not found")]
    DocumentNotFound,

    /// PDF generation failed (a bug or a font problem).
    #[error("PDF generation failed: {0}")]
    PdfGeneration(String),

    /// The case has no photo yet.
    #[error("no photo")]
    PhotoMissing,

    /// The photo could not be written as JPEG (a bug or no memory).
    #[error("photo encoding failed: {0}")]
    PhotoEncode(String),

    /// The photo cannot be approved: a check failed, or its date is unconfirmed.
    #[error("photo checks failed")]
    PhotoNotApprovable,

    /// Export refused: blocking findings or missing required documents remain.
    #[error("{count} blocking problems left")]
    ExportBlocked { count: usize },

    /// The export folder cannot be written (permissions, read-only medium).
    #[error("export folder not writable")]
    ExportPermissionDenied,

    /// The export folder disappeared (a removed drive, a deleted folder).
    #[error("export folder unavailable")]
    ExportTargetUnavailable,

    /// The disk is full.
    #[error("disk full")]
    ExportDiskFull,

    /// A file the user chose cannot be read or written.
    #[error("file cannot be read or written: {0}")]
    FileAccess(String),

    /// An extension was asked of a case with no approval (and permit end) recorded.
    #[error("no approved permit to extend")]
    RenewalNotApproved,

    /// The contract cannot be drafted yet: a value it takes from the application is
    /// missing (`field`, the first one in the form's order).
    #[error("contract needs {field}")]
    ContractIncomplete { field: &'static str },

    /// A language Hane does not write the contract or the pack in.
    #[error("unsupported language")]
    UnsupportedLanguage,

    /// A bug: a command panicked. The shell turns the panic into this error so the window
    /// keeps working (issue #17); nothing was saved by the failed command.
    #[error("internal error")]
    Internal,
}

impl HaneError {
    /// The stable code the UI translates. Never change a published code; add new ones.
    pub fn code(&self) -> &'static str {
        match self {
            HaneError::Required { .. } => "field.required",
            HaneError::TooLong { .. } => "field.too_long",
            HaneError::CaseNotFound => "case.not_found",
            HaneError::EventNotFound => "event.not_found",
            HaneError::EventInFuture => "event.future_date",
            HaneError::EventUnknownKind => "event.unknown_kind",
            HaneError::PermitDateMissing { .. } => "event.permit_dates",
            HaneError::PermitEndBeforeStart => "event.permit_order",
            HaneError::EventBeforeSubmission => "event.before_submission",
            HaneError::Money { problem, .. } => problem.code(),
            HaneError::DatabaseTooNew { .. } => "db.too_new",
            HaneError::DatabaseUnreadable(_) => "db.unreadable",
            HaneError::Database(_) => "db.error",
            HaneError::DataDir(_) => "storage.data_dir",
            HaneError::Corrupt(_) => "storage.corrupt",
            HaneError::InvalidSetting { .. } => "settings.invalid",
            HaneError::Crypto(_) => "crypto.failure",
            HaneError::PassphraseTooShort { .. } => "vault.passphrase_too_short",
            HaneError::PassphraseRequired => "vault.passphrase_required",
            HaneError::WrongPassphrase => "vault.wrong_passphrase",
            HaneError::CannotDecrypt => "db.cannot_decrypt",
            HaneError::KeyMissing => "vault.key_missing",
            HaneError::KeyringUnavailable(_) => "vault.keyring_unavailable",
            HaneError::BackupWrongPassphrase => "backup.wrong_passphrase",
            HaneError::BackupCorrupt => "backup.corrupt",
            HaneError::BackupTooLarge { .. } => "backup.too_large",
            HaneError::InvalidCaseFile(_) => "file.invalid_case",
            HaneError::FileTooLarge { .. } => "file.too_large",
            HaneError::ImageTooLarge { .. } => "image.too_large",
            HaneError::ImageUnreadable => "image.unreadable",
            HaneError::UnsupportedImage => "image.unsupported",
            HaneError::PdfAmongImages => "document.pdf_among_images",
            HaneError::NotAPdf => "pdf.not_a_pdf",
            HaneError::PdfDamaged => "pdf.damaged",
            HaneError::MrzNotFound => "mrz.not_found",
            HaneError::MrzNoImage => "mrz.no_image",
            HaneError::PageCorners => "page.corners",
            HaneError::PdfEncrypted => "pdf.encrypted",
            HaneError::NoPages => "document.no_pages",
            HaneError::TooManyPages { .. } => "document.too_many_pages",
            HaneError::DocumentNotFound => "document.not_found",
            HaneError::PdfGeneration(_) => "pdf.generation",
            HaneError::PhotoMissing => "photo.missing",
            HaneError::PhotoNotApprovable => "photo.not_approvable",
            HaneError::PhotoEncode(_) => "photo.encode",
            HaneError::ExportBlocked { .. } => "export.blocked",
            HaneError::ExportPermissionDenied => "export.permission_denied",
            HaneError::ExportTargetUnavailable => "export.target_unavailable",
            HaneError::ExportDiskFull => "export.disk_full",
            HaneError::FileAccess(_) => "file.access",
            HaneError::RenewalNotApproved => "renewal.not_approved",
            HaneError::ContractIncomplete { .. } => "contract.incomplete",
            HaneError::UnsupportedLanguage => "contract.language",
            HaneError::Internal => "internal",
        }
    }

    /// The field a form error belongs to, so the UI can place the message beside it.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            HaneError::Required { field }
            | HaneError::TooLong { field, .. }
            | HaneError::PermitDateMissing { field }
            | HaneError::ContractIncomplete { field }
            | HaneError::Money { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The `{ code, message, field }` shape that crosses the IPC boundary.
    pub fn to_payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
            field: self.field(),
        }
    }
}

/// What the UI receives for a failed call.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ErrorPayload {
    pub code: &'static str,
    /// English developer text; the UI shows its own localized text for `code`.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

impl Serialize for HaneError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_payload().serialize(s)
    }
}

pub type Result<T, E = HaneError> = std::result::Result<T, E>;

/// Every code the core can emit, so a test can prove each one has a translation.
pub const ALL_CODES: &[&str] = &[
    "field.required",
    "field.too_long",
    "case.not_found",
    "event.not_found",
    "event.future_date",
    "event.unknown_kind",
    "event.permit_dates",
    "event.permit_order",
    "event.before_submission",
    "money.empty",
    "money.not_a_number",
    "money.ambiguous",
    "money.negative",
    "money.too_large",
    "db.too_new",
    "db.unreadable",
    "db.error",
    "storage.data_dir",
    "storage.corrupt",
    "settings.invalid",
    "crypto.failure",
    "vault.passphrase_too_short",
    "vault.passphrase_required",
    "vault.wrong_passphrase",
    "db.cannot_decrypt",
    "vault.key_missing",
    "vault.keyring_unavailable",
    "backup.wrong_passphrase",
    "backup.corrupt",
    "backup.too_large",
    "file.invalid_case",
    "file.too_large",
    "image.too_large",
    "image.unreadable",
    "image.unsupported",
    "document.pdf_among_images",
    "pdf.not_a_pdf",
    "pdf.damaged",
    "mrz.not_found",
    "mrz.no_image",
    "page.corners",
    "pdf.encrypted",
    "document.no_pages",
    "document.too_many_pages",
    "document.not_found",
    "pdf.generation",
    "photo.missing",
    "photo.not_approvable",
    "photo.encode",
    "export.blocked",
    "export.permission_denied",
    "export.target_unavailable",
    "export.disk_full",
    "file.access",
    "renewal.not_approved",
    "contract.incomplete",
    "contract.language",
    "internal",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_has_code_message_and_field() {
        let e = HaneError::Required {
            field: "employer_name",
        };
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "field.required");
        assert_eq!(v["field"], "employer_name");
        assert!(v["message"].as_str().unwrap().contains("employer_name"));
    }

    #[test]
    fn every_variant_code_is_listed() {
        let samples = [
            HaneError::Required { field: "x" },
            HaneError::TooLong { field: "x", max: 1 },
            HaneError::CaseNotFound,
            HaneError::EventNotFound,
            HaneError::EventInFuture,
            HaneError::EventUnknownKind,
            HaneError::PermitDateMissing { field: "x" },
            HaneError::PermitEndBeforeStart,
            HaneError::EventBeforeSubmission,
            HaneError::Money {
                field: "x",
                problem: crate::money::MoneyProblem::Empty,
            },
            HaneError::Money {
                field: "x",
                problem: crate::money::MoneyProblem::NotANumber,
            },
            HaneError::Money {
                field: "x",
                problem: crate::money::MoneyProblem::Ambiguous,
            },
            HaneError::Money {
                field: "x",
                problem: crate::money::MoneyProblem::Negative,
            },
            HaneError::Money {
                field: "x",
                problem: crate::money::MoneyProblem::TooLarge,
            },
            HaneError::DatabaseTooNew {
                found: 2,
                supported: 1,
            },
            HaneError::DatabaseUnreadable(String::new()),
            HaneError::Database(String::new()),
            HaneError::DataDir(String::new()),
            HaneError::Corrupt(String::new()),
            HaneError::InvalidSetting { key: "x" },
            HaneError::Crypto(String::new()),
            HaneError::PassphraseTooShort { min: 1 },
            HaneError::PassphraseRequired,
            HaneError::WrongPassphrase,
            HaneError::CannotDecrypt,
            HaneError::KeyMissing,
            HaneError::KeyringUnavailable(String::new()),
            HaneError::BackupWrongPassphrase,
            HaneError::BackupCorrupt,
            HaneError::BackupTooLarge { max_mb: 1 },
            HaneError::InvalidCaseFile(String::new()),
            HaneError::FileTooLarge { max_mb: 1 },
            HaneError::ImageTooLarge { megapixels: 1 },
            HaneError::ImageUnreadable,
            HaneError::UnsupportedImage,
            HaneError::PdfAmongImages,
            HaneError::NotAPdf,
            HaneError::PdfDamaged,
            HaneError::MrzNotFound,
            HaneError::MrzNoImage,
            HaneError::PageCorners,
            HaneError::PdfEncrypted,
            HaneError::NoPages,
            HaneError::TooManyPages { max: 1 },
            HaneError::DocumentNotFound,
            HaneError::PdfGeneration(String::new()),
            HaneError::RenewalNotApproved,
            HaneError::ContractIncomplete { field: "x" },
            HaneError::UnsupportedLanguage,
            HaneError::Internal,
            HaneError::PhotoMissing,
            HaneError::PhotoNotApprovable,
            HaneError::PhotoEncode(String::new()),
            HaneError::ExportBlocked { count: 1 },
            HaneError::ExportPermissionDenied,
            HaneError::ExportTargetUnavailable,
            HaneError::ExportDiskFull,
            HaneError::FileAccess(String::new()),
        ];
        for e in &samples {
            assert!(ALL_CODES.contains(&e.code()), "{} not listed", e.code());
        }
        assert_eq!(samples.len(), ALL_CODES.len());
    }
}
