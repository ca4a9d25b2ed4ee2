//! A small WebDriver client for the end-to-end tests, and the tauri-driver process that
//! serves it.
//!
//! Why hand-written: a WebDriver crate's dependencies change features of crates the Tauri
//! stack also uses, which made cargo build a second copy of that stack (+2 min, +1.5 GB).
//! This client speaks plain HTTP/1.1 over one keep-alive connection to 127.0.0.1, which
//! also avoids the intermittent failures seen with a new connection per request.

pub mod pages;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

pub type E2eResult<T> = Result<T, String>;

/// A running `tauri-driver`, stopped with SIGTERM on drop (it only cleans up the
/// WebKitWebDriver it started on TERM/INT).
pub struct TauriDriver {
    child: Child,
    pub port: u16,
    /// The last lines the driver, WebKitWebDriver and the app wrote to stderr, so a
    /// failure can show why the app went away (a panic message, a GTK abort).
    recent_stderr: RecentLines,
}

type RecentLines = std::sync::Arc<std::sync::Mutex<std::collections::VecDeque<String>>>;
const RECENT_LINES: usize = 40;

impl TauriDriver {
    /// Starts tauri-driver on free loopback ports; `envs` reach the app it launches.
    pub fn start(driver: &Path, envs: &[(&str, &std::ffi::OsStr)]) -> E2eResult<Self> {
        let port = free_port()?;
        let native_port = free_port()?;
        let mut cmd = Command::new(driver);
        cmd.args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("cannot start tauri-driver at {}: {e}", driver.display()))?;
        // Passed through to the test's stderr as it comes, the last lines kept.
        let recent_stderr = RecentLines::default();
        if let Some(pipe) = child.stderr.take() {
            let recent = recent_stderr.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    // Straight to fd 2: the test harness captures eprintln! only.
                    let _ = writeln!(std::io::stderr().lock(), "{line}");
                    let mut kept = recent.lock().unwrap_or_else(|p| p.into_inner());
                    if kept.len() == RECENT_LINES {
                        kept.pop_front();
                    }
                    kept.push_back(line);
                }
            });
        }
        let me = TauriDriver {
            child,
            port,
            recent_stderr,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("tauri-driver did not listen within 30 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(me)
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> E2eResult<u16> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.port())
}

/// One HTTP/1.1 keep-alive connection.
struct Http {
    port: u16,
    conn: Option<(TcpStream, BufReader<TcpStream>)>,
}

impl Http {
    /// One try with its own read timeout; on any failure the connection is dropped (an
    /// answer that comes late must not be read as the next command's).
    fn request_within(&mut self, method: &str, path: &str, limit: Duration) -> E2eResult<Value> {
        if self.conn.is_none() {
            // Connect first, so the limit applies to this request only.
            let _ = self.try_request("GET", "/status", None);
        }
        if let Some((s, _)) = &self.conn {
            s.set_read_timeout(Some(limit))
                .map_err(|e| format!("io: {e}"))?;
        }
        let result = self.try_request(method, path, None);
        match (&result, &self.conn) {
            (Ok(_), Some((s, _))) => s
                .set_read_timeout(Some(Duration::from_secs(120)))
                .map_err(|e| format!("io: {e}"))?,
            _ => self.conn = None,
        }
        result
    }

    fn request(&mut self, method: &str, path: &str, body: Option<&Value>) -> E2eResult<Value> {
        // One retry on a fresh connection if the server closed the idle one.
        match self.try_request(method, path, body) {
            Ok(v) => Ok(v),
            Err(e) if e.starts_with("io:") => {
                self.conn = None;
                self.try_request(method, path, body)
            }
            Err(e) => Err(e),
        }
    }

    fn try_request(&mut self, method: &str, path: &str, body: Option<&Value>) -> E2eResult<Value> {
        let io = |e: std::io::Error| format!("io: {e}");
        if self.conn.is_none() {
            let s = TcpStream::connect(("127.0.0.1", self.port)).map_err(io)?;
            s.set_read_timeout(Some(Duration::from_secs(120)))
                .map_err(io)?;
            let r = BufReader::new(s.try_clone().map_err(io)?);
            self.conn = Some((s, r));
        }
        let (stream, reader) = self.conn.as_mut().expect("connected above");
        let payload = body.map(|b| b.to_string()).unwrap_or_default();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: keep-alive\r\n\
             Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
            self.port,
            payload.len()
        );
        stream.write_all(head.as_bytes()).map_err(io)?;
        stream.write_all(payload.as_bytes()).map_err(io)?;
        stream.flush().map_err(io)?;

