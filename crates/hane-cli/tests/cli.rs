//! hane-cli as a user or script runs it: a real binary, real files, a real (absent or
//! present) Secret Service, real SIGKILLs.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hane_core::vault::{KdfParams, SecretStore, Unlock, Vault};

const BIN: &str = env!("CARGO_BIN_EXE_hane-cli");
const PASS: &str = "İstanbul bahçesi 42";

/// hane-cli with a session bus address that leads nowhere: the real keyring client
/// fails to reach a Secret Service, as on a headless machine.
fn cli_without_keyring(dir: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--data-dir")
        .arg(dir)
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/hane-test-bus",
        )
        .env_remove("HANE_PASSPHRASE")
        .env_remove("HANE_BACKUP_PASSPHRASE");
    c
}

/// hane-cli on a passphrase-protected data folder (the path a machine without a keyring takes).
fn cli_with_passphrase(dir: &Path) -> Command {
    let mut c = cli_without_keyring(dir);
    c.env("HANE_PASSPHRASE", PASS);
    c
}

fn stderr_code(out: &std::process::Output) -> String {
    let v: serde_json::Value = serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|_| panic!("stderr not JSON: {}", String::from_utf8_lossy(&out.stderr)));
    v["code"].as_str().unwrap().to_string()
}

/// Linux only: there a keyring-less machine is one without a Secret Service, which the
/// bus address above simulates. Windows and macOS always have their credential store (Wine
/// too), so there is nothing to take away.
#[test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "the OS credential store cannot be taken away on Windows or macOS"
)]
fn no_keyring_takes_the_passphrase_path() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli_without_keyring(dir.path())
        .arg("list")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(stderr_code(&out), "vault.passphrase_required");
    assert!(
        !dir.path().join("hane.db").exists(),
        "no plaintext fallback"
    );

    let out = cli_without_keyring(dir.path())
        .env("HANE_PASSPHRASE", PASS)
        .args([
            "create",
            "--employer",
            "Ayşe Yılmaz",
            "--foreigner",
            "Irina Petrova",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = cli_without_keyring(dir.path())
        .env("HANE_PASSPHRASE", "wrong passphrase!")
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(stderr_code(&out), "vault.wrong_passphrase");

    let out = cli_without_keyring(dir.path())
        .env("HANE_PASSPHRASE", PASS)
        .arg("list")
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list[0]["foreignerName"], "Irina Petrova");
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let file = a.path().join("yedek.hanebak");
    let run = |dir: &Path, args: &[&str]| {
        cli_without_keyring(dir)
            .env("HANE_PASSPHRASE", PASS)
            .env("HANE_BACKUP_PASSPHRASE", "yedek parolası 2026")
            .args(args)
            .output()
            .unwrap()
    };
    assert!(
        run(a.path(), &["create", "--employer", "A", "--foreigner", "B"])
            .status
            .success()
    );
    let out = run(a.path(), &["backup", "--out", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = run(b.path(), &["restore", "--in", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Restoring again finds the duplicate and, without a choice, changes nothing.
    let out = run(b.path(), &["restore", "--in", file.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["applied"], false);
    assert_eq!(v["plan"]["duplicates"].as_array().unwrap().len(), 1);
    let list: serde_json::Value = serde_json::from_slice(&run(b.path(), &["list"]).stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
}

/// Tiny xorshift: reproducible random kill times without a dependency.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn killed_during_autosave_200_times_loses_no_committed_save() {
    struct NoKeyring;
    impl SecretStore for NoKeyring {
        fn get(&self) -> Result<Option<String>, String> {
            Err("none".into())
        }
        fn set(&self, _: &str) -> Result<(), String> {
            Err("none".into())
        }
        fn delete(&self) -> Result<(), String> {
            Err("none".into())
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::new(dir.path(), Box::new(NoKeyring));
    // Cheap KDF: 200 child processes each derive the key once.
    let cheap = KdfParams {
        memory_kib: 1024,
        iterations: 1,
        lanes: 1,
    };
    let mut db = vault.unlock_with_passphrase_params(PASS, cheap).unwrap();
    let id = db
        .create_case(
            serde_json::from_value(
                serde_json::json!({"employerName": "save 0", "foreignerName": "X"}),
            )
            .unwrap(),
        )
        .unwrap()
        .id;
    // The counter lives in the employer's first name: "save N".
    let mut doc = db.get_case(id).unwrap().doc;
    doc.profil.ad = "save 0".into();
    db.save_case_doc(id, &doc).unwrap();
    drop(db);

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut last_seen = 0u64;
    let mut rounds_killed_mid_loop = 0;
    for round in 0..200 {
        let mut child = cli_without_keyring(dir.path())
            .env("HANE_PASSPHRASE", PASS)
            .args(["autosave-loop", &id.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        // Read reported commits on a thread. The kill lands at a random moment after the
        // child's first commit, so it always hits the autosave loop, however slow start-up
        // is on a loaded machine.
        let (first_tx, first_rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut last = 0u64;
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(n) = line.strip_prefix("committed ") {
                    last = n.parse().unwrap();
                    if last == 1 {
                        let _ = first_tx.send(());
                    }
                }
            }
            last
        });
        let _ = first_rx.recv_timeout(Duration::from_secs(20));
        let delay = Duration::from_micros(rng.below(20_000));
        let start = Instant::now();
        while start.elapsed() < delay {
            std::thread::sleep(Duration::from_micros(200));
        }
        child.kill().unwrap(); // SIGKILL on Unix, TerminateProcess on Windows
        child.wait().unwrap();
        let reported = reader.join().unwrap();

        let db = match vault.open().unwrap() {
            Unlock::NeedsPassphrase { .. } => vault.unlock_with_passphrase(PASS).unwrap(),
            Unlock::Open(_) => unreachable!(),
        };
        assert!(
            db.integrity_ok().unwrap(),
            "round {round}: integrity check failed"
        );
        let stored: u64 = db.get_case(id).unwrap().doc.profil.ad["save ".len()..]
            .parse()
            .unwrap();
        // Every save the child reported as committed is there. (It may have committed one
        // more before it could print.) Saves start again at 1 in each round.
        assert!(
            stored >= reported,
            "round {round}: reported {reported}, stored {stored}"
        );
        last_seen = last_seen.max(reported);
        rounds_killed_mid_loop += usize::from(reported > 0);
    }
    eprintln!(
        "killed mid-autosave in {rounds_killed_mid_loop}/200 rounds; most saves in one round: {last_seen}"
    );
    // Kills must land while saves are going on, or the test proves little.
    assert!(
        rounds_killed_mid_loop >= 190,
        "only {rounds_killed_mid_loop} rounds were killed mid-autosave"
    );
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

/// Runs `cmd`, which must succeed, and reads the JSON it prints.
fn succeeds_with_json(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `hane-cli rules`: every rule with its source named as users read it, in both
/// languages, and the source's sentence (issue #20).
#[test]
fn rules_prints_the_catalogue_as_users_see_it() {
    let v = succeeds_with_json(Command::new(BIN).arg("rules"));
    let rules = v.as_array().unwrap();
    assert!(rules.len() >= 20, "{}", rules.len());
    let always = rules
        .iter()
        .find(|r| r["id"] == "documents.always")
        .unwrap();
    assert_eq!(
        always["sourceLabel"]["tr"],
        "Bakanlık kılavuzu (Ev Hizmetleri), B.4.4"
    );
    assert_eq!(
        always["sourceLabel"]["en"],
        "Ministry's e-İzin guide (household services), B.4.4"
    );
    assert!(always["quote"]
        .as_str()
        .unwrap()
        .contains("pasaportun kişi bilgilerini"));
    assert_eq!(
        always["quotes"][0]["sourceLabel"]["tr"],
        "Bakanlık kılavuzu (Ev Hizmetleri), B.4.4"
    );
    // Hane's own words are a separate `note`, never inside the quote (issue #33).
    let rule = |id: &str| rules.iter().find(|r| r["id"] == id).unwrap();
    let ykn = rule("ykn.valid");
    assert!(!ykn["quote"].as_str().unwrap().contains("98"));
    assert!(ykn["note"]["tr"].as_str().unwrap().contains("98"));
    let under18 = rule("age.under18");
    assert_eq!(under18["quote"], "");
    assert_eq!(under18["quotes"].as_array().unwrap().len(), 0);
    assert!(!under18["note"]["en"].as_str().unwrap().is_empty());
    assert!(rule("reference.format")["note"].is_null());
    assert_eq!(hane_core::sources::leaks_a_seed_code(&v.to_string()), None);
}

#[test]
fn validate_a_case_file_headless() {
    let v = succeeds_with_json(Command::new(BIN).args([
        "validate",
        fixture("case-in-country.json").to_str().unwrap(),
        "--today",
        "2026-11-24",
    ]));
    assert_eq!(v["blocking"], 0, "{v:#}");
    assert_eq!(v["validation"]["latestEnd"]["date"], "2027-11-23");

    // The same file validated on a later day: the residence permit is now too short.
    let out = Command::new(BIN)
        .args([
            "validate",
            fixture("case-in-country.json").to_str().unwrap(),
            "--today",
            "2027-06-01",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = v["validation"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"residence.six_months"), "{rules:?}");

    // Not JSON at all: a clear error code.
    let out = Command::new(BIN)
        .args(["validate", fixture("../../Cargo.toml").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(stderr_code(&out), "file.invalid_case");
}

#[test]
fn export_a_bundle_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| succeeds_with_json(cli_with_passphrase(data.path()).args(args));
    let case = run(&[
        "create",
        "--employer",
        "Ayşe Yılmaz",
        "--foreigner",
        "Irina Petrova",
    ]);
    let id = case["id"].as_str().unwrap().to_string();
    run(&[
        "set-doc",
        &id,
        fixture("case-in-country.json").to_str().unwrap(),
    ]);
    // A one-page PDF made by the CLI itself would need a PDF writer here; use the
    // generated petition of another export instead: first a draft export.
    let draft = run(&[
        "export",
        &id,
        "--to",
        out.path().to_str().unwrap(),
        "--draft",
        "--today",
        "2026-11-24",
    ]);
    let petition = std::path::PathBuf::from(draft["folder"].as_str().unwrap())
        .join("01-Basvuru-Dilekcesi.pdf");
    assert!(petition.is_file(), "{draft:#}");
    for slot in ["is_sozlesmesi", "gelir_belgesi", "pasaport"] {
        let info = run(&["attach", &id, slot, petition.to_str().unwrap()]);
        assert_eq!(info["source"], "pdf");
    }
    let photo = fixture("photos/studio.jpg");
    run(&[
        "set-photo",
        &id,
        photo.to_str().unwrap(),
        "--today",
        "2026-11-24",
    ]);
    let report = run(&[
        "export",
        &id,
        "--to",
        out.path().to_str().unwrap(),
        "--today",
        "2026-11-24",
    ]);
    assert_eq!(report["draft"], false);
    assert_eq!(report["files"].as_array().unwrap().len(), 6);
    assert!(out
        .path()
        .join("Hane-Basvuru-Irina-Petrova-2026-11-24.zip")
        .is_file());

    // The petition's EKLER is exactly the manifest's files other than the petition and
    // the summary, in order: read back from the written PDF (pdftotext), not from Hane.
    let folder = std::path::PathBuf::from(report["folder"].as_str().unwrap());
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).unwrap()).unwrap();
    let listed: Vec<String> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["item"] != "dilekce" && f["item"] != "ozet")
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed.len(), 4, "photo + 3 documents: {manifest:#}");
    let petition = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["item"] == "dilekce")
        .unwrap()["file"]
        .as_str()
        .unwrap()
        .to_string();
    let text = Command::new("pdftotext")
        .args(["-layout", folder.join(&petition).to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils; cargo xtask test installs it)");
    let text = String::from_utf8_lossy(&text.stdout);
    // Lines may wrap: compare with whitespace collapsed.
    let ekler: String = text
        .split("EKLER")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let files = manifest["files"].as_array().unwrap();
    for (i, f) in files
        .iter()
        .filter(|f| listed.contains(&f["file"].as_str().unwrap().to_string()))
        .enumerate()
    {
        let line = format!(
            "{}. {} ({} sayfa) — {}",
            i + 1,
            f["title"].as_str().unwrap(),
            f["pages"],
            f["file"].as_str().unwrap()
        );
        assert!(ekler.contains(&line), "EKLER lacks {line:?}: {ekler}");
    }
    assert!(
        !ekler.contains(&format!("{}. ", listed.len() + 1)),
        "{ekler}"
    );

    // A declared document without a file blocks the export: the petition would list it.
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("case-in-country.json")).unwrap())
            .unwrap();
    doc["ek_belgeler"] = serde_json::json!([{ "id": "diploma", "baslik": "Diploma" }]);
    let declared = data.path().join("declared.json");
    std::fs::write(&declared, doc.to_string()).unwrap();
    run(&["set-doc", &id, declared.to_str().unwrap()]);
    let o = cli_with_passphrase(data.path())
        .args([
            "export",
            &id,
            "--to",
            out.path().to_str().unwrap(),
            "--today",
            "2026-11-24",
        ])
        .output()
        .unwrap();
    assert_eq!(stderr_code(&o), "export.blocked");
}

/// `record` takes amounts as a Turkish user types them and prints kuruş; `events` shows
/// the deadline they start; refusals are `{code, message}` on stderr.
#[test]
fn record_and_events_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let cli = || cli_with_passphrase(data.path());
    let case = succeeds_with_json(cli().args(["create", "--employer", "A", "--foreigner", "B"]));
    let id = case["id"].as_str().unwrap().to_string();
    let today = ["--today", "2026-12-02"];
    let submitted = succeeds_with_json(
        cli()
            .args([
                "record",
                &id,
                "--kind",
                "basvuru_yapildi",
                "--date",
                "2026-11-10",
            ])
            .args(today),
    );
    assert_eq!(submitted["kind"], "basvuru_yapildi");
    let fee = succeeds_with_json(
        cli()
            .args([
                "record",
                &id,
                "--kind",
                "harc_odemesi_istendi",
                "--date",
                "2026-11-20",
            ])
            .args(["--harc", "12.345", "--degerli-kagit", "1.234,50 TL"])
            .args(today),
    );
    assert_eq!(fee["harcKurus"], 1_234_500, "{fee:#}");
    assert_eq!(fee["degerliKagitKurus"], 123_450, "{fee:#}");
    let events = succeeds_with_json(cli().args(["events", &id]).args(today));
    assert_eq!(events["events"].as_array().unwrap().len(), 2);
    let harc = events["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "harc")
        .unwrap();
    assert_eq!(harc["due"], "2026-12-20");
    assert!(
        harc["action"]["tr"]
            .as_str()
            .unwrap()
            .contains("12.345,00 TL"),
        "{harc:#}"
    );

    let refused = |args: &[&str]| {
        let o = cli()
            .arg("record")
            .arg(&id)
            .args(args)
            .args(today)
            .output()
            .unwrap();
        assert!(!o.status.success(), "{args:?}");
        let v: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap();
        assert!(v["message"].is_string());
        v["code"].as_str().unwrap().to_string()
    };
    assert_eq!(
        refused(&[
            "--kind",
            "harc_odemesi_istendi",
            "--date",
            "2026-11-20",
            "--harc",
            "12.34"
        ]),
        "money.ambiguous"
    );
    assert_eq!(
        refused(&[
            "--kind",
            "onaylandi",
            "--date",
            "2026-11-25",
            "--permit-start",
            "2026-12-01"
        ]),
        "event.permit_dates"
    );
    assert_eq!(
        refused(&[
            "--kind",
            "onaylandi",
            "--date",
            "2026-11-25",
            "--permit-start",
            "2026-12-01",
            "--permit-end",
            "2026-11-30"
        ]),
        "event.permit_order"
    );
    assert_eq!(
        refused(&["--kind", "eksik_evrak_istendi", "--date", "2026-11-09"]),
        "event.before_submission"
    );
    assert_eq!(
        refused(&["--kind", "harc_odendi", "--date", "2026-12-03"]),
        "event.future_date"
    );
    let approved = succeeds_with_json(
        cli()
            .args(["record", &id, "--kind", "onaylandi", "--date", "2026-11-25"])
            .args(["--permit-start", "2026-12-01", "--permit-end", "2027-11-30"])
            .args(today),
    );
    assert_eq!(approved["permitEnd"], "2027-11-30");
    let events = succeeds_with_json(cli().args(["events", &id]).args(today));
    let renewal = events["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "uzatma")
        .unwrap();
    assert_eq!(
        (renewal["opens"].as_str(), renewal["due"].as_str()),
        (Some("2027-09-30"), Some("2027-11-29"))
    );
}

/// `status ID`: where the case stands and the deadline to look at first, as the case list
/// shows it — `{"status", "nextDeadline"}` — on the days around the extension window.
#[test]
fn status_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let cli = || cli_with_passphrase(data.path());
    let case = succeeds_with_json(cli().args(["create", "--employer", "A", "--foreigner", "B"]));
    let id = case["id"].as_str().unwrap().to_string();
    let status = |today: &str| succeeds_with_json(cli().args(["status", &id, "--today", today]));
    let fresh = status("2026-11-01");
    assert_eq!(fresh["status"], "hazirlaniyor", "{fresh:#}");
    assert!(fresh["nextDeadline"].is_null(), "{fresh:#}");
    for (kind, date) in [
        ("basvuru_yapildi", "2026-11-10"),
        ("eksik_evrak_istendi", "2026-11-20"),
    ] {
        succeeds_with_json(
            cli()
                .args(["record", &id, "--kind", kind, "--date", date])
                .args(["--today", "2026-12-02"]),
        );
    }
    let missing = status("2026-12-02");
    assert_eq!(missing["status"], "eksik_evrak");
    assert_eq!(missing["nextDeadline"]["kind"], "eksik_evrak");
    assert_eq!(missing["nextDeadline"]["due"], "2026-12-20");
    // What was asked can be recorded; the request gets its own slot, and the PDF built
    // there is stored without touching the application's documents.
    let asked = succeeds_with_json(cli().args([
        "record",
        &id,
        "--kind",
        "eksik_evrak_istendi",
        "--date",
        "2026-11-21",
        "--requested",
        "Güncel gelir belgesi",
        "--today",
        "2026-12-02",
    ]));
    assert_eq!(asked["istenen"], "Güncel gelir belgesi", "{asked:#}");
    let slot = format!("eksik_evrak:{}", asked["id"]);
    let items = succeeds_with_json(cli().args(["documents", &id]));
    let item = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == slot.as_str())
        .unwrap_or_else(|| panic!("no {slot} in {items:#}"));
    assert_eq!(
        item["titleTr"],
        "Eksik evrak (21.11.2026): Güncel gelir belgesi"
    );
    assert_eq!(
        (&item["required"], &item["status"]),
        (&false.into(), &"missing".into())
    );
    let page = fixture("photos/studio.jpg");
    let stored = succeeds_with_json(cli().args(["attach", &id, &slot, page.to_str().unwrap()]));
    assert_eq!(stored["slot"], slot.as_str());
    let events = succeeds_with_json(cli().args(["events", &id, "--today", "2026-12-02"]));
    let requests: Vec<&serde_json::Value> = events["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "eksik_evrak")
        .collect();
    assert_eq!(requests.len(), 2, "{events:#}");
    assert!(requests.iter().any(|d| d["action"]["tr"]
        .as_str()
        .unwrap()
        .contains("İstenen: Güncel gelir belgesi.")));
    succeeds_with_json(
        cli()
            .args(["record", &id, "--kind", "eksik_evrak_yuklendi"])
            .args(["--date", "2026-12-01", "--today", "2026-12-02"]),
    );
    assert_eq!(status("2026-12-02")["status"], "basvuruldu");
    succeeds_with_json(
        cli()
            .args(["record", &id, "--kind", "onaylandi", "--date", "2026-12-02"])
            .args(["--permit-start", "2026-12-05", "--permit-end", "2027-12-04"])
            .args(["--today", "2026-12-02"]),
    );
    // 004: the extension window opens 2 months before the end (2027-10-04).
    assert_eq!(status("2027-10-03")["status"], "onaylandi");
    let open = status("2027-10-04");
    assert_eq!(open["status"], "uzatma_zamani", "{open:#}");
    assert_eq!(open["nextDeadline"]["kind"], "uzatma");
    assert_eq!(status("2027-10-05")["status"], "uzatma_zamani");
    // The list carries the same, per case.
    let list = succeeds_with_json(cli().args(["list"]));
    assert_eq!(list[0]["id"], id);
    assert!(list[0]["status"].is_string(), "{list:#}");
}

#[test]
fn photo_runs_the_pipeline_on_a_file_and_writes_an_srgb_jpeg() {
    let out_dir = tempfile::tempdir().unwrap();
    let jpeg = out_dir.path().join("out.jpg");
    let mut cmd = Command::new(BIN);
    cmd.args(["photo", "--today", "2026-11-24", "--out"])
        .arg(&jpeg)
        .arg(fixture("photos/studio-adobe-rgb.jpg"));
    let report = succeeds_with_json(&mut cmd);
    assert_eq!(report["passed"], true, "{report:#}");
    assert_eq!(report["convertedToSrgb"], true);
    let landmarks = &report["analysis"]["faces"][0]["landmarks"];
    assert_eq!(
        landmarks["eyeLeft"].as_array().map(Vec::len),
        Some(2),
        "{landmarks:#}"
    );
    let openness = &report["analysis"]["faces"][0]["eyeOpenness"];
    assert!(
        openness.as_array().is_some_and(|o| o.len() == 2),
        "{openness:#}"
    );
    let eyes_open = report["analysis"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "photo.eyes_open")
        .cloned();
    assert_eq!(eyes_open.map(|c| c["passed"].clone()), Some(true.into()));
    let written = std::fs::read(&jpeg).unwrap();
    assert_eq!(report["output"]["bytes"], written.len());
    assert!(written.len() <= 2_000_000);
    // No profile travels with it: its pixels are sRGB.
    assert!(!written.windows(12).any(|w| w == b"ICC_PROFILE\0"));
}

/// Issue #17: hostile files get a specific error code (never a crash), and what was saved
/// before stays as it was.
#[test]
fn hostile_files_are_refused_with_a_code_and_nothing_saved_changes() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| succeeds_with_json(cli_with_passphrase(data.path()).args(args));
    let case = run(&[
        "create",
        "--employer",
        "Ayşe Yılmaz",
        "--foreigner",
        "Irina Petrova",
    ]);
    let id = case["id"].as_str().unwrap().to_string();
    let good = fixture("photos/studio.jpg");
    let saved = run(&["attach", &id, "is_sozlesmesi", good.to_str().unwrap()]);
    let documents = || run(&["documents", &id]);
    let before = documents();

    let jpeg = std::fs::read(&good).unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = files.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let mut cut = jpeg[..jpeg.len() / 2].to_vec();
    cut.extend_from_slice(&[0xFF, 0xD9]);
    let cut = write("kesik.jpg", &cut);
    let fake_pdf = write(
        "bozuk.pdf",
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\nstartxref\n0\n%%EOF\n",
    );
    // 600 MB, sparse: refused from its size, never read.
    let huge = files.path().join("video.jpg");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(600 * 1024 * 1024)
        .unwrap();
    // 1000×1 pixels: no face can be in it, and the detector must not crash on it.
    let sliver = files.path().join("serit.png");
    image::RgbImage::new(1000, 1).save(&sliver).unwrap();

    // `photo` needs no data folder and comes first.
    let command = |args: &[&str]| {
        let mut c = if args[0] == "photo" {
            Command::new(BIN)
        } else {
            cli_with_passphrase(data.path())
        };
        c.args(args);
        c
    };
    let code = |args: &[&str]| {
        let out = command(args).output().unwrap();
        assert_ne!(out.status.code(), Some(101), "a panic: {args:?}");
        assert!(!out.status.success(), "{args:?}");
        stderr_code(&out)
    };
    let attach = |p: &Path| code(&["attach", &id, "is_sozlesmesi", p.to_str().unwrap()]);
    assert_eq!(attach(&cut), "image.unreadable");
    assert_eq!(attach(&fake_pdf), "pdf.damaged");
    assert_eq!(attach(&huge), "file.too_large");
    assert_eq!(code(&["photo", cut.to_str().unwrap()]), "image.unreadable");
    assert_eq!(code(&["photo", huge.to_str().unwrap()]), "file.too_large");
    assert_eq!(
        code(&["set-photo", &id, cut.to_str().unwrap()]),
        "image.unreadable"
    );
    let sliver_report = succeeds_with_json(&mut command(&["photo", sliver.to_str().unwrap()]));
    assert_eq!(sliver_report["passed"], false);

    assert_eq!(documents(), before, "the saved document is untouched");
    let item = &before[0];
    assert_eq!(item["document"]["id"], saved["id"]);
    assert_eq!(item["document"]["bytes"], saved["bytes"]);
}

/// `renew ID` after an approval: the extension case, printed as `show` prints a case, whose
/// `doc` `validate` accepts with nothing blocking inside the extension window; the first
/// case stays. `new-case --from ID`: the same household, a new caregiver.
#[test]
fn renew_and_new_case_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let cli = || cli_with_passphrase(data.path());
    let case = succeeds_with_json(cli().args(["create", "--employer", "A", "--foreigner", "B"]));
    let id = case["id"].as_str().unwrap().to_string();
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("case-in-country.json")).unwrap())
            .unwrap();
    doc["genel"]["pasaport_bitis"] = "2031-01-01".into();
    let file = data.path().join("case.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    succeeds_with_json(cli().args(["set-doc", &id, file.to_str().unwrap()]));

    // Not approved yet: refused with its own code, nothing created.
    let out = cli().args(["renew", &id]).output().unwrap();
    assert_eq!(stderr_code(&out), "renewal.not_approved");
    for (kind, date, extra) in [
        ("basvuru_yapildi", "2026-11-10", vec![]),
        (
            "onaylandi",
            "2026-11-30",
            vec!["--permit-start", "2026-12-01", "--permit-end", "2027-11-30"],
        ),
    ] {
        succeeds_with_json(
            cli()
                .args(["record", &id, "--kind", kind, "--date", date])
                .args(extra)
                .args(["--today", "2026-12-02"]),
        );
    }
    let renewed = succeeds_with_json(cli().args(["renew", &id, "--today", "2027-10-15"]));
    let new_id = renewed["id"].as_str().unwrap();
    assert_ne!(new_id, id);
    let b = &renewed["doc"]["basvuru"];
    assert_eq!(
        (
            &b["yer"],
            &b["tur"],
            &b["onceki_uzatma_sayisi"],
            &b["mevcut_izin_bitis"]
        ),
        (
            &"yurt_ici".into(),
            &"uzatma".into(),
            &0.into(),
            &"2027-11-30".into()
        ),
        "{b:#}"
    );
    assert_eq!(renewed["doc"]["gorev"]["sure_ay"], 24);
    assert_eq!(renewed["doc"]["profil"], doc["profil"]);
    assert_eq!(renewed["doc"]["kisisel"]["ad"], doc["kisisel"]["ad"]);
    let doc_file = data.path().join("renewed.json");
    std::fs::write(&doc_file, renewed["doc"].to_string()).unwrap();
    let v = succeeds_with_json(Command::new(BIN).args([
        "validate",
        doc_file.to_str().unwrap(),
        "--today",
        "2027-10-15",
    ]));
    assert_eq!(v["blocking"], 0, "{v:#}");
    // Pressed again: the extension that exists, the same id, never a second case (#34).
    let again = succeeds_with_json(cli().args(["renew", &id, "--today", "2027-10-16"]));
    assert_eq!(again["id"], new_id);
    assert_eq!(again["doc"], renewed["doc"]);
    // The first case is unchanged and both are listed, each with its type and the
    // extension named on the case it extends.
    let list = succeeds_with_json(cli().args(["list"]));
    let row = |case: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == case)
            .unwrap()
            .clone()
    };
    assert_eq!(row(&id)["basvuruTuru"], "ilk");
    assert_eq!(row(&id)["uzatmaBasvurusu"], new_id);
    assert_eq!(row(new_id)["basvuruTuru"], "uzatma");
    assert_eq!(row(new_id)["uzatilanBasvuru"], id.as_str());
    let first = succeeds_with_json(cli().args(["show", &id]));
    assert_eq!(first["doc"]["basvuru"]["tur"], "ilk");
    assert_eq!(
        succeeds_with_json(cli().args(["list"]))
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // The extension names the case it extends. Until it is submitted the first case's
    // window stays open; once it is, that window is done and the first case is history.
    assert_eq!(renewed["doc"]["uzatilan_basvuru"], id.as_str());
    let status = |case: &str| {
        succeeds_with_json(cli().args(["status", case, "--today", "2027-10-15"]))["status"].clone()
    };
    assert_eq!(status(&id), "uzatma_zamani");
    succeeds_with_json(cli().args([
        "record",
        new_id,
        "--kind",
        "basvuru_yapildi",
        "--date",
        "2027-10-15",
        "--today",
        "2027-10-15",
    ]));
    assert_eq!(status(&id), "onaylandi");
    assert_eq!(status(new_id), "basvuruldu");
    let submitted = succeeds_with_json(cli().args(["submitted", new_id]));
    assert_eq!(submitted["submittedOn"], "2027-10-15");
    assert_eq!(submitted["snapshot"]["doc"], renewed["doc"]);
    assert_eq!(submitted["changes"], serde_json::json!([]));

    let second = succeeds_with_json(cli().args(["new-case", "--from", &id]));
    assert_eq!(second["doc"]["profil"], doc["profil"]);
    assert_eq!(second["doc"]["isyeri"], doc["isyeri"]);
    assert_eq!(second["doc"]["kisisel"]["ad"], "");
    // The household entered once: an address changed on the second caregiver's case names
    // the employer's other case still being prepared (a third caregiver's), not the
    // submitted ones (the first case, the extension); --apply copies it there.
    let third = succeeds_with_json(cli().args(["new-case", "--from", &id]));
    let third_id = third["id"].as_str().unwrap();
    let second_id = second["id"].as_str().unwrap();
    let mut moved = second["doc"].clone();
    moved["isyeri"]["adres"] = "Bağdat Cad. 200/5".into();
    std::fs::write(&file, moved.to_string()).unwrap();
    succeeds_with_json(cli().args(["set-doc", second_id, file.to_str().unwrap()]));
    let differs = succeeds_with_json(cli().args(["household", second_id]));
    let named: Vec<&str> = differs["differs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(named, vec![third_id], "{differs:#}");
    let applied = succeeds_with_json(cli().args(["household", second_id, "--apply"]));
    assert_eq!(applied["applied"].as_array().unwrap().len(), 1);
    let show = |case: &str| succeeds_with_json(cli().args(["show", case]));
    assert_eq!(
        show(third_id)["doc"]["isyeri"]["adres"],
        "Bağdat Cad. 200/5"
    );
    for submitted in [id.as_str(), new_id] {
        assert_eq!(
            show(submitted)["doc"]["isyeri"]["adres"],
            doc["isyeri"]["adres"]
        );
    }
}

/// `hane-cli mrz FILE`: a photographed passport page (synthetic; `mrz_pages` seed 1) read
/// field by field with every check digit; the optional data's O, which the model reads as
/// 0, is put right by its check digit and still marked unsure. A page without an MRZ and a
/// file that is no image say so by code.
#[test]
fn mrz_reads_a_passport_page() {
    let page = fixture("mrz/passport-photo-seed1.jpg");
    let truth = std::fs::read_to_string(fixture("mrz/passport-photo-seed1.txt")).unwrap();
    let v = succeeds_with_json(Command::new(BIN).args([
        "mrz",
        page.to_str().unwrap(),
        "--today",
        "2026-12-03",
    ]));
    let lines: Vec<&str> = truth.lines().collect();
    assert_eq!(v["lines"], serde_json::json!(lines), "{v:#}");
    assert_eq!(v["turn"], 0);
    assert_eq!(v["allChecksPass"], true);
    assert_eq!(v["mrz"]["surname"], "ROTARU");
    assert_eq!(v["mrz"]["givenNames"], "DILNOZA");
    assert_eq!(v["mrz"]["documentNumber"], "V65632113");
    assert_eq!(v["mrz"]["nationality"], "IDN");
    assert_eq!(v["birthDate"], "1971-04-11");
    assert_eq!(v["expiryDate"], "2028-07-01");
    let checks = v["mrz"]["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 5);
    assert!(checks.iter().all(|c| c["ok"] == true), "{checks:?}");
    assert_eq!(v["confidence"][1].as_array().unwrap().len(), 44);
    assert!(
        v["unsure"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!([1, 34])),
        "{}",
        v["unsure"]
    );

    let dir = tempfile::tempdir().unwrap();
    let blank = dir.path().join("blank.png");
    image::RgbImage::from_pixel(900, 600, image::Rgb([250, 250, 250]))
        .save(&blank)
        .unwrap();
    let out = Command::new(BIN)
        .args(["mrz", blank.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(stderr_code(&out), "mrz.not_found");
    let out = Command::new(BIN)
        .args(["mrz", fixture("../../Cargo.toml").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(stderr_code(&out), "image.unsupported");
}

#[test]
fn page_finds_a_photographed_page_and_straightens_it() {
    let photo = fixture("pages/contract-photo-seed2.jpg");
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("pages/contract-photo-seed2.json")).unwrap(),
    )
    .unwrap();
    let corners = |v: &serde_json::Value| -> Vec<[f64; 2]> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| [p[0].as_f64().unwrap(), p[1].as_f64().unwrap()])
            .collect()
    };
    let v = succeeds_with_json(Command::new(BIN).args(["page", photo.to_str().unwrap()]));
    let (found, want) = (corners(&v["corners"]), corners(&truth["corners"]));
    let diag = (want[0][0] - want[2][0]).hypot(want[0][1] - want[2][1]);
    for (f, w) in found.iter().zip(&want) {
        assert!(
            (f[0] - w[0]).hypot(f[1] - w[1]) < 0.015 * diag,
            "{found:?} against {want:?}"
        );
    }
    assert_eq!(v["turn"], 270, "{v:#}");
    assert!((v["deskew"].as_f64().unwrap() - truth["deskew"].as_f64().unwrap()).abs() < 1.0);
    assert_eq!(v["outline"], true);
    assert_eq!(
        (v["width"].as_u64(), v["height"].as_u64()),
        (Some(2000), Some(1500))
    );
    assert!(v.get("output").is_none());

    // Straightened, with the scanner look: an A4 JPEG whose JFIF header carries its dpi.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("page.jpg");
    let v = succeeds_with_json(Command::new(BIN).args([
        "page",
        photo.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--clean",
    ]));
    let jpeg = std::fs::read(&out).unwrap();
    assert_eq!(v["output"]["bytes"], jpeg.len());
    let img = image::load_from_memory(&jpeg).unwrap();
    assert_eq!(
        (img.width() as u64, img.height() as u64),
        (
            v["output"]["width"].as_u64().unwrap(),
            v["output"]["height"].as_u64().unwrap()
        )
    );
    assert!((img.width() as f64 / img.height() as f64 - 210.0 / 297.0).abs() < 0.005);
    let dpi = v["output"]["dpi"].as_f64().unwrap();
    assert!((100.0..=200.0).contains(&dpi), "{dpi}");
    // JFIF APP0: "JFIF\0", version, units (1 = dots per inch), X density.
    let app0 = jpeg.windows(5).position(|w| w == b"JFIF\0").unwrap();
    assert_eq!(jpeg[app0 + 7], 1);
    assert_eq!(
        u16::from_be_bytes([jpeg[app0 + 8], jpeg[app0 + 9]]) as f64,
        dpi.round()
    );

    // A user's corners (the truth's) are used as given; a crossed outline is refused.
    let given: Vec<String> = want
        .iter()
        .flat_map(|p| [p[0].to_string(), p[1].to_string()])
        .collect();
    let v = succeeds_with_json(Command::new(BIN).args([
        "page",
        photo.to_str().unwrap(),
        "--corners",
        &given.join(","),
    ]));
    assert_eq!(corners(&v["corners"])[0][0] as f32, want[0][0] as f32);
    assert_eq!(v["turn"], 270);
    let out = Command::new(BIN)
        .args([
            "page",
            photo.to_str().unwrap(),
            "--corners",
            "10,10,500,500,500,10,10,500",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(stderr_code(&out), "page.corners");
    let out = Command::new(BIN)
        .args(["page", fixture("../../Cargo.toml").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(stderr_code(&out), "image.unsupported");
}

/// Issue #34: a reader that closes the pipe early (`hane-cli rules | head -1`) ends the
/// command quietly — exit 0, no panic, no backtrace.
#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(BIN)
        .arg("rules")
        .env("RUST_BACKTRACE", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close the read end before the command writes: its write meets a broken pipe.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// Issue #34: `COMMAND --help` and `help [COMMAND]` explain the command on stdout (exit
/// 0); an unknown one is a usage error (exit 2).
#[test]
fn every_command_has_its_help() {
    let out = Command::new(BIN)
        .args(["renew", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("usage: hane-cli [--data-dir DIR] renew ID"),
        "{text}"
    );
    assert!(text.contains("extension"), "{text}");
    let all = Command::new(BIN).arg("help").output().unwrap();
    assert!(all.status.success());
    let all = String::from_utf8(all.stdout).unwrap();
    for command in [
        "list",
        "create",
        "show",
        "delete",
        "set-doc",
        "backup",
        "restore",
        "validate",
        "deadlines",
        "record",
        "events",
        "status",
        "renew",
        "new-case",
        "people",
        "submitted",
        "household",
        "attach",
        "documents",
        "export",
        "set-photo",
        "photo",
        "mrz",
        "page",
        "rules",
    ] {
        assert!(
            all.contains(&format!("\n  {command}")),
            "help lacks {command}:\n{all}"
        );
        let one = Command::new(BIN)
            .args(["--data-dir", "/nonexistent", command, "-h"])
            .output()
            .unwrap();
        assert!(one.status.success(), "{command} -h: {:?}", one.status);
    }
    let bad = Command::new(BIN)
        .args(["bogus", "--help"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// Issue #35: `contract ID --lang en|ru --out FILE.pdf` writes the draft and prints
/// `{file, pages, languages, values}`; `contract ID --check` lists what changed since
/// (`stale`); `caregiver-pack ID --lang … --out …` prints `{file, pages, language}`.
#[test]
fn contract_and_caregiver_pack_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let cli = || cli_with_passphrase(data.path());
    let case = succeeds_with_json(cli().args(["create", "--employer", "A", "--foreigner", "B"]));
    let id = case["id"].as_str().unwrap().to_string();
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("case-in-country.json")).unwrap())
            .unwrap();
    doc["gorev"]["ucret"] = "28.000".into();
    let file = data.path().join("case.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    succeeds_with_json(cli().args(["set-doc", &id, file.to_str().unwrap()]));

    let check = succeeds_with_json(cli().args(["contract", &id, "--check"]));
    assert_eq!(check, serde_json::json!({"drafted": false, "stale": []}));
    let pdf = data.path().join("sozlesme.pdf");
    let out = succeeds_with_json(cli().args([
        "contract",
        &id,
        "--lang",
        "ru",
        "--out",
        pdf.to_str().unwrap(),
        "--today",
        "2026-12-08",
    ]));
    assert_eq!(out["languages"], serde_json::json!(["tr", "ru"]));
    assert_eq!(out["file"], pdf.to_str().unwrap());
    assert!(out["pages"].as_u64().unwrap() >= 2);
    let v = &out["values"];
    assert_eq!(v["wageKurus"], 2_800_000);
    assert_eq!(v["passportNo"], doc["genel"]["pasaport_no"]);
    assert_eq!(
        (v["start"].as_str(), v["end"].as_str()),
        (Some("2026-12-08"), Some("2027-12-07"))
    );
    for key in ["employer", "caregiver", "job", "address"] {
        assert!(!v[key].as_str().unwrap().is_empty(), "{key}");
    }
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("28.000,00 TL") && text.contains("ТРУДОВОЙ ДОГОВОР"),
        "{text}"
    );

    // The wage changes in the application: stale until drafted again.
    let mut now = succeeds_with_json(cli().args(["show", &id]))["doc"].clone();
    now["gorev"]["ucret"] = "30.000".into();
    std::fs::write(&file, now.to_string()).unwrap();
    succeeds_with_json(cli().args(["set-doc", &id, file.to_str().unwrap()]));
    let check = succeeds_with_json(cli().args(["contract", &id, "--check"]));
    assert_eq!(check["drafted"], true);
    assert_eq!(
        check["stale"],
        serde_json::json!([{"field": "gorev.ucret", "drafted": "28.000,00 TL", "now": "30.000,00 TL"}])
    );
    succeeds_with_json(cli().args([
        "contract",
        &id,
        "--lang",
        "en",
        "--out",
        pdf.to_str().unwrap(),
    ]));
    let check = succeeds_with_json(cli().args(["contract", &id, "--check"]));
    assert_eq!(check["stale"], serde_json::json!([]));

    let pack = data.path().join("paket.pdf");
    let out = succeeds_with_json(cli().args([
        "caregiver-pack",
        &id,
        "--lang",
        "en",
        "--out",
        pack.to_str().unwrap(),
    ]));
    assert_eq!(out["language"], "en");
    assert_eq!(out["pages"], 1);
    assert!(pack.is_file());
    let bad = cli()
        .args([
            "contract",
            &id,
            "--lang",
            "de",
            "--out",
            pdf.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(stderr_code(&bad), "contract.language");
}
