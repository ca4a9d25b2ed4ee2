//! Project tasks, the same on Linux, macOS and Windows:
//!
//! - `cargo xtask run`   — install what is missing (where it can) and start Hane;
//! - `cargo xtask test`  — install what is missing, then fmt, clippy (while building), every
//!   test including the end-to-end test of the real window (under Xvfb + a real Secret
//!   Service on Linux);
//! - `cargo xtask bench` — the benchmarks (documented in the README);
//! - `cargo xtask package [--bundles a,b] [--smoke-test]` — the installers for this OS with
//!   the Tauri bundler; on Linux `--smoke-test` installs the `.deb`, drives the installed
//!   app through one window test, and removes it again.
//!
//! System packages are installed with apt on Debian/Ubuntu when running as root or with
//! password-less sudo; otherwise the exact command to run is printed.

mod architecture;
mod windows;

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
/// unzip to test the exported bundle, python3-venv for the workflow schema check.
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
    "python3-venv",
    // A real drag from outside the window in the e2e test: a small GTK drag source
    // (tests/e2e/drag_source.py) and xdotool moving the pointer.
    "xdotool",
    "python3-gi",
    "gir1.2-gtk-3.0",
    // Runs the UI's own modules in the catalogue tests (ui/js/dom.js's render token).
    "nodejs",
];

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("help");
    let rest = &args[args.len().min(1)..];
    let result = match task {
        "run" => run_app(rest),
        "test" => test(rest),
        "architecture" => architecture::check(),
        "bench" => bench(rest),
        "package" => package(rest),
        "deps" => ensure_packages(&[BUILD_PACKAGES, TEST_PACKAGES, windows::PACKAGES].concat()),
        "windows" => ensure_packages(&[BUILD_PACKAGES, TEST_PACKAGES, windows::PACKAGES].concat())
            .and_then(|_| windows::test(None)),
        "features" => windows::check_features(),
        "core-tests" => windows::native_core_tests(),
        _ => {
            eprintln!(
                "usage: cargo xtask <run | test | bench | package | deps | windows | features | core-tests>"
            );
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

/// The toolchain's `clippy-driver` (the rustup component is installed by then).
fn clippy_driver() -> Result<PathBuf, String> {
    let out = Command::new("rustc")
        .args(["--print", "sysroot"])
        .output()
        .map_err(|e| format!("rustc --print sysroot: {e}"))?;
    let sysroot = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let driver = Path::new(&sysroot)
        .join("bin")
        .join(format!("clippy-driver{}", env::consts::EXE_SUFFIX));
    if driver.is_file() {
        Ok(driver)
    } else {
        Err(format!(
            "{} is missing (rustup component add clippy)",
            driver.display()
        ))
    }
}

/// Compiles the workspace members with clippy's lints, warnings denied, exactly as
/// `cargo clippy -- -D warnings` does (same variables; dependencies keep plain rustc).
fn linted<'a>(cmd: &'a mut Command, clippy: &Path) -> &'a mut Command {
    cmd.env("RUSTC_WORKSPACE_WRAPPER", clippy).env(
        "CLIPPY_ARGS",
        "-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__",
    )
}