        let mut status_line = String::new();
        if reader.read_line(&mut status_line).map_err(io)? == 0 {
            return Err("io: connection closed".into());
        }
        let status: u16 = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("bad status line: {status_line:?}"))?;
        let (mut length, mut chunked, mut close) = (None, false, false);
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).map_err(io)?;
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').unwrap_or((line, ""));
            let (name, value) = (name.to_ascii_lowercase(), value.trim());
            match name.as_str() {
                "content-length" => length = value.parse::<usize>().ok(),
                "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
                "connection" => close = value.eq_ignore_ascii_case("close"),
                _ => {}
            }
        }
        let mut data = Vec::new();
        if chunked {
            loop {
                let mut size_line = String::new();
                reader.read_line(&mut size_line).map_err(io)?;
                let size =
                    usize::from_str_radix(size_line.trim().split(';').next().unwrap_or(""), 16)
                        .map_err(|_| format!("bad chunk size {size_line:?}"))?;
                let mut chunk = vec![0; size + 2];
                reader.read_exact(&mut chunk).map_err(io)?;
                if size == 0 {
                    break;
                }
                data.extend_from_slice(&chunk[..size]);
            }
        } else if let Some(n) = length {
            data.resize(n, 0);
            reader.read_exact(&mut data).map_err(io)?;
        } else {
            reader.read_to_end(&mut data).map_err(io)?;
            close = true;
        }
        if close {
            self.conn = None;
        }
        let v: Value = if data.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&data).map_err(|e| format!("bad JSON from driver: {e}"))?
        };
        if status >= 400 {
            return Err(format!(
                "WebDriver {method} {path} -> {status}: {}",
                v["value"]
            ));
        }
        Ok(v["value"].clone())
    }
}

/// A WebDriver session on the Hane window.
pub struct Session {
    http: Http,
    id: String,
    recent_stderr: RecentLines,
}

impl Session {
    /// Launches the app binary through tauri-driver.
    pub fn start(driver: &TauriDriver, app: &Path) -> E2eResult<Self> {
        let mut http = Http {
            port: driver.port,
            conn: None,
        };
        let caps = json!({"capabilities": {"alwaysMatch": {
            "tauri:options": {"application": app.to_string_lossy()}
        }}});
        let v = http.request("POST", "/session", Some(&caps))?;
        let id = v["sessionId"].as_str().ok_or("no session id")?.to_string();
        Ok(Session {
            http,
            id,
            recent_stderr: driver.recent_stderr.clone(),
        })
    }

    fn cmd(&mut self, method: &str, path: &str, body: Option<Value>) -> E2eResult<Value> {
        let full = format!("/session/{}{}", self.id, path);
        self.http
            .request(method, &full, body.as_ref())
            .map_err(|e| match app_pids() {
                // When the app has gone, WebDriver's answer does not say so (a
                // message-less "unknown error" mid-command, "invalid session id" after).
                Some(pids) if pids.is_empty() => {
                    let kept = self.recent_stderr.lock().unwrap_or_else(|p| p.into_inner());
                    let tail: Vec<&str> = kept.iter().map(String::as_str).collect();
                    format!(
                        "{e}\nThe app is no longer running (it crashed or quit). The last \
                         lines on stderr:\n{}",
                        tail.join("\n")
                    )
                }
                _ => e,
            })
    }

    pub fn title(&mut self) -> E2eResult<String> {
        Ok(self
            .cmd("GET", "/title", None)?
            .as_str()
            .unwrap_or("")
            .to_string())
    }

    /// Resizes the window (outer size, in CSS pixels at zoom 1).
    pub fn set_window_size(&mut self, width: u32, height: u32) -> E2eResult<()> {
        self.cmd(
            "POST",
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        )?;
        Ok(())
    }

