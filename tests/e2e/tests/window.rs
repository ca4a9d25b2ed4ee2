//! The real Hane window, driven through tauri-driver + WebKitWebDriver under Xvfb.
//! Run by `cargo xtask test` (it builds the app and sets up the display); ignored by a
//! plain `cargo test` because it needs that set-up. Every test here is named `window_…`:
//! xtask skips that prefix on OSes without a driver.

use hane_e2e::{required_env, screenshot_dir, Session, TauriDriver};

const READY: &str = "return document.body.dataset.ready === 'true';";

#[test]
#[ignore = "needs the built app, tauri-driver and a display: run `cargo xtask test`"]
fn window_create_a_case_and_find_it_after_restart() {
    let app = required_env("HANE_E2E_APP");
    let driver_bin = required_env("HANE_E2E_TAURI_DRIVER");
    let data = tempfile::tempdir().unwrap();
    let driver = TauriDriver::start(&driver_bin, &[("HANE_DATA_DIR", data.path())]).unwrap();

    // First start: empty list, Turkish UI.
    let mut s = Session::start(&driver, &app).unwrap();
    s.wait_until("the home screen", 60, READY).unwrap();
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
    s.wait_until(
        "the new case in the list",
        10,
        "return document.querySelectorAll('#cases-body tr').length === 1;",
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
    let mut s = Session::start(&driver, &app).unwrap();
    s.wait_until("the home screen after restart", 60, READY)
        .unwrap();
    s.wait_until(
        "the saved case after restart",
        10,
        "return document.querySelectorAll('#cases-body tr').length === 1;",
    )
    .unwrap();
    assert!(s.text("#cases-body tr").unwrap().contains("İrina Petrova"));
    assert_eq!(s.text("#cases-title").unwrap(), "My applications");
    s.screenshot(&screenshot_dir().join("home-en.png")).unwrap();
    s.quit().unwrap();
    drop(driver);
}
