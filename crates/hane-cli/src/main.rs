//! `hane-cli`: the same core as the desktop app, from a terminal.
//!
//! ```text
//! hane-cli [--data-dir DIR] list
//! hane-cli [--data-dir DIR] create --employer NAME --foreigner NAME
//! hane-cli [--data-dir DIR] show ID
//! hane-cli [--data-dir DIR] delete ID
//! hane-cli [--data-dir DIR] backup --out FILE [--case ID]
//! hane-cli [--data-dir DIR] restore --in FILE [--on-duplicate skip|replace|keep-both]
//! hane-cli validate CASE.json [--today YYYY-MM-DD]
//! hane-cli [--data-dir DIR] deadlines [--ics FILE] [--today YYYY-MM-DD]
//! hane-cli [--data-dir DIR] record ID --kind KIND --date YYYY-MM-DD [--harc TEXT]
//!          [--degerli-kagit TEXT] [--permit-start YYYY-MM-DD] [--permit-end YYYY-MM-DD]
//!          [--application-no TEXT] [--expires YYYY-MM-DD] [--event-id N] [--requested TEXT]
//!          [--today YYYY-MM-DD]
//! hane-cli [--data-dir DIR] events ID [--today YYYY-MM-DD]
//! hane-cli [--data-dir DIR] status ID [--today YYYY-MM-DD]
//! hane-cli [--data-dir DIR] renew ID [--today YYYY-MM-DD] [--keep SLOT]...
//! hane-cli [--data-dir DIR] new-case --from ID [--foreigner NAME] | --caregiver-from ID [--employer NAME]
//! hane-cli [--data-dir DIR] people ID
//! hane-cli [--data-dir DIR] submitted ID
//! hane-cli [--data-dir DIR] household ID [--apply]
//! hane-cli [--data-dir DIR] set-doc ID CASE.json
//! hane-cli [--data-dir DIR] attach ID SLOT FILE...
//! hane-cli [--data-dir DIR] documents ID
//! hane-cli [--data-dir DIR] export ID --to DIR [--draft] [--today YYYY-MM-DD]
//! hane-cli photo FILE [--out OUT.jpg] [--today YYYY-MM-DD]
//! hane-cli rules
//! hane-cli mrz FILE [--today YYYY-MM-DD]
//! hane-cli page FILE [--out OUT.jpg] [--clean] [--corners X,Y,X,Y,X,Y,X,Y]
//! hane-cli [--data-dir DIR] set-photo ID FILE [--confirm-date] [--today YYYY-MM-DD]
//! hane-cli [--data-dir DIR] contract ID --lang en|ru --out FILE.pdf | contract ID --check
//! hane-cli [--data-dir DIR] caregiver-pack ID --lang en|ru|tr --out FILE.pdf
//! hane-cli help [COMMAND]            (or COMMAND --help, -h)
//! ```
//! Help goes to stdout with exit 0; a usage error to stderr with exit 2. The argument
//! parsing stays hand-written (no clap): the command lines and their JSON are a contract
//! the issues spell out, and a parser swap would change error texts and exit codes for
//! no gain a per-command help table does not give.
//! `record` appends a tracking event exactly as the window does: KIND is the event's serde
//! name (`basvuru_yapildi`, `harc_odemesi_istendi`, `onaylandi`, …), amounts are text as a
//! user types them (`12.345,50`), read by the core's money parser; it prints the stored
//! event (amounts in kuruş, `harcKurus`). `events` prints a case's events and deadlines;
//! `status` prints where the case stands and its next deadline, `{"status", "nextDeadline"}`.
//! `renew` starts the extension case of an approved one and `new-case --from` a second
//! caregiver's case for the same household, `new-case --caregiver-from` a case of another
//! employer for the same caregiver; all print the new case as `show` does. `people` prints
//! the household and caregiver records a case is linked to, `{"household", "caregiver"}`
//! (`caregiver` is `[record id, record]`), each `null` while there is none.
//! `--keep SLOT` (repeatable) copies a document the user confirms is still valid into the
//! extension (e.g. `pasaport` when the passport has not changed).
//! `submitted` prints the frozen copy taken when `basvuru_yapildi` was recorded
//! (`snapshot`), its day, and what changed since (`changes`, `documentsChanged`); `null`
//! before submission. `household` lists the employer's other open cases (same T.C. kimlik
//! no) whose Profil or İşyeri differ (`{"differs": [...]}`); `--apply` copies this case's
//! into them (`{"applied": [...]}`).
//! `photo` runs the biometric-photo pipeline on a file (no data folder needed): faces,
//! head estimate, crop and every check as JSON; `--out` writes the approved JPEG.
//! `mrz` reads the machine-readable zone of a passport page (JPEG, PNG, or a PDF of
//! scanned pages; no data folder needed): the two lines as read, per character the model's
//! confidence among the characters its position allows and the `unsure` ones, each field
//! (`mrz`: names, number, nationality, dates as printed, sex, optional data) with every
//! check digit's verdict (`mrz.checks`), the dates with their century, and `notMrz` when
//! the lines are not a passport's; `mrz.not_found` (exit 1) when the page holds no MRZ.
//! `page` finds a photographed or scanned document page (JPEG or PNG; no data folder
//! needed): `corners` — top-left, top-right, bottom-right, bottom-left of the upright page
//! as `[[x, y], …]` in the pixels of the image as stored (EXIF orientation not applied) —,
//! `turn` (the clockwise quarter turn in degrees, 0/90/180/270, that makes the page
//! upright), `deskew` (the clockwise rotation in degrees that then levels it), `outline`
//! (false: no paper edge seen, the page is the whole image), `width`, `height`. `--out`
//! writes the page flattened, upright and levelled, at A4 when its proportions are A4's
//! (`output`: file, bytes, width, height, dpi); `--clean` gives it the scanner look (white
//! paper, crisp print, colours kept); `--corners` straightens by the given corners instead
//! of the ones found (a user's correction, in the same order and pixels).
//! `validate` reads a case document (the `doc` of `show`, or a file written by hand) and
//! prints the findings of every rule; it needs no data folder.
//! The data folder is opened like the app does: with the key from the OS keyring, or,
//! where the data folder uses a passphrase (or no keyring works), with `HANE_PASSPHRASE`.
//! Backups use `HANE_BACKUP_PASSPHRASE`. Output is JSON on stdout; errors are
//! `{ "code", "message" }` JSON on stderr with exit status 1 (2 for usage errors).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use hane_core::api::Hane;
use hane_core::backup::DuplicatePolicy;
use hane_core::case::{CaseDoc, NewCase};
use hane_core::vault::{OsKeyring, Vault};
use hane_core::{paths, HaneError};
use uuid::Uuid;

