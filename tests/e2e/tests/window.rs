//! The real Hane window, driven through tauri-driver + WebKitWebDriver under Xvfb.
//! Run by `cargo xtask test` (it builds the app and sets up the display); ignored by a
//! plain `cargo test` because it needs that set-up. Every test here is named `window_…`:
//! xtask skips that prefix on OSes without a driver.

use hane_e2e::{driver, one_window_at_a_time, screenshot_dir, Session};

#[test]
#[ignore = "needs the built app, tauri-driver and a display: run `cargo xtask test`"]
fn window_create_a_case_and_find_it_after_restart() {
    let _turn = one_window_at_a_time();
    let data = tempfile::tempdir().unwrap();
    let driver = driver(&[("HANE_DATA_DIR", data.path().as_os_str())]);

    // First start: empty list, Turkish UI. Launch-to-home time is printed for the notes
    // (a measurement, not a timed assertion: this machine's load varies).
    let launched = std::time::Instant::now();
    let mut s = Session::open(&driver).unwrap();
    let in_page = s
        .execute(
            "return Math.round(performance.now());",
            serde_json::json!([]),
        )
        .unwrap();
    eprintln!(
        "launch → home screen ready: {} ms (process start and WebDriver session included); {} ms after navigation start",
        launched.elapsed().as_millis(),
        in_page
    );
    assert_eq!(s.title().unwrap(), "Hane");
    assert_eq!(s.text("#cases-title").unwrap(), "Başvurularım");
    assert!(s
        .text("#cases-empty")
        .unwrap()
        .starts_with("Henüz başvuru yok"));

    // An empty form is refused by the core; its error code comes back localized
    // next to the field.
    s.click("#new-case").unwrap();
    s.click("#save-case").unwrap();
    s.wait_until(
        "the required-field message",
        10,
        "return document.getElementById('employer_name-error').textContent;",
    )
    .unwrap();
    assert_eq!(
        s.text("#employer_name-error").unwrap(),
        "Bu alan boş bırakılamaz."
    );

    s.type_into("#employer_name", "Ayşe Yılmaz").unwrap();
    s.type_into("#foreigner_name", "İrina Petrova").unwrap();
    s.click("#save-case").unwrap();
    // A new case opens straight in the wizard; the list is one click back.
    s.wait_until(
        "the wizard",
        10,
        "return !document.getElementById('wizard').hidden;",
    )
    .unwrap();
    assert_eq!(s.text("#wizard-title").unwrap(), "Başvuru: İrina Petrova");
    s.click("#wizard-close").unwrap();
    s.wait_until(
        "the new case in the list",
        10,
        "return !document.getElementById('cases-panel').hidden \
         && document.querySelectorAll('#cases-body tr').length === 1;",
    )
    .unwrap();
    let row = s.text("#cases-body tr").unwrap();
    assert!(row.contains("İrina Petrova"), "row was {row:?}");
    assert!(row.contains("Ayşe Yılmaz"), "row was {row:?}");
    s.screenshot(&screenshot_dir().join("home-tr.png")).unwrap();

    // English is one click away and remembered.
    s.click("#lang-en").unwrap();
    assert_eq!(s.text("#cases-title").unwrap(), "My applications");
    s.quit().unwrap();

    // Restart: the case and the language are still there.
    let mut s = Session::open(&driver).unwrap();
    s.wait_count("#cases-body tr", 1).unwrap();
    assert!(s.text("#cases-body tr").unwrap().contains("İrina Petrova"));
    assert_eq!(s.text("#cases-title").unwrap(), "My applications");
    s.screenshot(&screenshot_dir().join("home-en.png")).unwrap();

    // Deleting asks for a second press, then the case is gone.
    s.click(".delete-case").unwrap();
    assert_eq!(
        s.text(".delete-case").unwrap(),
        "Confirm delete (cannot be undone)"
    );
    assert_eq!(
        s.execute(
            "return document.querySelectorAll('#cases-body tr').length;",
            serde_json::json!([])
        )
        .unwrap(),
        1
    );
    s.click(".delete-case").unwrap();
    s.wait_count("#cases-body tr", 0).unwrap();
    s.quit().unwrap();
    drop(driver);
}