/// Runs one step of a task; its time is printed, so a CI log says where the time went.
fn step(title: &str, cmd: &mut Command) -> TaskResult {
    println!("\n==> {title}");
    let started = std::time::Instant::now();
    let status = cmd
        .status()
        .map_err(|e| format!("{title}: cannot start: {e}"))?;
    println!("<== {title}: {} s", started.elapsed().as_secs());
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
    ensure_packages(&[BUILD_PACKAGES, TEST_PACKAGES, windows::PACKAGES].concat())?;
    ensure_rust_components()?;
    let driver = ensure_tauri_driver()?;
    if driver.is_some() {
        ensure_axe()?;
    }
    step("format check", cargo().args(["fmt", "--all", "--check"]))?;
    architecture::check()?;
    check_release_workflow()?;
    windows::check_features()?;
    let windows_build = windows::start_build()?;
    // Clippy lints the workspace while it is built, not in a `cargo clippy` pass of its own:
    // that pass re-checks every dependency (~7 of CI's minutes on two cores) only to throw
    // the result away before the build compiles them again. The same driver `cargo clippy`
    // uses, as the workspace members' compiler; `cargo test` builds every target `cargo
    // clippy --all-targets` checks here (libs, bins, tests, examples; there are no benches).
    let clippy = clippy_driver()?;
    // The e2e test drives the built app binary, so build it first. `--timings`: where the
    // build's minutes go (target/cargo-timings/), for keeping CI under its budget.
    step(
        "build the app (clippy's lints as errors)",
        linted(
            cargo().args(["build", "--package", "hane", "--timings"]),
            &clippy,
        ),
    )?;
    let app = target_dir()
        .join("debug")
        .join(format!("hane{}", env::consts::EXE_SUFFIX));
    // One run of every test, the ignored ones included: they are ignored only so a plain
    // `cargo test` without the Secret Service, display and driver set up here stays green.
    let mut args = vec!["test", "--workspace", "--timings"];
    args.extend(rest.iter().map(String::as_str));
    args.extend(["--", "--include-ignored"]);
    if driver.is_none() {
        // Window tests (all named `window_…`) need tauri-driver, which this OS lacks.
        args.extend(["--skip", "window_"]);
    }
    let mut cmd = session_wrapper(args.iter().copied());
    linted(&mut cmd, &clippy);
    cmd.env("HANE_E2E_APP", &app);
    if let Some(d) = &driver {
        cmd.env("HANE_E2E_TAURI_DRIVER", d);
    }
    step(
        "cargo test --workspace -- --include-ignored (clippy's lints as errors)",
        &mut cmd,
    )?;
    // Windows: cross-built here, its core and CLI tests run under Wine (Linux hosts).
    windows::test(windows_build)?;
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

/// Installers for this OS through the Tauri bundler (npm's prebuilt `@tauri-apps/cli`,
/// pinned in `packaging/package-lock.json`). Linux: `.deb` and `.rpm` (both built offline;
/// the AppImage needs downloads, so the release workflow asks for it explicitly).
fn package(args: &[String]) -> TaskResult {
    // Arguments after `--` go to `tauri build` unchanged (e.g. `--target
    // universal-apple-darwin`, or `--config` with a signing identity in the release workflow).
    let split = args.iter().position(|a| a == "--").unwrap_or(args.len());
    let (rest, passthrough) = (&args[..split], &args[(split + 1).min(args.len())..]);
    let smoke = rest.iter().any(|a| a == "--smoke-test");
    // `--debug`: the installers from the debug build. CI uses it to check packaging,
    // installation and start-up without a second, optimised build of every crate (≈ 21 of
    // CI's minutes on 2 cores); the tests already built the debug dependencies, so only the
    // app and the Tauri crates whose features differ are compiled. Releases never pass it.
    let debug = rest.iter().any(|a| a == "--debug");
    let bundles = rest
        .iter()
        .position(|a| a == "--bundles")
        .and_then(|i| rest.get(i + 1).cloned())
        .unwrap_or_else(|| {
            if cfg!(target_os = "macos") {
                "app,dmg"
            } else if cfg!(windows) {
                "nsis,msi"
            } else {
                "deb,rpm"
            }
            .to_string()
        });
    ensure_packages(BUILD_PACKAGES)?;
    let cli = ensure_tauri_cli()?;
    {
        let _config = CliConfig::write()?;
        let mut build = Command::new(&cli);
        build
            .current_dir(root())
            .args(["build", "--ci", "--bundles", &bundles])
            .args(debug.then_some("--debug"))
            .args(passthrough)
            .env("TAURI_APP_PATH", root().join("src-tauri"))
            .env("TAURI_FRONTEND_PATH", root().join("ui"));
        if debug {
            // As `cargo xtask test` compiled them (the compiler is part of what Cargo
            // remembers): the workspace's crates are reused instead of compiled again.
            linted(&mut build, &clippy_driver()?);
        }
        step(&format!("build the installers ({bundles})"), &mut build)?;
    }
    let mut bundle_dir = target_dir();
    if let Some(i) = passthrough.iter().position(|a| a == "--target") {
        bundle_dir.push(passthrough.get(i + 1).ok_or("--target needs a value")?);
    }
    let bundle_dir = bundle_dir
        .join(if debug { "debug" } else { "release" })
        .join("bundle");
    println!("\n==> installers in {}", bundle_dir.display());
    for kind in bundles.split(',') {
        for file in files_in(&bundle_dir.join(kind)) {
            let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
            println!("  {} ({:.1} MB)", file.display(), size as f64 / 1e6);
        }
    }
    if smoke {
        if !cfg!(target_os = "linux") {
            return Err("--smoke-test installs the .deb, so it runs on Debian/Ubuntu only".into());
        }
        smoke_test_deb(&bundle_dir.join("deb"))?;
    }
    Ok(())
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file() || p.extension().is_some_and(|e| e == "app"));
    files.sort();
    files
}