/// Every command: its synopsis and what it does, for `hane-cli help [COMMAND]` and
/// `hane-cli COMMAND --help` (issue #34). The module documentation above says more.
const COMMANDS: &[(&str, &str, &str)] = &[
    ("list", "list", "Every case with its status, next deadline and journey stage."),
    ("create", "create --employer NAME --foreigner NAME", "A new case with the two names (the last word of each is the surname)."),
    ("show", "show ID", "A case's document."),
    ("delete", "delete ID", "Deletes a case and everything attached to it."),
    ("set-doc", "set-doc ID CASE.json", "Replaces a case's document with the one in the file."),
    ("backup", "backup --out FILE [--case ID]", "An encrypted backup (passphrase from HANE_BACKUP_PASSPHRASE)."),
    ("restore", "restore --in FILE [--on-duplicate skip|replace|keep-both]", "Restores a backup."),
    ("validate", "validate CASE.json [--today YYYY-MM-DD]", "Every rule's findings on a case document (no data folder needed)."),
    ("deadlines", "deadlines [--ics FILE] [--today YYYY-MM-DD]", "Every open deadline of every case; --ics writes a calendar file."),
    ("record", "record ID --kind KIND --date YYYY-MM-DD [--harc TEXT] [--degerli-kagit TEXT] [--permit-start YYYY-MM-DD] [--permit-end YYYY-MM-DD] [--application-no TEXT] [--expires YYYY-MM-DD] [--event-id N] [--requested TEXT] [--today YYYY-MM-DD]", "Records what happened on the portal (KIND: basvuru_yapildi, harc_odemesi_istendi, onaylandi, …)."),
    ("events", "events ID [--today YYYY-MM-DD]", "A case's recorded events and its deadlines."),
    ("status", "status ID [--today YYYY-MM-DD]", "Where a case stands and its next deadline."),
    ("renew", "renew ID [--today YYYY-MM-DD] [--keep SLOT]...", "The extension case of an approved one (the existing one if it was started already)."),
    ("new-case", "new-case --from ID [--foreigner NAME] | --caregiver-from ID [--employer NAME]", "A second caregiver for the same household, or another employer for the same caregiver."),
    ("people", "people ID", "The household and caregiver records a case is linked to."),
    ("submitted", "submitted ID", "What was sent on submission and what changed since."),
    ("household", "household ID [--apply]", "The employer's other open cases whose household differs; --apply makes them the same."),
    ("attach", "attach ID SLOT FILE...", "Attaches scans, photos or a PDF to a checklist slot."),
    ("documents", "documents ID", "A case's checklist and attached documents."),
    ("export", "export ID --to DIR [--draft] [--today YYYY-MM-DD]", "The upload-ready bundle of a case."),
    ("set-photo", "set-photo ID FILE [--confirm-date] [--today YYYY-MM-DD]", "Approves a biometric photo for a case."),
    ("photo", "photo FILE [--out OUT.jpg] [--today YYYY-MM-DD]", "The biometric-photo checks on a file (no data folder needed)."),
    ("mrz", "mrz FILE [--today YYYY-MM-DD]", "Reads a passport page's machine-readable zone (no data folder needed)."),
    ("page", "page FILE [--out OUT.jpg] [--clean] [--corners X,Y,X,Y,X,Y,X,Y]", "Finds a photographed page and straightens it (no data folder needed)."),
    ("contract", "contract ID --lang en|ru --out FILE.pdf | contract ID --check [--today YYYY-MM-DD]", "Drafts the employment contract from the case, Turkish beside English or Russian (remembering what it was drafted from); --check lists what the application changed since."),
    ("caregiver-pack", "caregiver-pack ID --lang en|ru|tr --out FILE.pdf [--today YYYY-MM-DD]", "The caregiver's pack: what she must send back and how, in her language."),
    ("rules", "rules", "The rule catalogue: each rule's source, its sentences and Hane's note."),
    ("help", "help [COMMAND]", "This help, or one command's."),
];