    /// Runs `script` in the page and returns its value.
    pub fn execute(&mut self, script: &str, args: Value) -> E2eResult<Value> {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Runs `script`, which only reads the page, and returns its value. WebKitWebDriver
    /// answered a script once in CI with "unknown error" and no message at all, right
    /// after a key press redrew the step (the likely cause: see `session_wrapper` in
    /// xtask); a read can safely run again, so it gets one more try. A crashed app still
    /// fails: its session is gone, and the second answer says so.
    pub fn read(&mut self, script: &str) -> E2eResult<Value> {
        match self.execute(script, json!([])) {
            Err(e) if e.contains(r#""error":"unknown error","message":"""#) => {
                eprintln!("WebDriver gave an empty unknown error; reading once more: {e}");
                std::thread::sleep(Duration::from_millis(250));
                self.execute(script, json!([]))
            }
            other => other,
        }
    }

    /// Runs an asynchronous `script` (it calls its last argument when done).
    pub fn execute_async(&mut self, script: &str) -> E2eResult<Value> {
        self.cmd(
            "POST",
            "/execute/async",
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Polls `script` until it returns something truthy, or fails after `secs`.
    pub fn wait_until(&mut self, what: &str, secs: u64, script: &str) -> E2eResult<Value> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let v = self.read(script)?;
            let truthy =
                !matches!(&v, Value::Null | Value::Bool(false)) && v != json!("") && v != json!(0);
            if truthy {
                return Ok(v);
            }
            if Instant::now() > deadline {
                return Err(format!("timed out after {secs} s waiting for: {what}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn find(&mut self, css: &str) -> E2eResult<String> {
        let v = self.cmd(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        )?;
        v[ELEMENT_KEY]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("no element for {css}: {v}"))
    }

    /// Clicks like a user: waits (up to 10 s) for the element to exist and become
    /// interactable, as a person waits for the screen to settle.
    pub fn click(&mut self, css: &str) -> E2eResult<()> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let attempt = self
                .find(css)
                .and_then(|el| self.cmd("POST", &format!("/element/{el}/click"), Some(json!({}))));
            match attempt {
                Ok(_) => return Ok(()),
                Err(e)
                    if Instant::now() < deadline
                        && (e.contains("not interactable")
                            || e.contains("no element")
                            || e.contains("no such element")
                            || e.contains("stale")) =>
                {
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Clears the input and types `text` into it, as a user would.
    pub fn type_into(&mut self, css: &str, text: &str) -> E2eResult<()> {
        let el = self.find(css)?;
        self.cmd("POST", &format!("/element/{el}/clear"), Some(json!({})))?;
        if !text.is_empty() {
            self.cmd(
                "POST",
                &format!("/element/{el}/value"),
                Some(json!({"text": text})),
            )?;
        }
        Ok(())
    }

    /// Puts files in a file input, as the file chooser does (paths joined by "\n").
    /// Nothing is cleared first: the app empties its file inputs after each pick, and
    /// they are out of sight (their label is the button), which WebDriver's clear refuses
    /// but file typing allows.
    pub fn choose_files(&mut self, css: &str, paths: &str) -> E2eResult<()> {
        let el = self.find(css)?;
        self.cmd(
            "POST",
            &format!("/element/{el}/value"),
            Some(json!({"text": paths})),
        )?;
        Ok(())
    }

    /// Sends keystrokes to an element without clearing it (WebDriver key codes such as
    /// "\u{E013}" for ArrowUp), as a keyboard user would.
    pub fn key_into(&mut self, css: &str, keys: &str) -> E2eResult<()> {
        let el = self.find(css)?;
        self.cmd(
            "POST",
            &format!("/element/{el}/value"),
            Some(json!({"text": keys})),
        )?;
        Ok(())
    }

    pub fn text(&mut self, css: &str) -> E2eResult<String> {
        let el = self.find(css)?;
        Ok(self
            .cmd("GET", &format!("/element/{el}/text"), None)?
            .as_str()
            .unwrap_or("")
            .to_string())
    }

    /// Saves a PNG of the window after two animation frames, so it shows the current state.
    pub fn screenshot(&mut self, path: &Path) -> E2eResult<()> {
        self.cmd(
            "POST",
            "/execute/async",
            Some(json!({
                "script": "const done = arguments[arguments.length - 1];\
                           requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                "args": []
            })),
        )?;
        // A screenshot is for people to look at: WebKitWebDriver has, rarely and only under
        // heavy load, never answered one (the same state passes alone). It gets 60 s and
        // one try; the caller decides whether a missing picture matters.
        let full = format!("/session/{}/screenshot", self.id);
        let b64 = self
            .http
            .request_within("GET", &full, Duration::from_secs(60))?;
        use base64::Engine as _;
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64.as_str().ok_or("screenshot is not a string")?)
            .map_err(|e| e.to_string())?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::write(path, png).map_err(|e| e.to_string())
    }

    /// Ends the session, which closes the app.
    pub fn quit(mut self) -> E2eResult<()> {
        self.cmd("DELETE", "", None).map(|_| ())
    }
}

/// The home screen (or the unlock screen) has finished loading.
pub const READY: &str = "return document.body.dataset.ready === 'true';";

/// The app binary `cargo xtask test` built.
pub fn app() -> PathBuf {
    required_env("HANE_E2E_APP")
}

/// Starts tauri-driver (the app it launches gets `envs`).
pub fn driver(envs: &[(&str, &std::ffi::OsStr)]) -> TauriDriver {
    TauriDriver::start(&required_env("HANE_E2E_TAURI_DRIVER"), envs).unwrap()
}

impl Session {
    /// Launches the app and waits for its first screen.
    pub fn open(driver: &TauriDriver) -> E2eResult<Session> {
        let mut s = Session::start(driver, &app())?;
        s.wait_until("the first screen", 60, READY)?;
        Ok(s)
    }

    /// Home → "Yeni başvuru" → two names → the wizard opens on the new case.
    pub fn create_case(&mut self, employer: &str, foreigner: &str) -> E2eResult<()> {
        self.click("#new-case")?;
        self.type_into("#employer_name", employer)?;
        self.type_into("#foreigner_name", foreigner)?;
        self.click("#save-case")?;
        self.wait_until(
            "the wizard",
            10,
            "return !document.getElementById('wizard').hidden;",
        )
        .map(|_| ())
    }

    /// Footer → "Hakkında": the About box opens.
    pub fn open_about(&mut self) -> E2eResult<()> {
        self.click("#about-open")?;
        self.wait_until(
            "the About box",
            10,
            "return document.getElementById('about-dialog').open;",
        )
        .map(|_| ())
    }

    /// Types into whatever has the keyboard focus, as a keyboard-only user does
    /// (WebDriver key codes: "\u{E004}" Tab, "\u{E007}" Enter).
    pub fn keys(&mut self, text: &str) -> E2eResult<()> {
        let active = self.cmd("GET", "/element/active", None)?;
        let el = active[ELEMENT_KEY]
            .as_str()
            .ok_or("nothing has the focus")?
            .to_string();
        self.cmd(
            "POST",
            &format!("/element/{el}/value"),
            Some(json!({"text": text})),
        )?;
        Ok(())
    }

    /// Presses and releases each key in turn through WebDriver's actions (the keyboard
    /// itself: whatever has the focus gets it, even the page body, which element-typing
    /// refuses). WebDriver key codes: "\u{E004}" Tab, "\u{E007}" Enter.
    pub fn press(&mut self, keys: &str) -> E2eResult<()> {
        let mut actions = Vec::new();
        for k in keys.chars() {
            actions.push(json!({"type": "keyDown", "value": k.to_string()}));
            actions.push(json!({"type": "keyUp", "value": k.to_string()}));
        }
        self.cmd(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        )?;
        Ok(())
    }

    /// Drags the element `css` with the mouse (WebDriver pointer actions: press on its
    /// centre, move in steps, release) to the viewport point `(x, y)` in CSS pixels.
    pub fn drag_to(&mut self, css: &str, x: f64, y: f64) -> E2eResult<()> {
        let el = self.find(css)?;
        let origin = json!({ ELEMENT_KEY: el });
        let mut actions = vec![
            json!({"type": "pointerMove", "duration": 0, "origin": origin, "x": 0, "y": 0}),
            json!({"type": "pointerDown", "button": 0}),
        ];
        // Several moves, as a hand makes them, so pointermove fires along the way.
        actions.push(
            json!({"type": "pointerMove", "duration": 150, "origin": "viewport",
            "x": x.round() as i64, "y": y.round() as i64}),
        );
        actions.push(json!({"type": "pointerUp", "button": 0}));
        self.cmd(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "pointer", "id": "mouse",
                "parameters": {"pointerType": "mouse"}, "actions": actions}]})),
        )?;
        self.cmd("DELETE", "/actions", None)?;
        Ok(())
    }