#[test]
#[ignore = "needs the built app, tauri-driver and a display: run `cargo xtask test`"]
fn window_without_a_keyring_asks_for_a_passphrase() {
    let _turn = one_window_at_a_time();
    let data = tempfile::tempdir().unwrap();
    // A session bus address that leads nowhere: the app's keyring client finds no
    // Secret Service, as on a headless Linux.
    let no_bus = std::ffi::OsStr::new("unix:path=/nonexistent/hane-e2e-bus");
    let driver = driver(&[
        ("HANE_DATA_DIR", data.path().as_os_str()),
        ("DBUS_SESSION_BUS_ADDRESS", no_bus),
    ]);

    let mut s = Session::open(&driver).unwrap();
    assert_eq!(
        s.text("#unlock-title").unwrap(),
        "Verileriniz için bir parola belirleyin"
    );
    s.type_into("#passphrase", "kısa").unwrap();
    s.type_into("#passphrase2", "kısa").unwrap();
    s.click("#unlock-submit").unwrap();
    s.wait_until(
        "the too-short message",
        10,
        "return document.getElementById('passphrase-error').textContent;",
    )
    .unwrap();
    assert_eq!(
        s.text("#passphrase-error").unwrap(),
        "Parola en az 10 karakter olmalı."
    );
    s.screenshot(&screenshot_dir().join("passphrase-setup.png"))
        .unwrap();
    s.type_into("#passphrase", "İstanbul bahçesi 42").unwrap();
    s.type_into("#passphrase2", "İstanbul bahçesi 42").unwrap();
    s.click("#unlock-submit").unwrap();
    s.wait_until(
        "the case list",
        30,
        "return !document.getElementById('cases-panel').hidden;",
    )
    .unwrap();
    s.create_case("Ayşe Yılmaz", "Olena Koval").unwrap();
    s.quit().unwrap();

    // Restart: the choice is remembered; a wrong passphrase is refused, the right opens.
    let mut s = Session::open(&driver).unwrap();
    assert_eq!(s.text("#unlock-title").unwrap(), "Parolanızı girin");
    s.type_into("#passphrase", "yanlış parola 1234").unwrap();
    s.click("#unlock-submit").unwrap();
    s.wait_until(
        "the wrong-passphrase message",
        30,
        "return document.getElementById('passphrase-error').textContent;",
    )
    .unwrap();
    assert_eq!(
        s.text("#passphrase-error").unwrap(),
        "Parola yanlış. Tekrar deneyin."
    );
    s.type_into("#passphrase", "İstanbul bahçesi 42").unwrap();
    s.click("#unlock-submit").unwrap();
    s.wait_count("#cases-body tr", 1).unwrap();
    assert!(s.text("#cases-body tr").unwrap().contains("Olena Koval"));
    s.quit().unwrap();
    drop(driver);
}

