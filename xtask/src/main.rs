//! Project tasks, the same on Linux, macOS and Windows:
//!
//! - `cargo xtask run`   — install what is missing (where it can) and start Hane;
//! - `cargo xtask test`  — install what is missing, then fmt, clippy, every test including
//!   the end-to-end test of the real window (under Xvfb + a real Secret Service on Linux);
//! - `cargo xtask bench` — the benchmarks (documented in the README).
//!
//! System packages are installed with apt on Debian/Ubuntu when running as root or with
//! password-less sudo; otherwise the exact command to run is printed.

use std::env;
use std::path::{Path, PathBuf};
use std::process::{exit, Command};

/// Debian packages needed to build the desktop shell (WebKitGTK) and the keyring's
/// Secret Service client (libdbus).
const BUILD_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "libwebkit2gtk-4.1-dev",
    "libdbus-1-dev",
];
/// Debian packages the test suite uses: a virtual display and WebKit's WebDriver for the
/// e2e test, a real Secret Service for the keyring tests, PDF readers for the PDF checks,
/// unzip to test the exported bundle.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "gnome-keyring",
    "dbus-daemon",
    "dbus-x11",
    "poppler-utils",
    "qpdf",
    "unzip",
];

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("help");
    let rest = &args[args.len().min(1)..];
    let result = match task {
        "run" => run_app(rest),
        "test" => test(rest),
        "bench" => bench(rest),
        "deps" => ensure_packages(&[BUILD_PACKAGES, TEST_PACKAGES].concat()),
        _ => {
            eprintln!("usage: cargo xtask <run | test | bench | deps>");
            exit(2);
        }
    };
    if let Err(msg) = result {
        eprintln!("\nxtask {task}: {msg}");
        exit(1);
    }
}

type TaskResult = Result<(), String>;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

fn target_dir() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

fn cargo() -> Command {
    let mut c = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

fn step(title: &str, cmd: &mut Command) -> TaskResult {
    println!("\n==> {title}");
    let status = cmd
        .status()
        .map_err(|e| format!("{title}: cannot start: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{title} failed ({status})"))
    }
}

fn run_app(rest: &[String]) -> TaskResult {
    ensure_packages(BUILD_PACKAGES)?;
    step(
        "start Hane",
        cargo().args(["run", "--package", "hane", "--"]).args(rest),
    )
}