fn ensure_tauri_cli() -> Result<PathBuf, String> {
    let dir = root().join("packaging");
    let bin = dir
        .join("node_modules")
        .join(".bin")
        .join(if cfg!(windows) { "tauri.cmd" } else { "tauri" });
    if bin.is_file() {
        return Ok(bin);
    }
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    step(
        "install the Tauri bundler CLI (npm ci in packaging/)",
        Command::new(npm)
            .current_dir(&dir)
            .args(["ci", "--no-audit", "--no-fund"]),
    )
    .map_err(|e| {
        format!(
            "{e}\ninstall Node.js (npm), then run:\n  cd {} && npm ci",
            dir.display()
        )
    })?;
    Ok(bin)
}

/// The Tauri CLI wants its config beside the app crate's Cargo.toml; ours lives at the
/// repository root (where the build script and the design put it). So for the length of
/// one bundler run, a copy with its relative paths rebased sits in `src-tauri/`
/// (gitignored) and is removed again, even when the build fails.
struct CliConfig(PathBuf);

impl CliConfig {
    fn write() -> Result<CliConfig, String> {
        let source = root().join("tauri.conf.json");
        let text =
            std::fs::read_to_string(&source).map_err(|e| format!("{}: {e}", source.display()))?;
        let mut config: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", source.display()))?;
        let rebase = |v: &mut serde_json::Value| {
            if let Some(p) = v.as_str() {
                *v = serde_json::Value::String(format!("../{p}"));
            }
        };
        if let Some(dist) = config.pointer_mut("/build/frontendDist") {
            rebase(dist);
        }
        if let Some(icons) = config
            .pointer_mut("/bundle/icon")
            .and_then(|v| v.as_array_mut())
        {
            icons.iter_mut().for_each(rebase);
        }
        let target = root().join("src-tauri").join("tauri.conf.json");
        let json = serde_json::to_string_pretty(&config).map_err(|e| e.to_string())?;
        std::fs::write(&target, json).map_err(|e| format!("{}: {e}", target.display()))?;
        Ok(CliConfig(target))
    }
}