#[test]
#[ignore = "needs the built app, tauri-driver and a display: run `cargo xtask test`"]
fn window_switch_the_key_to_a_passphrase_and_back() {
    let _turn = one_window_at_a_time();
    let data = tempfile::tempdir().unwrap();
    let driver = driver(&[("HANE_DATA_DIR", data.path().as_os_str())]);
    let mut s = Session::open(&driver).unwrap();
    s.create_case("Ayşe Yılmaz", "Olena Koval").unwrap();
    s.click("#wizard-close").unwrap();
    s.wait_until(
        "the key settings",
        10,
        "return document.getElementById('key-mode')?.dataset.mode === 'keyring';",
    )
    .unwrap();
    s.type_into("#key-pass", "İstanbul bahçesi 42").unwrap();
    s.type_into("#key-pass2", "İstanbul bahçesi 42").unwrap();
    s.click("#key-use-passphrase").unwrap();
    s.wait_until(
        "passphrase mode",
        20,
        "return document.getElementById('key-mode')?.dataset.mode === 'passphrase';",
    )
    .unwrap();
    s.quit().unwrap();

    // Restart: now the passphrase is asked for; the case is there after it.
    let mut s = Session::open(&driver).unwrap();
    assert_eq!(s.text("#unlock-title").unwrap(), "Parolanızı girin");
    s.type_into("#passphrase", "İstanbul bahçesi 42").unwrap();
    s.click("#unlock-submit").unwrap();
    s.wait_count("#cases-body tr", 1).unwrap();
    s.wait_until(
        "the key settings",
        10,
        "return document.getElementById('key-use-keyring') !== null;",
    )
    .unwrap();
    s.click("#key-use-keyring").unwrap();
    s.wait_until(
        "keyring mode",
        20,
        "return document.getElementById('key-mode')?.dataset.mode === 'keyring';",
    )
    .unwrap();
    s.quit().unwrap();

    // Restart: back to no prompt.
    let mut s = Session::open(&driver).unwrap();
    s.wait_count("#cases-body tr", 1).unwrap();
    assert!(s.text("#cases-body tr").unwrap().contains("Olena Koval"));
    s.quit().unwrap();
    drop(driver);
}

/// The smoke test `cargo xtask package --smoke-test` runs against the installed package
/// (and `cargo xtask test` against the debug build): the window opens, the home screen
/// renders, a case can be created, and the About box shows the version and the licenses.
/// It prints the start-up time and the idle memory of all the app's processes for the
/// release notes (measurements, not assertions).
#[test]
#[ignore = "needs the built app, tauri-driver and a display: run `cargo xtask test`"]
fn window_smoke_home_case_and_about() {
    let _turn = one_window_at_a_time();
    let data = tempfile::tempdir().unwrap();
    let driver = driver(&[("HANE_DATA_DIR", data.path().as_os_str())]);
    let launched = std::time::Instant::now();
    let mut s = Session::open(&driver).unwrap();
    let until_ready = launched.elapsed().as_millis();
    let paint = s
        .execute(
            "const p = performance.getEntriesByName('first-contentful-paint')[0]; \
             return p ? Math.round(p.startTime) : null;",
            serde_json::json!([]),
        )
        .unwrap();
    eprintln!(
        "smoke: {} → home screen ready {until_ready} ms after launch (WebDriver session \
         set-up included); first contentful paint {paint} ms after navigation start",
        hane_e2e::app().display()
    );
    assert_eq!(s.text("#cases-title").unwrap(), "Başvurularım");

    s.create_case("Ayşe Yılmaz", "İrina Petrova").unwrap();
    s.click("#wizard-close").unwrap();
    s.wait_count("#cases-body tr", 1).unwrap();

    s.open_about().unwrap();
    let about = s.text("#about-body").unwrap();
    assert!(
        about.contains(env!("CARGO_PKG_VERSION")),
        "no version in {about:?}"
    );
    assert!(about.contains("org.hane.desktop"), "{about:?}");
    assert!(about.contains("Hane contributors"), "publisher: {about:?}");
    assert!(about.contains("BSD-2-Clause"), "{about:?}");
    assert!(about.contains("DejaVu Sans"), "{about:?}");
    s.screenshot(&screenshot_dir().join("about-tr.png"))
        .unwrap();
    s.click("#about-close").unwrap();
    s.wait_until(
        "the About box to close",
        10,
        "return !document.getElementById('about-dialog').open;",
    )
    .unwrap();

    // Idle memory: give WebKit a few seconds to settle after the last interaction.
    std::thread::sleep(std::time::Duration::from_secs(5));
    if let Some((n, rss, pss)) = hane_e2e::app_memory() {
        eprintln!(
            "smoke: idle memory of {n} processes: {:.0} MiB PSS ({:.0} MiB RSS summed)",
            pss as f64 / 1024.0,
            rss as f64 / 1024.0
        );
    }
    s.quit().unwrap();
    drop(driver);
}
