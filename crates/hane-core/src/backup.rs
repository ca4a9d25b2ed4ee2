//! Backup files: every case (or chosen cases) in one file, encrypted under a passphrase
//! the user picks, to restore on this or another machine.
//!
//! Layout (all integers little-endian):
//! ```text
//! "HANEBAK\x01" | u32 header length | header JSON | check ciphertext (32 B) | payload ciphertext
//! ```
//! The header (format, Argon2id salt and cost, nonces) is not secret but is authenticated:
//! it is the associated data of both ciphertexts. The key is Argon2id(passphrase, salt);
//! the cipher is XChaCha20-Poly1305. The small "check" ciphertext (a known constant)
//! tells a wrong passphrase apart from a damaged payload.

use std::io::Write;
use std::path::Path;

use chacha20poly1305::aead::{Aead, AeadInPlace, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::case::{Case, CaseSummary};
use crate::error::{HaneError, Result};
use crate::kdf::{check_passphrase_strength, derive_key, KdfParams};
use crate::storage::people::CasePeople;
use crate::submission::Submission;
use crate::tracking::Event;

const MAGIC: &[u8; 8] = b"HANEBAK\x01";
const CHECK_PLAINTEXT: &[u8; 16] = b"hane-backup-ok!!";
/// Refuse absurd headers before allocating for them.
const MAX_HEADER: usize = 64 * 1024;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: u32,
    created_at: DateTime<Utc>,
    case_count: usize,
    salt: String,
    kdf: KdfParams,
    check_nonce: String,
    payload_nonce: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct PayloadV1 {
    cases: Vec<Case>,
    /// Each case's tracking history, by case id.
    #[serde(default)]
    events: Vec<(Uuid, Vec<Event>)>,
    /// Each case's attached documents (PDF bytes as base64).
    #[serde(default)]
    documents: Vec<(Uuid, Vec<StoredDocument>)>,
    /// Each case's photo (original, crop, approved JPEG).
    #[serde(default)]
    photos: Vec<(Uuid, StoredPhoto)>,
    /// Each case's submitted snapshots (issue #19; absent from older backups).
    #[serde(default)]
    submissions: Vec<(Uuid, Vec<Submission>)>,
    /// Each case's household and caregiver records (issue #19; absent from older backups,
    /// whose cases are linked from their own documents on restore).
    #[serde(default)]
    people: Option<Vec<(Uuid, CasePeople)>>,
}

/// A document inside a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredDocument {
    pub slot: String,
    pub pages: u32,
    pub source: String,
    #[serde(with = "b64")]
    pub pdf: Vec<u8>,
}

/// A photo inside a backup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredPhoto {
    #[serde(with = "b64")]
    pub original: Vec<u8>,
    pub crop: Option<crate::photo_spec::Crop>,
    #[serde(with = "b64_opt")]
    pub approved: Option<Vec<u8>>,
    pub date_confirmed: bool,
}

mod b64 {
    use base64::Engine as _;
    pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(v))
    }
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s: String = serde::Deserialize::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(s)
            .map_err(serde::de::Error::custom)
    }
}

mod b64_opt {
    pub fn serialize<S: serde::Serializer>(v: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(bytes) => super::b64::serialize(bytes, s),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Vec<u8>>, D::Error> {
        use base64::Engine as _;
        let s: Option<String> = serde::Deserialize::deserialize(d)?;
        s.map(|s| {
            base64::engine::general_purpose::STANDARD
                .decode(s)
                .map_err(serde::de::Error::custom)
        })
        .transpose()
    }
}

/// What a backup file holds, decrypted.
#[derive(Debug)]
pub struct BackupContents {
    pub created_at: DateTime<Utc>,
    pub cases: Vec<Case>,
    pub events: Vec<(Uuid, Vec<Event>)>,
    pub documents: Vec<(Uuid, Vec<StoredDocument>)>,
    pub photos: Vec<(Uuid, StoredPhoto)>,
    pub submissions: Vec<(Uuid, Vec<Submission>)>,
    /// `None` for a backup written before households and caregivers were kept apart.
    pub people: Option<Vec<(Uuid, CasePeople)>>,
}

/// What restoring would do, shown to the user before anything changes.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestorePlan {
    pub created_at: DateTime<Utc>,
    pub new_cases: Vec<CaseSummary>,
    pub duplicates: Vec<Duplicate>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Duplicate {
    pub existing: CaseSummary,
    pub incoming: CaseSummary,
    /// The backup's copy equals the stored one; restoring it changes nothing.
    pub identical: bool,
}

/// The user's choice for cases that already exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DuplicatePolicy {
    /// Keep what is stored; import only new cases.
    Skip,
    /// Overwrite the stored case with the backup's copy.
    Replace,
    /// Import the backup's copy as an additional case with a new id.
    KeepBoth,
}