impl Drop for CliConfig {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Installs the freshly built `.deb` with apt (so its declared dependencies are checked),
/// runs the smoke window test against the installed `/usr/bin/hane`, then removes the
/// package and checks nothing of it is left on the path.
fn smoke_test_deb(deb_dir: &Path) -> TaskResult {
    let deb = files_in(deb_dir)
        .into_iter()
        .rfind(|p| p.extension().is_some_and(|e| e == "deb"))
        .ok_or_else(|| format!("no .deb in {}", deb_dir.display()))?;
    let field = |name: &str| {
        Command::new("dpkg-deb")
            .args(["-f"])
            .arg(&deb)
            .arg(name)
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    let package = field("Package");
    let size = std::fs::metadata(&deb).map(|m| m.len()).unwrap_or(0);
    println!(
        "\n==> {}: package {:.1} MB, installed size {:.1} MB, depends: {}",
        package,
        size as f64 / 1e6,
        field("Installed-Size").parse::<f64>().unwrap_or(0.0) / 1024.0,
        field("Depends")
    );
    let deb_path = deb.display().to_string();
    let install = format!("apt-get install -y --no-install-recommends '{deb_path}'");
    let mut cmd = privileged(&install, "installing the package")?;
    cmd.env("DEBIAN_FRONTEND", "noninteractive");
    step("install the .deb", &mut cmd)?;

    let result = (|| {
        let installed = PathBuf::from("/usr/bin/hane");
        if !installed.is_file() {
            return Err(format!(
                "{} is not installed by the package",
                installed.display()
            ));
        }
        for file in ["/usr/share/applications/Hane.desktop"] {
            if !Path::new(file).is_file() {
                return Err(format!("{file} is missing from the package"));
            }
        }
        let driver = ensure_tauri_driver()?.ok_or("tauri-driver is needed")?;
        ensure_axe()?;
        let mut cmd = session_wrapper(
            [
                // Every package's tests, filtered by name, not `--test window`: cargo turns on
                // a package's dev-dependency features only when that package's tests are built,
                // so selecting one test target changed the features of shared dependencies
                // and rebuilt ~50 crates. This way the main test run's binaries are reused.
                "test",
                "--workspace",
                "--tests",
                "window_smoke",
                "--",
                "--ignored",
                "--nocapture",
            ]
            .into_iter(),
        );
        // Compiled as `cargo xtask test` compiles them, so its test binaries are reused.
        linted(&mut cmd, &clippy_driver()?);
        cmd.env("HANE_E2E_APP", &installed)
            .env("HANE_E2E_TAURI_DRIVER", &driver);
        step("window smoke test against the installed app", &mut cmd)
    })();

    let mut remove = privileged(
        &format!("apt-get remove -y '{package}'"),
        "removing the package",
    )?;
    remove.env("DEBIAN_FRONTEND", "noninteractive");
    step("remove the package", &mut remove)?;
    if Path::new("/usr/bin/hane").exists() {
        return Err("/usr/bin/hane is still there after removing the package".into());
    }
    result
}

/// The release workflow only runs on GitHub, so here it is checked against the published
/// GitHub Actions workflow schema (check-jsonschema from PyPI ships it, so no network is
/// needed at check time), in a virtualenv under target/ so the system Python is untouched.
fn check_release_workflow() -> TaskResult {
    let venv = target_dir().join("tools").join("venv");
    let bin = venv.join(if cfg!(windows) { "Scripts" } else { "bin" });
    let checker = bin.join(format!("check-jsonschema{}", env::consts::EXE_SUFFIX));
    if !checker.is_file() {
        let python = if cfg!(windows) { "python" } else { "python3" };
        step(
            "create a virtualenv for the workflow check",
            Command::new(python).arg("-m").arg("venv").arg(&venv),
        )?;
        step(
            "install check-jsonschema (PyPI)",
            Command::new(bin.join("pip")).args(["install", "--quiet", "check-jsonschema==0.39.0"]),
        )?;
    }
    step(
        "release workflow against the GitHub Actions schema",
        Command::new(checker).current_dir(root()).args([
            "--builtin-schema",
            "vendor.github-workflows",
            ".github/workflows/release.yml",
        ]),
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
    // Xvfb has no GPU, so WebKit's compositor thread draws through Mesa's software GL,
    // which segfaulted on this machine (dmesg: "ThreadedCompositor … segfault … in
    // swrast_dri.so"). A crash like that ends a window test with WebDriver's message-less
    // "unknown error", as one CI run did. Without compositing mode the web process draws
    // with the CPU: no compositor, llvmpipe or Skia GPU threads (measured).
    c.env("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
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
    let what = format!(
        "installing the missing system packages ({})",
        missing.join(" ")
    );
    let mut cmd = privileged(&install, &what)?;
    cmd.env("DEBIAN_FRONTEND", "noninteractive");
    step(&format!("install {}", missing.join(" ")), &mut cmd)
}

/// `sh -c script` as root: directly when we are root, through password-less sudo
/// otherwise; when neither works, the error gives the exact command to run by hand.
fn privileged(script: &str, what: &str) -> Result<Command, String> {
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
            "{what} needs root\nrun this, then try again:\n  sudo sh -c '{script}'"
        ));
    }
    let mut cmd = if as_root {
        Command::new("sh")
    } else {
        let mut c = Command::new("sudo");
        c.args(["-n", "sh"]);
        c
    };
    cmd.args(["-c", script]);
    Ok(cmd)
}

fn deb_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}