    /// Drags files from outside the window and drops them on the element `css`, through
    /// the display server as from a file manager: a small GTK drag source
    /// (`tests/e2e/drag_source.py`, beside the 1100-px app window on the 1280-px virtual
    /// screen) offers them, and xdotool holds the mouse button and moves the pointer onto
    /// the element. X11 only, like the rest of the window tests.
    pub fn drag_files_onto(&mut self, css: &str, paths: &[&Path]) -> E2eResult<()> {
        let centre = self.execute(
            "const e = document.querySelector(arguments[0]); if (!e) return null; \
             e.scrollIntoView({ block: 'center' }); const r = e.getBoundingClientRect(); \
             return [(r.left + r.width / 2) * devicePixelRatio, (r.top + r.height / 2) * devicePixelRatio];",
            json!([css]),
        )?;
        let at = |i: usize| centre.get(i).and_then(Value::as_f64).map(|v| v as i64);
        let (Some(cx), Some(cy)) = (at(0), at(1)) else {
            return Err(format!("nothing matches {css} to drop on"));
        };
        let (wx, wy) = app_window_origin()?;
        let (tx, ty) = (wx + cx, wy + cy);
        let (sx, sy) = (1130i64, 40i64);
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("drag_source.py");
        // Debian's Python, which has the GTK bindings (python3-gi).
        let mut source = Command::new("/usr/bin/python3")
            .arg(&script)
            .arg(sx.to_string())
            .arg(sy.to_string())
            .args(paths)
            .spawn()
            .map_err(|e| format!("drag source: {e}"))?;
        let result = (|| {
            xdotool(&[
                "search",
                "--sync",
                "--onlyvisible",
                "--name",
                "hane-drag-source",
            ])?;
            let (px, py) = (sx + 60, sy + 60);
            xdotool(&["mousemove", &px.to_string(), &py.to_string()])?;
            std::thread::sleep(Duration::from_millis(300));
            xdotool(&["mousedown", "1"])?;
            std::thread::sleep(Duration::from_millis(300));
            for i in 1..=20 {
                let x = px + (tx - px) * i / 20;
                let y = py + (ty - py) * i / 20;
                xdotool(&["mousemove", &x.to_string(), &y.to_string()])?;
                std::thread::sleep(Duration::from_millis(40));
            }
            xdotool(&["mousemove", &(tx + 2).to_string(), &(ty + 2).to_string()])?;
            std::thread::sleep(Duration::from_millis(400));
            xdotool(&["mouseup", "1"]).map(|_| ())
        })();
        // The source quits when the drag ends; never leave it behind.
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline && matches!(source.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = source.kill();
        let _ = source.wait();
        result
    }

    /// The id of the element that has the keyboard focus.
    pub fn focused_id(&mut self) -> E2eResult<String> {
        let v = self.read("return document.activeElement ? document.activeElement.id : '';")?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    /// Waits until `css` matches exactly `n` elements.
    pub fn wait_count(&mut self, css: &str, n: usize) -> E2eResult<()> {
        let script = format!(
            "return document.querySelectorAll({}).length === {n};",
            serde_json::to_string(css).unwrap_or_default()
        );
        self.wait_until(&format!("{n} × {css}"), 15, &script)
            .map(|_| ())
    }
}

/// Window tests take turns: several app windows at once under one virtual display made
/// focus-dependent steps flaky, and the suite is short enough to run them one by one.
pub fn one_window_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|p| p.into_inner())
}

