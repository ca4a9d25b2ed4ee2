//! Windows on a Linux machine: the workspace cross-built for `x86_64-pc-windows-gnu` with
//! mingw-w64, the core's and the CLI's tests run under Wine, and the app started under
//! Wine (which has no WebView2 runtime) must show its start-up message box.
//! Also the check that every dependency feature the code uses is declared by the
//! workspace itself, for Linux, Windows and macOS alike (feature resolution per target).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{cargo, root, step, target_dir, TaskResult};

pub const TARGET: &str = "x86_64-pc-windows-gnu";

/// Debian packages for the Windows build and run: the mingw-w64 C toolchain (linker, and
/// the C parts of SQLCipher/OpenSSL) and Wine.
pub const PACKAGES: &[&str] = &["gcc-mingw-w64-x86-64", "wine64"];

/// Debian installs the 64-bit loader here, without a `wine` wrapper on the PATH.
const WINE: &str = "/usr/lib/wine/wine64";
const WINESERVER: &str = "/usr/lib/wine/wineserver";
/// Seconds one test binary may run under Wine before it counts as hung.
const WINE_TEST_TIMEOUT_S: u32 = 600;

const READS_PDF_BACK: &str = "it checks the PDF it wrote with poppler or qpdf (pdftoppm, \
     pdfimages, pdfinfo, qpdf --check), Linux programs a Windows process cannot start (Wine \
     answers 'invalid handle')";

/// Tests that do not run under Wine, each with the reason (printed on every run; the
/// rest of their test binary runs). Matched as `cargo test --skip` filters.
const NOT_UNDER_WINE: &[(&str, &str)] = &[
    (
        "no_keyring_takes_the_passphrase_path",
        "it needs a machine without a keyring, but Wine provides the Windows Credential \
         Manager (and keyring's Windows backend works there)",
    ),
    (
        "a_complete_case_exports_a_verified_bundle",
        "it checks the exported files with Linux qpdf, sha256sum and unzip, which a Windows \
         process cannot start (Wine answers 'invalid handle'); the bundle's other tests, \
         which export to Windows paths, run",
    ),
    (
        "blocking_problems_refuse_export_but_a_draft_is_stamped",
        "it reads the draft stamp back with Linux pdftotext",
    ),
    (
        "a_scanned_pdf_opens_as_its_pages_placed_as_the_pdf_showed_them",
        READS_PDF_BACK,
    ),
    (
        "a_page_shown_turned_by_rotate_comes_out_turned",
        READS_PDF_BACK,
    ),
    ("a_user_quarter_turn_rotates_the_page", READS_PDF_BACK),
    ("imported_pdfs_are_checked", READS_PDF_BACK),
    ("jpeg_orientations_1_to_8_appear_upright", READS_PDF_BACK),
    (
        "an_oversized_scanned_pdf_fits_the_limit_once_opened_as_pages",
        READS_PDF_BACK,
    ),
    (
        "png_alpha_is_flattened_on_white_and_kept_lossless",
        READS_PDF_BACK,
    ),
    (
        "oversized_scans_are_recompressed_to_fit_with_the_same_layout",
        READS_PDF_BACK,
    ),
    ("png_pages_are_recompressed_too", READS_PDF_BACK),
    ("several_pages_metadata_and_determinism", READS_PDF_BACK),
    (
        "recompression_keeps_gray_scans_gray_and_leaves_small_documents_alone",
        READS_PDF_BACK,
    ),
    (
        "export_a_bundle_from_the_command_line",
        "it reads the exported petition back with Linux pdftotext, which a Windows process \
         cannot start",
    ),
    (
        // A module of hane-core's test binary: every test's name starts with it.
        "pdf_generated::",
        "each of its tests reads the PDF back with poppler and qpdf (Linux programs)",
    ),
    (
        "contract::",
        "each of its tests reads the contract and the pack back with poppler and qpdf (Linux programs)",
    ),
    (
        "contract_and_caregiver_pack_from_the_command_line",
        "it reads the drafted contract back with Linux pdftotext, which a Windows process cannot start",
    ),
];

