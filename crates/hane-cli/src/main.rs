//! `hane-cli`: the same core as the desktop app, from a terminal.
//!
//! ```text
//! hane-cli [--data-dir DIR] list
//! hane-cli [--data-dir DIR] create --employer NAME --foreigner NAME
//! ```
//! Output is JSON on stdout; errors are `{ "code", "message" }` JSON on stderr, exit 1.

use std::path::PathBuf;
use std::process::ExitCode;

use hane_core::case::NewCase;
use hane_core::storage::Database;
use hane_core::{paths, HaneError};

const USAGE: &str =
    "usage: hane-cli [--data-dir DIR] <list | create --employer NAME --foreigner NAME>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(args) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
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

fn run(mut args: Vec<String>) -> Result<String, CliError> {
    let data_dir = match take_opt(&mut args, "--data-dir")? {
        Some(d) => PathBuf::from(d),
        None => paths::default_data_dir()
            .ok_or_else(|| CliError::Usage("no data folder; pass --data-dir".into()))?,
    };
    let command = if args.is_empty() {
        return Err(CliError::Usage("missing command".into()));
    } else {
        args.remove(0)
    };
    let mut db = Database::open(&data_dir.join(paths::DATABASE_FILE))?;
    let json = match command.as_str() {
        "list" => serde_json::to_string_pretty(&db.list_cases()?),
        "create" => {
            let employer_name = take_opt(&mut args, "--employer")?.unwrap_or_default();
            let foreigner_name = take_opt(&mut args, "--foreigner")?.unwrap_or_default();
            let case = db.create_case(NewCase {
                employer_name,
                foreigner_name,
            })?;
            serde_json::to_string_pretty(&case)
        }
        other => return Err(CliError::Usage(format!("unknown command: {other}"))),
    };
    if let Some(extra) = args.first() {
        return Err(CliError::Usage(format!("unexpected argument: {extra}")));
    }
    json.map_err(|e| CliError::Core(HaneError::Corrupt(e.to_string())))
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