/// Where the e2e tests write screenshots: `target/e2e/`.
pub fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/e2e")
        .components()
        .collect()
}

/// Paths the test needs, from the environment `cargo xtask test` sets.
pub fn required_env(name: &str) -> PathBuf {
    match std::env::var_os(name) {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => panic!("{name} is not set: run the e2e tests with `cargo xtask test`"),
    }
}

/// Memory of the running app: the process whose executable is [`app()`] plus everything
/// it started (WebKit's web and network processes). Linux only (reads /proc); `None`
/// elsewhere or when the app is not running. Returned as (processes, RSS KiB, PSS KiB):
/// RSS counts shared libraries once per process, PSS shares them out, so PSS is the
/// honest total.
pub fn app_memory() -> Option<(usize, u64, u64)> {
    let parent_of = process_parents()?;
    let roots = app_pids_among(&parent_of)?;
    if roots.is_empty() {
        return None;
    }
    let mut tree = roots;
    let mut i = 0;
    while i < tree.len() {
        let p = tree[i];
        tree.extend(
            parent_of
                .iter()
                .filter(|&&(_, ppid)| ppid == p)
                .map(|&(pid, _)| pid),
        );
        i += 1;
    }
    let field = |pid: u32, file: &str, key: &str| -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/{file}"))
            .ok()
            .and_then(|t| {
                t.lines()
                    .find(|l| l.starts_with(key))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|v| v.parse().ok())
            })
            .unwrap_or(0)
    };
    let rss = tree.iter().map(|&p| field(p, "status", "VmRSS:")).sum();
    let pss = tree.iter().map(|&p| field(p, "smaps_rollup", "Pss:")).sum();
    Some((tree.len(), rss, pss))
}