/// The short usage printed with a usage error.
const USAGE: &str = "usage: hane-cli [--data-dir DIR] COMMAND [ARGS]; `hane-cli help` lists the commands, `hane-cli help COMMAND` (or COMMAND --help) explains one";

/// `hane-cli help [COMMAND]`: every command's synopsis, or one command's with its purpose.
fn help(command: Option<&str>) -> Result<String, CliError> {
    match command {
        None => {
            let mut out =
                String::from("usage: hane-cli [--data-dir DIR] COMMAND [ARGS]\n\ncommands:\n");
            for (_, synopsis, what) in COMMANDS {
                out.push_str(&format!("  {synopsis}\n      {what}\n"));
            }
            Ok(out.trim_end().to_string())
        }
        Some(name) => COMMANDS
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, synopsis, what)| {
                format!("usage: hane-cli [--data-dir DIR] {synopsis}\n\n{what}")
            })
            .ok_or_else(|| CliError::Usage(format!("unknown command: {name}"))),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(args) {
        Ok(out) => {
            // A reader that stops early (`hane-cli rules | head -1`) closes the pipe: that
            // is not an error to report, and never a panic (println! would panic).
            let mut stdout = std::io::stdout().lock();
            match writeln!(stdout, "{out}").and_then(|()| stdout.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(CliError::Usage(msg)) => {
            eprintln!("{msg}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(CliError::Core(e)) => {
            eprintln!(
                "{}",
                serde_json::to_string(&e.to_payload()).unwrap_or_default()
            );
            ExitCode::FAILURE
        }
    }
}

enum CliError {
    Usage(String),
    Core(HaneError),
}

impl From<HaneError> for CliError {
    fn from(e: HaneError) -> Self {
        CliError::Core(e)
    }
}

fn env_secret(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|s| !s.is_empty())
}

/// Opens the data folder through the same API as the window: with the keyring's key, or
/// with `HANE_PASSPHRASE` where the folder needs one.
fn open(dir: &std::path::Path, today: Option<chrono::NaiveDate>) -> Result<Hane, CliError> {
    let hane = Hane::open(Vault::new(dir, Box::new(OsKeyring::new()))).with_today(today);
    let status = hane.vault_status();
    match status.state {
        "locked" | "setup" => {
            let pass = env_secret("HANE_PASSPHRASE").ok_or(HaneError::PassphraseRequired)?;
            hane.unlock(&pass)?;
        }
        _ => {}
    }
    Ok(hane)
}

fn parse_id(s: Option<String>) -> Result<Uuid, CliError> {
    let s = s.ok_or_else(|| CliError::Usage("missing case id".into()))?;
    Uuid::parse_str(&s).map_err(|_| CliError::Usage(format!("not a case id: {s}")))
}

fn date_arg(s: &str) -> Result<chrono::NaiveDate, CliError> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| CliError::Usage(format!("not a date (YYYY-MM-DD): {s}")))
}