#[derive(Debug, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    pub added: usize,
    pub replaced: usize,
    pub skipped: usize,
}

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|e| HaneError::Crypto(e.to_string()))?;
    Ok(b)
}

fn io(e: std::io::Error) -> HaneError {
    HaneError::FileAccess(e.kind().to_string())
}

/// What a backup holds, read from the database. The API reads it with the database locked
/// and encrypts it ([`write_backup`]) after letting go: Argon2id and the cipher take
/// seconds that the window should not wait for.
pub struct Snapshot {
    pub cases: Vec<Case>,
    pub events: Vec<(Uuid, Vec<Event>)>,
    pub documents: Vec<(Uuid, Vec<StoredDocument>)>,
    pub photos: Vec<(Uuid, StoredPhoto)>,
    pub submissions: Vec<(Uuid, Vec<Submission>)>,
    pub people: Vec<(Uuid, CasePeople)>,
}

/// Encrypts `snapshot` under `passphrase` and writes it to `path`, atomically.
pub fn write_backup(
    snapshot: Snapshot,
    path: &Path,
    passphrase: &str,
    kdf: KdfParams,
) -> Result<usize> {
    check_passphrase_strength(passphrase)?;
    let payload = PayloadV1 {
        cases: snapshot.cases,
        events: snapshot.events,
        documents: snapshot.documents,
        photos: snapshot.photos,
        submissions: snapshot.submissions,
        people: Some(snapshot.people),
    };
    let salt = random::<16>()?;
    let (check_nonce, payload_nonce) = (random::<24>()?, random::<24>()?);
    let header = Header {
        format: 1,
        created_at: Utc::now(),
        case_count: payload.cases.len(),
        salt: hex::encode(salt),
        kdf,
        check_nonce: hex::encode(check_nonce),
        payload_nonce: hex::encode(payload_nonce),
    };
    let header_json = serde_json::to_vec(&header).map_err(|e| HaneError::Corrupt(e.to_string()))?;
    let key = Zeroizing::new(derive_key(passphrase, &salt, kdf)?);
    let cipher = XChaCha20Poly1305::new(key.as_ref().into());
    let seal = |nonce: &[u8; 24], msg: &[u8]| {
        cipher
            .encrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg,
                    aad: &header_json,
                },
            )
            .map_err(|_| HaneError::Crypto("encrypt".into()))
    };
    let plain = Zeroizing::new(
        serde_json::to_vec(&payload).map_err(|e| HaneError::Corrupt(e.to_string()))?,
    );
    // Refused now, while the data is safe in the database, rather than written and then
    // refused by the restore it exists for.
    fits(MAGIC.len() + 4 + header_json.len() + 32 + plain.len() + 16)?;
    let check = seal(&check_nonce, CHECK_PLAINTEXT)?;
    let body = seal(&payload_nonce, &plain)?;

    let tmp = path.with_extension("hanebak.tmp");
    let result = (|| {
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        f.write_all(MAGIC).map_err(io)?;
        f.write_all(&(header_json.len() as u32).to_le_bytes())
            .map_err(io)?;
        f.write_all(&header_json).map_err(io)?;
        f.write_all(&check).map_err(io)?;
        f.write_all(&body).map_err(io)?;
        f.sync_all().map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map(|_| header.case_count)
}

/// Largest backup file written or read. Restoring one takes about twice its size in memory
/// (the file, decrypted in place, and the documents decoded from it: 404 MB for a 199 MB
/// backup, measured by `cargo xtask bench memory`), so 256 MiB keeps a restore under the
/// 600 MB target (issue #17). A household's backup — a few cases of scans at the 5 MB
/// upload limit — is tens of MB; a bigger one is refused when it is made, never after.
pub const MAX_BACKUP_BYTES: u64 = 256 * 1024 * 1024;
/// Largest backup file read: twice what is written, so a backup an earlier Hane wrote before
/// there was a limit still restores (at up to ~1 GB of memory; none that size is known).
pub const MAX_BACKUP_READ_BYTES: u64 = 2 * MAX_BACKUP_BYTES;

/// A backup file of `total` bytes is one Hane can restore (see [`MAX_BACKUP_BYTES`]).
fn fits(total: usize) -> Result<()> {
    if total as u64 > MAX_BACKUP_BYTES {
        return Err(HaneError::BackupTooLarge {
            max_mb: (MAX_BACKUP_BYTES / 1024 / 1024) as u32,
        });
    }
    Ok(())
}

/// Reads and decrypts a backup file. Nothing is changed.
pub fn read_backup(path: &Path, passphrase: &str) -> Result<BackupContents> {
    let bytes = crate::paths::read_user_file(path, MAX_BACKUP_READ_BYTES)?;
    parse_backup(bytes, passphrase)
}

/// Decrypts a backup file's bytes (see [`read_backup`]); public for the fuzz target. The
/// payload is decrypted in the file's own buffer (no second copy of a file that can be
/// hundreds of MB), which is zeroed when done.
pub fn parse_backup(bytes: Vec<u8>, passphrase: &str) -> Result<BackupContents> {
    let mut bytes = Zeroizing::new(bytes);
    let rest = bytes.strip_prefix(MAGIC).ok_or(HaneError::BackupCorrupt)?;
    if rest.len() < 4 {
        return Err(HaneError::BackupCorrupt);
    }
    let header_len = u32::from_le_bytes(rest[..4].try_into().expect("4 bytes")) as usize;
    let rest = &rest[4..];
    if header_len > MAX_HEADER || rest.len() < header_len + 32 {
        return Err(HaneError::BackupCorrupt);
    }
    let header_json = rest[..header_len].to_vec();
    let body_start = MAGIC.len() + 4 + header_len + 32;
    let header: Header =
        serde_json::from_slice(&header_json).map_err(|_| HaneError::BackupCorrupt)?;
    if header.format != 1 {
        return Err(HaneError::BackupCorrupt);
    }
    let decode = |s: &str| hex::decode(s).map_err(|_| HaneError::BackupCorrupt);
    let salt = decode(&header.salt)?;
    let check_nonce = decode(&header.check_nonce)?;
    let payload_nonce = decode(&header.payload_nonce)?;
    if check_nonce.len() != 24 || payload_nonce.len() != 24 {
        return Err(HaneError::BackupCorrupt);
    }
    // Guard against a header that asks for absurd Argon2 memory or time (a crafted file):
    // Hane writes 64 MiB and 3 passes; 256 MiB keeps the whole restore within its memory
    // target (issue #17).
    if header.kdf.memory_kib > 256 * 1024 || header.kdf.iterations > 64 || header.kdf.lanes > 16 {
        return Err(HaneError::BackupCorrupt);
    }
    let key = Zeroizing::new(derive_key(passphrase, &salt, header.kdf)?);
    let cipher = XChaCha20Poly1305::new(key.as_ref().into());
    let check = &bytes[body_start - 32..body_start];
    let check_ok = cipher
        .decrypt(
            XNonce::from_slice(&check_nonce),
            Payload {
                msg: check,
                aad: &header_json,
            },
        )
        .is_ok_and(|p| p == CHECK_PLAINTEXT);
    if !check_ok {
        return Err(HaneError::BackupWrongPassphrase);
    }
    // The body is the ciphertext followed by its 16-byte tag.
    let body = &mut bytes[body_start..];
    if body.len() < 16 {
        return Err(HaneError::BackupCorrupt);
    }
    let (plain, tag) = body.split_at_mut(body.len() - 16);
    let tag = *chacha20poly1305::Tag::from_slice(tag);
    cipher
        .decrypt_in_place_detached(
            XNonce::from_slice(&payload_nonce),
            &header_json,
            plain,
            &tag,
        )
        .map_err(|_| HaneError::BackupCorrupt)?;
    let payload: PayloadV1 = serde_json::from_slice(plain).map_err(|_| HaneError::BackupCorrupt)?;
    Ok(BackupContents {
        created_at: header.created_at,
        cases: payload.cases,
        events: payload.events,
        documents: payload.documents,
        photos: payload.photos,
        submissions: payload.submissions,
        people: payload.people,
    })
}

#[cfg(test)]
mod size_tests {
    use super::*;

    #[test]
    fn a_backup_is_written_only_if_it_can_be_restored() {
        let max = MAX_BACKUP_BYTES as usize;
        assert!(fits(max - 1).is_ok());
        assert!(fits(max).is_ok());
        assert_eq!(fits(max + 1).unwrap_err().code(), "backup.too_large");
    }
}