/// Every process on the machine as (pid, parent pid), from /proc; `None` off Linux.
fn process_parents() -> Option<Vec<(u32, u32)>> {
    let mut parent_of = Vec::new();
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // Field 4 (ppid) follows the parenthesised command name, which may hold spaces.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0);
        parent_of.push((pid, ppid));
    }
    Some(parent_of)
}

/// The running processes of the app binary, [`app()`]; `None` where /proc cannot tell
/// (not Linux, or the binary is missing).
pub fn app_pids() -> Option<Vec<u32>> {
    app_pids_among(&process_parents()?)
}

fn app_pids_among(parent_of: &[(u32, u32)]) -> Option<Vec<u32>> {
    let exe = std::fs::canonicalize(app()).ok()?;
    Some(
        parent_of
            .iter()
            .map(|&(pid, _)| pid)
            .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|p| p == exe))
            .collect(),
    )
}

fn xdotool(args: &[&str]) -> E2eResult<String> {
    // Under `timeout`: `search --sync` waits forever for a window that never comes.
    let out = Command::new("timeout")
        .arg("15")
        .arg("xdotool")
        .args(args)
        .output()
        .map_err(|e| format!("xdotool (cargo xtask test installs it): {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "xdotool {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Screen position of the app's window (the largest window titled "Hane"; GTK also makes
/// small helper windows with the same title). Without a window manager the page starts at
/// the window's origin.
fn app_window_origin() -> E2eResult<(i64, i64)> {
    let mut best: Option<(i64, i64, i64)> = None;
    for id in xdotool(&["search", "--name", "^Hane$"])?.split_whitespace() {
        let geometry = xdotool(&["getwindowgeometry", "--shell", id])?;
        let value = |key: &str| {
            geometry
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.trim().parse::<i64>().ok())
                .unwrap_or(0)
        };
        let (x, y, area) = (value("X="), value("Y="), value("WIDTH=") * value("HEIGHT="));
        if best.is_none_or(|b| area > b.2) {
            best = Some((x, y, area));
        }
    }
    best.map(|(x, y, _)| (x, y))
        .ok_or_else(|| "no Hane window on the display".to_string())
}

/// A scanner's PDF of `pages` copies of one JPEG page, as Hane itself writes them (the
/// scanned-PDF tests open its pages again).
pub fn scanned_pdf(page: &[u8], pages: usize) -> Vec<u8> {
    let inputs: Vec<_> = (0..pages)
        .map(|_| hane_core::pdf::scan::PageInput {
            bytes: page,
            quarter_turns: 0,
        })
        .collect();
    hane_core::pdf::scan::images_to_pdf(
        &inputs,
        &hane_core::pdf::scan::PdfMeta {
            title: "Tarama",
            created: chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
                .and_then(|d| d.and_hms_opt(10, 0, 0))
                .expect("a valid date"),
        },
    )
    .expect("the page is a JPEG Hane takes")
}