fn date_opt(args: &mut Vec<String>, name: &str) -> Result<Option<chrono::NaiveDate>, CliError> {
    take_opt(args, name)?.map(|s| date_arg(&s)).transpose()
}

/// `--today YYYY-MM-DD`, or today's date in Turkey.
fn today_opt(args: &mut Vec<String>) -> Result<chrono::NaiveDate, CliError> {
    Ok(match take_opt(args, "--today")? {
        Some(s) => chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map_err(|_| CliError::Usage(format!("not a date (YYYY-MM-DD): {s}")))?,
        None => hane_core::clock::turkey_today(chrono::Utc::now()),
    })
}

/// A file given to `photo`, `attach` or `set-photo`: its size is checked before it is read,
/// so a 600 MB video is refused at once instead of being read whole (issue #17).
fn read_input(path: &str) -> Result<Vec<u8>, HaneError> {
    let max = hane_core::limits::MAX_FILE_BYTES as u64;
    hane_core::paths::read_user_file(std::path::Path::new(path), max)
}

/// Writes a document the command made (the contract, the caregiver's pack).
fn write_file(path: &str, bytes: &[u8]) -> Result<(), HaneError> {
    std::fs::write(path, bytes).map_err(|e| HaneError::FileAccess(e.kind().to_string()))
}

/// A case document as JSON; a real one is a few KB, so 10 MiB is generous.
fn read_case_file(path: &str) -> Result<String, HaneError> {
    let bytes = hane_core::paths::read_user_file(
        std::path::Path::new(path),
        hane_core::limits::MAX_CASE_FILE_BYTES,
    )?;
    String::from_utf8(bytes).map_err(|_| HaneError::InvalidCaseFile("not UTF-8 text".into()))
}

fn validate_file(args: &mut Vec<String>) -> Result<String, CliError> {
    let today = today_opt(args)?;
    let file = pop(args).ok_or_else(|| CliError::Usage("missing CASE.json".into()))?;
    let text = read_case_file(&file)?;
    // Accept either a bare document or a whole case as `show` prints it.
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|_| HaneError::InvalidCaseFile("not JSON".into()))?;
    let doc_value = value.get("doc").cloned().unwrap_or(value);
    let doc: CaseDoc =
        serde_json::from_value(doc_value).map_err(|e| HaneError::InvalidCaseFile(e.to_string()))?;
    let v = hane_core::rules::validate(&doc, today);
    to_json(&serde_json::json!({ "blocking": v.blocking(), "validation": v }))
}