/// Where the Windows build lives: its own target folder, so its Cargo lock never waits
/// for the Linux build's, and `target/` stays one folder to keep warm.
fn windows_target_dir() -> PathBuf {
    target_dir().join("windows")
}

fn wine_prefix() -> PathBuf {
    windows_target_dir().join("wine-prefix")
}

fn wine(prefix: &Path) -> Command {
    let mut c = Command::new(WINE);
    c.env("WINEPREFIX", prefix)
        .env("WINEDEBUG", "-all")
        // No "install Mono/Gecko?" dialogs: Hane needs neither.
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=");
    c
}

fn cargo_windows() -> Command {
    let mut c = cargo();
    c.args(profile_overrides());
    c.env("CARGO_TARGET_DIR", windows_target_dir());
    c
}

/// The Windows build compiles tract (the eye-landmark model's runtime) at opt-level 1,
/// not the workspace's 3: tract-core at opt-level 3 was the longest single crate of the
/// Windows build, which is CI's critical path, and under Wine only a handful of photo
/// tests run the model (a few seconds slower each). Passed as global `--config` options,
/// so the background build and the later `cargo test` agree and nothing is rebuilt.
fn profile_overrides() -> Vec<String> {
    let mut out = Vec::new();
    for package in [
        "tract-core",
        "tract-linalg",
        "tract-data",
        "tract-onnx",
        "tract-hir",
    ] {
        out.push("--config".to_string());
        out.push(format!("profile.dev.package.{package}.opt-level=1"));
    }
    out
}

/// rustup's Windows target (the standard library for it).
fn ensure_rust_target() -> TaskResult {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l == TARGET)
        })
        .unwrap_or(false);
    if installed {
        return Ok(());
    }
    step(
        &format!("install the Rust target {TARGET}"),
        Command::new("rustup").args(["target", "add", TARGET]),
    )
}

/// A Wine prefix of our own (never the user's ~/.wine), with the ProcessPrng stand-in.
fn ensure_wine_prefix() -> Result<PathBuf, String> {
    let prefix = wine_prefix();
    if !prefix.join("system.reg").is_file() {
        std::fs::create_dir_all(&prefix).map_err(|e| format!("{}: {e}", prefix.display()))?;
        step(
            "create a Wine prefix for the Windows tests",
            wine(&prefix).args(["wineboot", "--init"]),
        )?;
        // wineboot returns before the server has written everything down.
        let _ = Command::new(WINESERVER)
            .arg("-w")
            .env("WINEPREFIX", &prefix)
            .status();
    }
    let dll = prefix.join("drive_c/windows/system32/bcryptprimitives.dll");
    let source = root().join("xtask/wine/bcryptprimitives.c");
    let stale = match (std::fs::metadata(&dll), std::fs::metadata(&source)) {
        (Ok(d), Ok(s)) => d.modified().ok() < s.modified().ok(),
        _ => true,
    };
    if stale {
        step(
            "build the ProcessPrng stand-in Wine 8 lacks (bcryptprimitives.dll)",
            Command::new("x86_64-w64-mingw32-gcc")
                .args(["-shared", "-O2", "-o"])
                .arg(&dll)
                .arg(&source)
                .arg("-ladvapi32"),
        )?;
    }
    Ok(prefix)
}

/// What is built and tested for Windows: every crate under `crates/` (the domain, the
/// media crates, the core, the CLI) and the app (the shell), from the architecture table.
fn packages_selected() -> Vec<String> {
    let mut out = Vec::new();
    for (_, name) in crate::architecture::shipped_crates() {
        out.extend(["-p".to_string(), name.to_string()]);
    }
    out
}

fn build_args() -> Vec<String> {
    let mut args = profile_overrides();
    args.extend(["build", "--target", TARGET].map(String::from));
    args.extend(packages_selected());
    // The test targets (lib and integration tests), the CLI the CLI tests run, and the app
    // for the start-up check; not the benchmark binary, which nothing runs under Wine.
    args.extend(["--tests", "--bin", "hane-cli", "--bin", "hane"].map(String::from));
    // Where the build's time goes (target/windows/cargo-timings/): it is CI's long pole.
    args.push("--timings".into());
    args
}