fn test(rest: &[String]) -> TaskResult {
    ensure_packages(&[BUILD_PACKAGES, TEST_PACKAGES].concat())?;
    ensure_rust_components()?;
    let driver = ensure_tauri_driver()?;
    if driver.is_some() {
        ensure_axe()?;
    }
    step("format check", cargo().args(["fmt", "--all", "--check"]))?;
    step(
        "clippy",
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    // The e2e test drives the built app binary, so build it first.
    step(
        "build the app",
        cargo().args(["build", "--package", "hane"]),
    )?;
    let app = target_dir()
        .join("debug")
        .join(format!("hane{}", env::consts::EXE_SUFFIX));
    // One run of every test, the ignored ones included: they are ignored only so a plain
    // `cargo test` without the Secret Service, display and driver set up here stays green.
    let mut args = vec!["test", "--workspace"];
    args.extend(rest.iter().map(String::as_str));
    args.extend(["--", "--include-ignored"]);
    if driver.is_none() {
        // Window tests (all named `window_…`) need tauri-driver, which this OS lacks.
        args.extend(["--skip", "window_"]);
    }
    let mut cmd = session_wrapper(args.iter().copied());
    cmd.env("HANE_E2E_APP", &app);
    if let Some(d) = &driver {
        cmd.env("HANE_E2E_TAURI_DRIVER", d);
    }
    step("cargo test --workspace -- --include-ignored", &mut cmd)?;
    if driver.is_none() {
        println!(
            "\nnote: the end-to-end window test runs on Linux only (tauri-driver has no macOS \
             driver; on Windows it needs msedgedriver). Core and shell tests ran."
        );
    }
    Ok(())
}

fn bench(rest: &[String]) -> TaskResult {
    // img2pdf is the reference for the scans → PDF benchmark (Python registry).
    let has_img2pdf = Command::new("img2pdf")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_img2pdf {
        let _ = step(
            "install img2pdf (for comparison only)",
            Command::new("python3").args(["-m", "pip", "install", "--quiet", "img2pdf"]),
        );
    }
    step(
        "benchmarks",
        cargo()
            .args([
                "run",
                "--release",
                "--package",
                "hane-cli",
                "--bin",
                "hane-bench",
                "--",
            ])
            .args(rest),
    )
}

/// On Linux, tests run inside a private D-Bus session with an unlocked gnome-keyring
/// (the real Secret Service the keyring tests use) and a virtual X display (Xvfb).
/// Elsewhere the OS's own keychain and display are used as they are.
fn session_wrapper<'a>(cargo_args: impl Iterator<Item = &'a str>) -> Command {
    let cargo_bin = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    if !cfg!(target_os = "linux") {
        let mut c = Command::new(cargo_bin);
        c.current_dir(root()).args(cargo_args);
        return c;
    }
    let quoted: Vec<String> = std::iter::once(shell_quote(&cargo_bin))
        .chain(cargo_args.map(shell_quote))
        .collect();
    // A throwaway keyring folder (never the user's own login keyring), unlocked with a
    // fixed password; `--components=secrets` starts only the Secret Service. `exec` hands
    // signals to cargo directly.
    let script = format!(
        "export XDG_DATA_HOME=\"$(mktemp -d)\"; \
         eval \"$(printf hane-test | gnome-keyring-daemon --unlock --components=secrets)\" >/dev/null; \
         export GNOME_KEYRING_CONTROL; \
         exec xvfb-run --auto-servernum --server-args='-screen 0 1280x800x24' {}",
        quoted.join(" ")
    );
    let mut c = Command::new("dbus-run-session");
    c.current_dir(root()).args(["--", "sh", "-c", &script]);
    c
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// axe-core (npm registry), which the accessibility test injects into the window.
fn ensure_axe() -> TaskResult {
    let e2e = root().join("tests").join("e2e");
    if e2e.join("node_modules/axe-core/axe.min.js").is_file() {
        return Ok(());
    }
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    let status = Command::new(npm)
        .current_dir(&e2e)
        .args(["ci", "--no-audit", "--no-fund"])
        .status();
    match status {
        Ok(s) if s.success() => Ok(()),
        _ => Err(format!(
            "could not install axe-core for the accessibility test; install Node.js (npm), then run:\n  cd {} && npm ci",
            e2e.display()
        )),
    }
}

fn ensure_rust_components() -> TaskResult {
    for (probe, component) in [("fmt", "rustfmt"), ("clippy", "clippy")] {
        let ok = cargo()
            .args([probe, "--version"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            step(
                &format!("install {component}"),
                Command::new("rustup").args(["component", "add", component]),
            )?;
        }
    }
    Ok(())
}

/// Returns the tauri-driver path on Linux (installing it with cargo if missing), `None`
/// on OSes where the e2e test does not run.
fn ensure_tauri_driver() -> Result<Option<PathBuf>, String> {
    if !cfg!(target_os = "linux") {
        return Ok(None);
    }
    let installed = cargo_bin_dir().join("tauri-driver");
    let found = which("tauri-driver").or_else(|| installed.exists().then(|| installed.clone()));
    if let Some(p) = found {
        return Ok(Some(p));
    }
    step(
        "install tauri-driver (once, about a minute)",
        cargo().args(["install", "tauri-driver", "--version", "^2", "--locked"]),
    )?;
    Ok(Some(installed))
}

fn cargo_bin_dir() -> PathBuf {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default()
        .join("bin")
}

fn which(name: &str) -> Option<PathBuf> {
    env::split_paths(&env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Installs missing Debian packages, or prints the command when it cannot.
fn ensure_packages(packages: &[&str]) -> TaskResult {
    if !cfg!(target_os = "linux") {
        // Windows (WebView2) and macOS (WKWebView) need nothing beyond Rust itself.
        return Ok(());
    }
    if !Path::new("/etc/debian_version").exists() {
        println!(
            "note: not a Debian/Ubuntu system; install the equivalents of these Debian \
             packages with your package manager if the build fails: {}",
            packages.join(" ")
        );
        return Ok(());
    }
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| !deb_installed(p))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let install = format!(
        "apt-get update && apt-get install -y --no-install-recommends {}",
        missing.join(" ")
    );
    let as_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let sudo_ok = !as_root
        && Command::new("sudo")
            .args(["-n", "true"])
            .status()
            .is_ok_and(|s| s.success());
    if !as_root && !sudo_ok {
        return Err(format!(
            "missing system packages: {}\nrun this, then try again:\n  sudo sh -c '{install}'",
            missing.join(" ")
        ));
    }
    let mut cmd = if as_root {
        Command::new("sh")
    } else {
        let mut c = Command::new("sudo");
        c.args(["-n", "sh"]);
        c
    };
    cmd.args(["-c", &install])
        .env("DEBIAN_FRONTEND", "noninteractive");
    step(&format!("install {}", missing.join(" ")), &mut cmd)
}

fn deb_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}