fn run(mut args: Vec<String>) -> Result<String, CliError> {
    // Help before anything else: `help [COMMAND]`, `--help`/`-h` alone or after a command.
    let asks_help = args.iter().any(|a| a == "--help" || a == "-h");
    let words: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !matches!(*a, "--help" | "-h"))
        .collect();
    let words: Vec<&str> = match words.as_slice() {
        ["--data-dir", _, rest @ ..] => rest.to_vec(),
        all => all.to_vec(),
    };
    if words.first() == Some(&"help") {
        return help(words.get(1).copied());
    }
    if asks_help {
        return help(words.first().copied());
    }
    if args.first().map(String::as_str) == Some("photo") {
        args.remove(0);
        let today = today_opt(&mut args)?;
        let out = take_opt(&mut args, "--out")?;
        let file = pop(&mut args).ok_or_else(|| CliError::Usage("missing FILE".into()))?;
        let bytes = read_input(&file)?;
        let src = hane_core::photo::load(&bytes)?;
        let analysis = hane_core::photo::analyze(&src, None, today);
        let mut written = None;
        if let (Some(path), Some(crop)) = (out, analysis.crop) {
            let jpeg = hane_core::photo::encode(&src, &crop, analysis.output_height.max(1))?;
            std::fs::write(&path, &jpeg)
                .map_err(|e| HaneError::FileAccess(e.kind().to_string()))?;
            written = Some(serde_json::json!({ "file": path, "bytes": jpeg.len() }));
        }
        return to_json(&serde_json::json!({
            "passed": analysis.passed(),
            "analysis": analysis,
            // The file's own colour profile is turned into sRGB on output.
            "convertedToSrgb": src.to_srgb.is_some(),
            "output": written,
        }));
    }
    if args.first().map(String::as_str) == Some("mrz") {
        args.remove(0);
        let today = today_opt(&mut args)?;
        let file = pop(&mut args).ok_or_else(|| CliError::Usage("missing FILE".into()))?;
        if let Some(extra) = args.first() {
            return Err(CliError::Usage(format!("unexpected argument: {extra}")));
        }
        let bytes = read_input(&file)?;
        return to_json(&hane_core::mrz::read(&bytes, today)?);
    }
    if args.first().map(String::as_str) == Some("page") {
        args.remove(0);
        let out = take_opt(&mut args, "--out")?;
        let clean = take_flag(&mut args, "--clean");
        let corners = take_opt(&mut args, "--corners")?
            .map(|c| parse_corners(&c))
            .transpose()?;
        let file = pop(&mut args).ok_or_else(|| CliError::Usage("missing FILE".into()))?;
        if let Some(extra) = args.first() {
            return Err(CliError::Usage(format!("unexpected argument: {extra}")));
        }
        let bytes = read_input(&file)?;
        if out.is_none() && corners.is_none() && !clean {
            return to_json(&hane_core::page::find(&bytes)?);
        }
        let (report, page) = hane_core::page::straighten(&bytes, corners, clean)?;
        let mut written = None;
        if let Some(path) = out {
            std::fs::write(&path, &page.jpeg)
                .map_err(|e| HaneError::FileAccess(e.kind().to_string()))?;
            written = Some(serde_json::json!({
                "file": path,
                "bytes": page.jpeg.len(),
                "width": page.width,
                "height": page.height,
                "dpi": page.dpi,
            }));
        }
        let mut json = serde_json::to_value(&report)
            .map_err(|e| CliError::Core(HaneError::Corrupt(e.to_string())))?;
        json["output"] = written.unwrap_or(serde_json::Value::Null);
        return to_json(&json);
    }
    if args.first().map(String::as_str) == Some("rules") {
        // The rule catalogue exactly as the window shows it behind "Neden?": the source by
        // its name in both languages and the source's own sentence (no database needed).
        if let Some(extra) = args.get(1) {
            return Err(CliError::Usage(format!("unexpected argument: {extra}")));
        }
        return to_json(&hane_core::rules::catalog::RULES);
    }
    if args.first().map(String::as_str) == Some("validate") {
        args.remove(0);
        let out = validate_file(&mut args)?;
        if let Some(extra) = args.first() {
            return Err(CliError::Usage(format!("unexpected argument: {extra}")));
        }
        return Ok(out);
    }
    let data_dir = match take_opt(&mut args, "--data-dir")? {
        Some(d) => PathBuf::from(d),
        None => paths::default_data_dir()
            .ok_or_else(|| CliError::Usage("no data folder; pass --data-dir".into()))?,
    };
    if args.is_empty() {
        return Err(CliError::Usage("missing command".into()));
    }
    let command = args.remove(0);
    let out = match command.as_str() {
        "list" => to_json(&open(&data_dir, None)?.list_cases()?),
        "create" => {
            let employer_name = take_opt(&mut args, "--employer")?.unwrap_or_default();
            let foreigner_name = take_opt(&mut args, "--foreigner")?.unwrap_or_default();
            let case = open(&data_dir, None)?.create_case(NewCase {
                employer_name,
                foreigner_name,
            })?;
            to_json(&case)
        }
        "show" => {
            let id = parse_id(pop(&mut args))?;
            to_json(&open(&data_dir, None)?.case(id)?)
        }
        "delete" => {
            let id = parse_id(pop(&mut args))?;
            open(&data_dir, None)?.delete_case(id)?;
            to_json(&serde_json::json!({ "deleted": id }))
        }
        "backup" => {
            let out = take_opt(&mut args, "--out")?
                .ok_or_else(|| CliError::Usage("--out FILE".into()))?;
            let only = take_opt(&mut args, "--case")?
                .map(|s| parse_id(Some(s)))
                .transpose()?;
            let pass = env_secret("HANE_BACKUP_PASSPHRASE").ok_or(HaneError::PassphraseRequired)?;
            let ids = only.map(|id| vec![id]);
            let n = open(&data_dir, None)?.create_backup(
                &PathBuf::from(&out),
                &pass,
                ids.as_deref(),
            )?;
            to_json(&serde_json::json!({ "cases": n, "file": out }))
        }
        "restore" => {
            let file =
                take_opt(&mut args, "--in")?.ok_or_else(|| CliError::Usage("--in FILE".into()))?;
            let policy = match take_opt(&mut args, "--on-duplicate")?.as_deref() {
                None => None,
                Some("skip") => Some(DuplicatePolicy::Skip),
                Some("replace") => Some(DuplicatePolicy::Replace),
                Some("keep-both") => Some(DuplicatePolicy::KeepBoth),
                Some(other) => return Err(CliError::Usage(format!("unknown policy: {other}"))),
            };
            let pass = env_secret("HANE_BACKUP_PASSPHRASE").ok_or(HaneError::PassphraseRequired)?;
            let hane = open(&data_dir, None)?;
            let plan = hane.open_backup(&PathBuf::from(file), &pass)?;
            match policy {
                // Duplicates are never overwritten silently: without a policy, only report.
                None if !plan.duplicates.is_empty() => to_json(&serde_json::json!({
                    "applied": false,
                    "plan": plan,
                    "hint": "cases already exist: pass --on-duplicate skip|replace|keep-both"
                })),
                p => {
                    let report = hane.restore(p.unwrap_or(DuplicatePolicy::Skip))?;
                    to_json(&serde_json::json!({ "applied": true, "report": report }))
                }
            }
        }
        "deadlines" => {
            let today = today_opt(&mut args)?;
            let ics = take_opt(&mut args, "--ics")?;
            let hane = open(&data_dir, Some(today))?;
            let per_case = hane.deadlines_of_all_cases()?;
            if let Some(file) = &ics {
                let text = hane.calendar_ics("tr")?;
                std::fs::write(file, text)
                    .map_err(|e| HaneError::FileAccess(e.kind().to_string()))?;
            }
            let out: Vec<_> = per_case
                .iter()
                .map(|(s, list)| serde_json::json!({ "caseId": s.id, "foreigner": s.foreigner_name, "deadlines": list }))
                .collect();
            to_json(&out)
        }
        "record" => {
            let today = today_opt(&mut args)?;
            let id = parse_id(pop(&mut args))?;
            let kind = take_opt(&mut args, "--kind")?
                .ok_or_else(|| CliError::Usage("record needs --kind KIND".into()))?;
            let date = date_opt(&mut args, "--date")?
                .ok_or_else(|| CliError::Usage("record needs --date YYYY-MM-DD".into()))?;
            let event_id = take_opt(&mut args, "--event-id")?
                .map(|s| {
                    s.parse::<i64>()
                        .map_err(|_| CliError::Usage(format!("not an event id: {s}")))
                })
                .transpose()?;
            let input = hane_core::tracking::EventInput {
                kind,
                application_no: take_opt(&mut args, "--application-no")?,
                expires: date_opt(&mut args, "--expires")?,
                harc: take_opt(&mut args, "--harc")?,
                degerli_kagit: take_opt(&mut args, "--degerli-kagit")?,
                permit_start: date_opt(&mut args, "--permit-start")?,
                permit_end: date_opt(&mut args, "--permit-end")?,
                event_id,
                istenen: take_opt(&mut args, "--requested")?,
            };
            let event = open(&data_dir, Some(today))?.record_event(id, date, &input)?;
            to_json(&event)
        }
        "events" => {
            let today = today_opt(&mut args)?;
            let id = parse_id(pop(&mut args))?;
            let t = open(&data_dir, Some(today))?.tracking(id)?;
            to_json(&serde_json::json!({ "events": t.events, "deadlines": t.deadlines }))
        }
        "renew" => {
            let today = today_opt(&mut args)?;
            let mut keep = Vec::new();
            while let Some(slot) = take_opt(&mut args, "--keep")? {
                keep.push(slot);
            }
            let id = parse_id(pop(&mut args))?;
            to_json(&open(&data_dir, Some(today))?.renew(id, &keep)?)
        }
        "new-case" => {
            let hane = open(&data_dir, None)?;
            // The other party's name, as the window asks it (optional here).
            let employer = take_opt(&mut args, "--employer")?;
            let foreigner = take_opt(&mut args, "--foreigner")?;
            if let Some(from) = take_opt(&mut args, "--caregiver-from")? {
                to_json(&hane.new_case_for_caregiver(parse_id(Some(from))?, employer.as_deref())?)
            } else {
                let from = take_opt(&mut args, "--from")?.ok_or_else(|| {
                    CliError::Usage("new-case needs --from ID or --caregiver-from ID".into())
                })?;
                to_json(&hane.new_case_from(parse_id(Some(from))?, foreigner.as_deref())?)
            }
        }
        "contract" => {
            // The employment contract drafted from the case (issue #35), or with --check
            // what the application changed since the last draft.
            let today = today_opt(&mut args)?;
            let check = take_flag(&mut args, "--check");
            let lang = take_opt(&mut args, "--lang")?;
            let out = take_opt(&mut args, "--out")?;
            let id = parse_id(pop(&mut args))?;
            let hane = open(&data_dir, Some(today))?;
            if check {
                to_json(&hane.contract_check(id)?)
            } else {
                let (lang, out) = lang.zip(out).ok_or_else(|| {
                    CliError::Usage(
                        "contract needs --lang en|ru and --out FILE.pdf, or --check".into(),
                    )
                })?;
                let draft = hane.draft_contract(id, &lang)?;
                write_file(&out, &draft.pdf)?;
                to_json(&serde_json::json!({
                    "file": out,
                    "pages": draft.pages,
                    "languages": draft.languages,
                    "values": draft.values,
                }))
            }
        }
        "caregiver-pack" => {
            let today = today_opt(&mut args)?;
            let lang = take_opt(&mut args, "--lang")?;
            let out = take_opt(&mut args, "--out")?;
            let id = parse_id(pop(&mut args))?;
            let (lang, out) = lang.zip(out).ok_or_else(|| {
                CliError::Usage("caregiver-pack needs --lang en|ru|tr and --out FILE.pdf".into())
            })?;
            let (pdf, pages) = open(&data_dir, Some(today))?.caregiver_pack(id, &lang)?;
            write_file(&out, &pdf)?;
            to_json(&serde_json::json!({ "file": out, "pages": pages, "language": lang }))
        }
        "status" => {
            let today = today_opt(&mut args)?;
            let id = parse_id(pop(&mut args))?;
            to_json(&open(&data_dir, Some(today))?.case_state(id)?)
        }
        "household" => {
            // The employer's other open cases whose Profil/İşyeri differ; --apply copies
            // this case's into them.
            let apply = take_flag(&mut args, "--apply");
            let id = parse_id(pop(&mut args))?;
            let hane = open(&data_dir, None)?;
            if apply {
                to_json(&serde_json::json!({ "applied": hane.apply_household(id)? }))
            } else {
                to_json(&serde_json::json!({ "differs": hane.household_differs(id)? }))
            }
        }
        "people" => {
            let id = parse_id(pop(&mut args))?;
            to_json(&open(&data_dir, None)?.people(id)?)
        }
        "submitted" => {
            let id = parse_id(pop(&mut args))?;
            to_json(&open(&data_dir, None)?.submitted(id)?)
        }
        "set-doc" => {
            let id = parse_id(pop(&mut args))?;
            let file = pop(&mut args).ok_or_else(|| CliError::Usage("missing CASE.json".into()))?;
            let text = read_case_file(&file)?;
            let doc: CaseDoc = serde_json::from_str(&text)
                .map_err(|e| HaneError::InvalidCaseFile(e.to_string()))?;
            open(&data_dir, None)?.save_case(id, &doc)?;
            to_json(&serde_json::json!({ "saved": id }))
        }
        "attach" => {
            let id = parse_id(pop(&mut args))?;
            let slot = pop(&mut args).ok_or_else(|| CliError::Usage("missing SLOT".into()))?;
            let paths: Vec<String> = std::mem::take(&mut args);
            let contents = paths
                .iter()
                .map(|p| read_input(p))
                .collect::<Result<Vec<_>, _>>()?;
            let files: Vec<_> = paths
                .iter()
                .zip(&contents)
                .map(|(name, bytes)| hane_core::api::documents::AttachFile {
                    name,
                    bytes,
                    quarter_turns: 0,
                })
                .collect();
            let info = open(&data_dir, None)?.attach(id, &slot, &files)?;
            to_json(&info)
        }
        "documents" => {
            let id = parse_id(pop(&mut args))?;
            to_json(&open(&data_dir, None)?.checklist(id)?)
        }
        "set-photo" => {
            let today = today_opt(&mut args)?;
            let confirm = take_flag(&mut args, "--confirm-date");
            let id = parse_id(pop(&mut args))?;
            let file = pop(&mut args).ok_or_else(|| CliError::Usage("missing FILE".into()))?;
            let bytes = read_input(&file)?;
            // The window's route: import (decode, analyse, automatic crop), then approve.
            let hane = open(&data_dir, Some(today))?;
            hane.import_photo(id, &bytes)?;
            let state = hane.approve_photo(id, confirm)?;
            let size = state.approved_bytes.unwrap_or_default();
            to_json(&serde_json::json!({ "approved": true, "bytes": size }))
        }
        "export" => {
            let today = today_opt(&mut args)?;
            let to =
                take_opt(&mut args, "--to")?.ok_or_else(|| CliError::Usage("--to DIR".into()))?;
            let draft = take_flag(&mut args, "--draft");
            let id = parse_id(pop(&mut args))?;
            to_json(&open(&data_dir, Some(today))?.export(id, &PathBuf::from(to), draft)?)
        }
        "autosave-loop" => {
            // Test support for the crash test: saves forever, reporting each commit.
            let id = parse_id(pop(&mut args))?;
            let hane = open(&data_dir, None)?;
            let mut doc = hane.case(id)?.doc;
            let stdout = std::io::stdout();
            for n in 1u64.. {
                doc.profil.ad = format!("save {n}");
                hane.save_case(id, &doc)?;
                let mut lock = stdout.lock();
                let _ = writeln!(lock, "committed {n}");
                let _ = lock.flush();
            }
            unreachable!("the loop runs until the process is killed")
        }
        other => return Err(CliError::Usage(format!("unknown command: {other}"))),
    };
    if let Some(extra) = args.first() {
        return Err(CliError::Usage(format!("unexpected argument: {extra}")));
    }
    out
}