/// The Windows build, started in the background at the beginning of `cargo xtask test`
/// at the lowest CPU priority: on two cores the Linux build and the window tests leave
/// one idle much of the time (serial crates, linking, waiting for WebKit), and this fills
/// those gaps instead of adding its own minutes at the end. Its own target folder keeps
/// the two Cargo runs from waiting for each other's lock.
pub struct Background {
    child: std::process::Child,
    log: PathBuf,
    started: Instant,
}

impl Drop for Background {
    /// The suite ended before waiting for it (a failed step): stop the whole build.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = Command::new("kill")
                .args(["-TERM", "--", &format!("-{}", self.child.id())])
                .status();
            let _ = self.child.wait();
        }
    }
}

pub fn start_build() -> Result<Option<Background>, String> {
    if !cfg!(target_os = "linux") {
        return Ok(None);
    }
    ensure_rust_target()?;
    let dir = windows_target_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let log = dir.join("build.log");
    let out = std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    let cargo_bin = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // First, at normal priority, the two long chains everything of the core waits for:
    // SQLCipher with its vendored OpenSSL (~10 CPU-minutes of C; at low priority beside the
    // Linux build it took 22 minutes) and tract (tract-core alone is one ~10-minute unit;
    // built last, after the Linux suite, it left one core idle for ~8 minutes at the end of
    // CI while hane-scan, the core and their tests waited for it). `-p` builds them with
    // the workspace's features, so the full build below finds them done. Then the rest, at
    // low priority.
    let quoted = |args: Vec<String>| -> String {
        std::iter::once(crate::shell_quote(&cargo_bin))
            .chain(args.iter().map(|a| crate::shell_quote(a)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut first = profile_overrides();
    first.extend(
        [
            "build",
            "--target",
            TARGET,
            "--package",
            "rusqlite",
            "--package",
            "tract-onnx",
        ]
        .map(String::from),
    );
    let script = format!(
        "{} && exec nice -n 19 {}",
        quoted(first),
        quoted(build_args())
    );
    let mut cmd = Command::new("sh");
    // Its own process group, so an early end of the suite can stop cargo and its rustcs.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let child = cmd
        .args(["-c", &script])
        .current_dir(root())
        .env("CARGO_TARGET_DIR", &dir)
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("start the Windows build: {e}"))?;
    println!(
        "\n==> building for Windows ({TARGET}) in the background (SQLCipher and tract first, \
         the rest at low priority); log: {}",
        log.display()
    );
    Ok(Some(Background {
        child,
        log,
        started: Instant::now(),
    }))
}

/// Waits for the background build (or builds now if none was started), runs the core's,
/// the CLI's and the shell's tests under Wine, and checks the app's start-up message box
/// under Wine. Linux only (elsewhere the native run covers the native OS).
pub fn test(background: Option<Background>) -> TaskResult {
    if !cfg!(target_os = "linux") {
        println!("\nnote: the Windows cross-build and Wine run are done from Linux only.");
        return Ok(());
    }
    ensure_rust_target()?;
    let title = format!("build for Windows ({TARGET}): core, CLI and app, with their tests");
    let built = match background {
        Some(mut bg) => {
            // (Dropped at the end of this arm, after the wait: nothing left to stop.)
            println!("\n==> {title} (waiting for the background build)");
            let status = bg.child.wait().map_err(|e| e.to_string())?;
            let took = bg.started.elapsed();
            if !status.success() {
                let log = std::fs::read_to_string(&bg.log).unwrap_or_default();
                let tail: Vec<&str> = log.lines().rev().take(40).collect();
                let tail: Vec<&str> = tail.into_iter().rev().collect();
                return Err(format!(
                    "the Windows build failed ({status}); the end of {}:\n{}",
                    bg.log.display(),
                    tail.join("\n")
                ));
            }
            took
        }
        None => {
            let started = Instant::now();
            step(
                &title,
                cargo()
                    .env("CARGO_TARGET_DIR", windows_target_dir())
                    .args(build_args()),
            )?;
            started.elapsed()
        }
    };
    let prefix = ensure_wine_prefix()?;
    // The GNU build links WebView2's loader as a DLL (the MSVC build of the installers links
    // it statically) and puts it beside hane.exe; the shell's test binary in deps/ needs it
    // beside itself too.
    let debug = windows_target_dir().join(TARGET).join("debug");
    std::fs::copy(
        debug.join("WebView2Loader.dll"),
        debug.join("deps").join("WebView2Loader.dll"),
    )
    .map_err(|e| format!("WebView2Loader.dll: {e}"))?;

    println!("\n==> not run under Wine, and why:");
    for (name, why) in NOT_UNDER_WINE {
        println!("  - {name}: {why}");
    }
    let mut args: Vec<String> = ["test", "--target", TARGET].map(String::from).to_vec();
    args.extend(selected_tests(true)?);
    let run_started = Instant::now();
    // Each test binary runs under `timeout`: a Wine-side hang (seen once: a `hane-cli
    // photo` child idle for 30 minutes while the machine was loaded) then fails that
    // binary with exit status 124 after 10 minutes instead of stalling the whole suite.
    // The slowest binary takes under a minute here.
    let output = cargo_windows()
        .args(&args)
        .env(
            format!(
                "CARGO_TARGET_{}_RUNNER",
                TARGET.to_uppercase().replace('-', "_")
            ),
            format!("timeout --kill-after=10 {WINE_TEST_TIMEOUT_S} {WINE}"),
        )
        .env("WINEPREFIX", &prefix)
        .env("WINEDEBUG", "-all")
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cargo test for Windows: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    print!("{text}");
    let (passed, failed) = count_results(&text);
    println!(
        "\n==> Windows (under Wine): {passed} tests passed, {failed} failed, in {:.0} s \
         (build {:.0} s, in the background when started by cargo xtask test)",
        run_started.elapsed().as_secs_f64(),
        built.as_secs_f64()
    );
    if !output.status.success() || failed > 0 {
        return Err(format!(
            "tests failed under Wine (exit status 124 above: a test binary ran over \
             {WINE_TEST_TIMEOUT_S} s and was stopped as hung)"
        ));
    }
    // The session the tests ran in is ended, with anything a stopped binary left behind.
    let _ = Command::new(WINESERVER)
        .arg("-k")
        .env("WINEPREFIX", &prefix)
        .status();
    if passed == 0 {
        return Err("no test ran under Wine".into());
    }
    startup_without_webview(&prefix)
}

/// `cargo test` arguments (after `test` and the target) for the tests that run under
/// Wine: the core's, the CLI's and the shell's, without the listed ones.
fn selected_tests(include_ignored: bool) -> Result<Vec<String>, String> {
    let mut args = vec!["--no-fail-fast".to_string()];
    args.extend(packages_selected());
    for target in test_targets()? {
        args.extend(["--test".into(), target]);
    }
    // `--lib` and the integration tests: no binary has unit tests (they are `test = false`).
    args.extend(["--lib", "--"].map(String::from));
    if include_ignored {
        args.push("--include-ignored".into());
    }
    for (name, _) in NOT_UNDER_WINE {
        args.extend(["--skip".into(), (*name).into()]);
    }
    Ok(args)
}

/// The same selection natively, for the release workflow's Windows and macOS jobs: what
/// runs under Wine here is what they run there (ignored tests, which need a prepared
/// keyring, stay ignored on a CI runner's keychain).
pub fn native_core_tests() -> TaskResult {
    println!("\n==> not run here, and why:");
    for (name, why) in NOT_UNDER_WINE {
        println!("  - {name}: {why}");
    }
    step(
        "the core's, the CLI's and the shell's tests",
        cargo().arg("test").args(selected_tests(false)?),
    )
}

/// Integration-test target names of the selected crates: `tests/NAME.rs` or
/// `tests/NAME/main.rs` (one binary of many modules).
fn test_targets() -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for (dir, _) in crate::architecture::shipped_crates() {
        let dir = root().join(dir).join("tests");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let is_target = p.extension().is_some_and(|x| x == "rs") || p.join("main.rs").is_file();
            if is_target {
                if let Some(stem) = p.file_stem() {
                    out.push(stem.to_string_lossy().into_owned());
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Sums libtest's "test result: ok. N passed; M failed" lines.
fn count_results(text: &str) -> (u64, u64) {
    let number_before = |line: &str, word: &str| -> u64 {
        line.split(';')
            .find(|part| part.trim_end().ends_with(word))
            .and_then(|part| part.split_whitespace().rev().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    text.lines()
        .filter(|l| l.starts_with("test result:"))
        .fold((0, 0), |(p, f), l| {
            (
                p + number_before(l, "passed"),
                f + number_before(l, "failed"),
            )
        })
}

/// The Windows app started under Wine, which has no WebView2 runtime: it must show a
/// native message box titled "Hane" (found on the X display with xdotool, then closed
/// with Enter) and exit with status 1 — never a panic, never a silent exit.
fn startup_without_webview(prefix: &Path) -> TaskResult {
    println!("\n==> the Windows app without WebView2 (under Wine) shows a message box");
    let exe = windows_target_dir()
        .join(TARGET)
        .join("debug")
        .join("hane.exe");
    let data = tempfile_dir()?;
    let display = Display::start()?;
    // A Wine session keeps the display its first program found: the tests ran without
    // one, so end that session and let this one start on our display.
    let _ = Command::new(WINESERVER)
        .arg("-k")
        .env("WINEPREFIX", prefix)
        .status();
    let _ = Command::new(WINESERVER)
        .arg("-w")
        .env("WINEPREFIX", prefix)
        .status();
    let xdotool = || {
        let mut c = Command::new("xdotool");
        c.env("DISPLAY", &display.name);
        c
    };
    let mut child = wine(prefix)
        .arg(&exe)
        .env("DISPLAY", &display.name)
        .env("HANE_DATA_DIR", &data)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", exe.display()))?;
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut window = None;
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            let out = child.wait_with_output().ok();
            let err = out
                .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
                .unwrap_or_default();
            let _ = std::fs::remove_dir_all(&data);
            return Err(format!(
                "hane.exe exited ({status}) without showing a message box:\n{err}"
            ));
        }
        let found = xdotool()
            .args(["search", "--name", "^Hane$"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .filter(|s| !s.is_empty());
        if let Some(id) = found {
            window = Some(id.lines().next().unwrap_or_default().to_string());
            break;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    let Some(window) = window else {
        let _ = child.kill();
        let _ = std::fs::remove_dir_all(&data);
        return Err("no message box titled Hane appeared within 120 s".into());
    };
    // Enter on the box's focused OK button (no window manager runs, so no activation).
    let _ = xdotool()
        .args(["key", "--window", &window, "Return"])
        .status();
    let _ = xdotool().args(["key", "Return"]).status();
    let waited = Instant::now();
    let status = loop {
        if let Ok(Some(s)) = child.try_wait() {
            break s;
        }
        if waited.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            let _ = std::fs::remove_dir_all(&data);
            return Err("hane.exe did not exit after its message box was closed".into());
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&data);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("panicked") {
        return Err(format!("hane.exe panicked:\n{stderr}"));
    }
    if status.code() != Some(1) || !stderr.contains("WebView2 Runtime") {
        return Err(format!(
            "expected exit status 1 and the WebView2 message, got {status}:\n{stderr}"
        ));
    }
    println!("  message box shown, closed with Enter, exit status 1");
    Ok(())
}

/// A virtual X display of our own for the message box (Wine draws its windows on X),
/// stopped when dropped.
struct Display {
    server: std::process::Child,
    name: String,
}

impl Display {
    fn start() -> Result<Display, String> {
        for n in 90..120 {
            if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                continue;
            }
            let name = format!(":{n}");
            let server = Command::new("Xvfb")
                .args([&name, "-screen", "0", "1024x768x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| format!("Xvfb: {e}"))?;
            let mut display = Display { server, name };
            let waited = Instant::now();
            while waited.elapsed() < Duration::from_secs(10) {
                if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                    return Ok(display);
                }
                if let Ok(Some(_)) = display.server.try_wait() {
                    break; // taken by another server meanwhile: try the next number
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = display.server.kill();
        }
        Err("could not start Xvfb on :90–:119".into())
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

fn tempfile_dir() -> Result<PathBuf, String> {
    let dir = windows_target_dir().join(format!("startup-data-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(dir)
}

/// Targets whose feature resolution is compared: the three OSes Hane ships for.
const FEATURE_TARGETS: &[&str] = &[
    "x86_64-unknown-linux-gnu",
    "x86_64-pc-windows-gnu",
    "aarch64-apple-darwin",
];

/// Every feature of a direct dependency must be on for every OS, or for none: a feature
/// on for Linux only (turned on by a Linux-only crate, as zeroize's `derive` was by the
/// Secret Service client) builds here and breaks the Windows and macOS builds. Compares
/// Cargo's real per-target feature resolution (`cargo tree --target`), which needs no
/// cross toolchain, so macOS is checked too.
pub fn check_features() -> TaskResult {
    println!("\n==> dependency features are the same on Linux, Windows and macOS");
    let direct = direct_dependencies()?;
    let mut per_target: BTreeMap<&str, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for target in FEATURE_TARGETS {
        let out = cargo()
            .args([
                "tree",
                "--workspace",
                "--target",
                target,
                "-e",
                "normal",
                "--prefix",
                "none",
                "-f",
                "{p}|{f}",
            ])
            .output()
            .map_err(|e| format!("cargo tree: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "cargo tree --target {target}: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let mut features: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let Some((package, list)) = line.split_once('|') else {
                continue;
            };
            let name = package.split_whitespace().next().unwrap_or_default();
            if !direct.contains(name) {
                continue;
            }
            let list = list.trim_end_matches(" (*)").trim();
            features
                .entry(name.to_string())
                .or_default()
                .extend(list.split(',').filter(|f| !f.is_empty()).map(String::from));
        }
        per_target.insert(target, features);
    }
    let mut drift = Vec::new();
    for name in &direct {
        let sets: Vec<(&str, &BTreeSet<String>)> = per_target
            .iter()
            .filter_map(|(t, m)| m.get(name).map(|s| (*t, s)))
            .collect();
        let union: BTreeSet<&String> = sets.iter().flat_map(|(_, s)| s.iter()).collect();
        for (target, set) in &sets {
            let missing: Vec<&str> = union
                .iter()
                .filter(|f| !set.contains(**f))
                .map(|f| f.as_str())
                .collect();
            if !missing.is_empty() {
                drift.push(format!(
                    "  {name} on {target} lacks {} (on elsewhere, by another crate): declare \
                     what the code uses in the workspace Cargo.toml",
                    missing.join(", ")
                ));
            }
        }
    }
    if drift.is_empty() {
        println!(
            "  {} direct dependencies, identical features on {}",
            direct.len(),
            FEATURE_TARGETS.join(", ")
        );
        Ok(())
    } else {
        Err(format!(
            "feature drift between targets:\n{}",
            drift.join("\n")
        ))
    }
}

/// Names of the workspace members' direct (normal) dependencies, outside the workspace.
fn direct_dependencies() -> Result<BTreeSet<String>, String> {
    let out = cargo()
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .output()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    let meta: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    let members: BTreeSet<&str> = meta["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["name"].as_str())
        .collect();
    Ok(meta["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|p| p["dependencies"].as_array().into_iter().flatten())
        .filter(|d| d["kind"].is_null() && d["path"].is_null())
        .filter_map(|d| d["name"].as_str())
        .filter(|n| !members.contains(n))
        .map(String::from)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::count_results;

    #[test]
    fn libtest_summaries_are_summed() {
        let text = "running 3 tests\n\
            test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.1s\n\
            test result: FAILED. 10 passed; 2 failed; 0 ignored; 0 measured; 5 filtered out; finished in 1s\n";
        assert_eq!(count_results(text), (13, 2));
    }
}