fn pop(args: &mut Vec<String>) -> Option<String> {
    (!args.is_empty()).then(|| args.remove(0))
}

/// Pretty JSON of any serialisable value.
/// `X,Y,X,Y,X,Y,X,Y` → four corners.
fn parse_corners(text: &str) -> Result<[[f32; 2]; 4], CliError> {
    let v: Vec<f32> = text
        .split(',')
        .map(|n| n.trim().parse::<f32>())
        .collect::<Result<_, _>>()
        .map_err(|_| CliError::Usage(format!("--corners: not numbers: {text}")))?;
    if v.len() != 8 {
        return Err(CliError::Usage(
            "--corners needs 8 numbers: X,Y of top-left, top-right, bottom-right, bottom-left"
                .into(),
        ));
    }
    Ok(std::array::from_fn(|i| [v[2 * i], v[2 * i + 1]]))
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(v).map_err(|e| CliError::Core(HaneError::Corrupt(e.to_string())))
}

/// Removes a flag from `args`; whether it was there.
fn take_flag(args: &mut Vec<String>, name: &str) -> bool {
    let before = args.len();
    args.retain(|a| a != name);
    args.len() != before
}

/// Removes `name VALUE` from `args` and returns VALUE.
fn take_opt(args: &mut Vec<String>, name: &str) -> Result<Option<String>, CliError> {
    let Some(i) = args.iter().position(|a| a == name) else {
        return Ok(None);
    };
    if i + 1 >= args.len() {
        return Err(CliError::Usage(format!("{name} needs a value")));
    }
    let value = args.remove(i + 1);
    args.remove(i);
    Ok(Some(value))
}
