//! A start-up failure before the window exists (no WebView2 runtime on Windows, a data
//! folder that cannot be made, …) is told in a native message box, in Turkish and English,
//! instead of a panic — which a release build (Windows subsystem, no console) would turn
//! into a silent exit.

/// Where Microsoft offers the Evergreen WebView2 runtime (the installer embeds its
/// bootstrapper; a copied `.exe` or a failed runtime install has none).
pub const WEBVIEW2_URL: &str = "https://go.microsoft.com/fwlink/p/?LinkId=2124703";

/// The text of the message box for a start-up error, chosen by what the error says.
pub fn message(error: &str) -> String {
    let lower = error.to_lowercase();
    let webview_missing = lower.contains("webview runtime")
        || lower.contains("webview2")
        || lower.contains("could not find the webview");
    if webview_missing {
        format!(
            "Hane açılamadı: bu bilgisayarda Microsoft Edge WebView2 Runtime yüklü değil. \
             Hane'nin penceresi onunla çizilir.\n\
             Microsoft'un sayfasından “Evergreen Bootstrapper”ı indirip kurun, sonra Hane'yi \
             yeniden başlatın:\n{WEBVIEW2_URL}\n\
             (Hane'yi kurulum programıyla kurmak da WebView2'yi kurar.)\n\n\
             Hane could not start: Microsoft Edge WebView2 Runtime is not installed on this \
             computer, and Hane's window is drawn with it.\n\
             Download and install the “Evergreen Bootstrapper” from Microsoft's page, then \
             start Hane again:\n{WEBVIEW2_URL}\n\
             (Installing Hane with its installer installs WebView2 too.)"
        )
    } else {
        format!(
            "Hane açılamadı. Verileriniz değişmedi. Bilgisayarı yeniden başlatıp tekrar \
             deneyin; sorun sürerse aşağıdaki iletiyi bildirin.\n\n\
             Hane could not start. Your data was not changed. Restart the computer and try \
             again; if it persists, report the message below.\n\n{error}"
        )
    }
}

/// Set once the window exists: from then on the window itself can tell what goes wrong.
static WINDOW_READY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn window_ready() {
    WINDOW_READY.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// Before anything else: on Windows the WebView2 runtime may be missing (a copied `.exe`,
/// a failed runtime install). Tauri would only find out while creating the window, inside
/// its event loop, and panic there; asking first lets Hane say what to install.
pub fn check_webview() {
    #[cfg(windows)]
    if let Err(e) = tauri::webview_version() {
        report(&format!("Could not find the webview runtime ({e})"));
        std::process::exit(1);
    }
}

/// A panic before the window exists (Tauri panics on a failed setup) is also told in a
/// message box on Windows, where a release build has no console to print it to. Elsewhere
/// the default hook's stderr message stays the only report: a GTK dialog opened from
/// inside a panicking GTK main loop could hang instead of helping.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default(info);
        if cfg!(windows) && !WINDOW_READY.load(std::sync::atomic::Ordering::SeqCst) {
            let what = info
                .payload()
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| info.payload().downcast_ref::<&str>().copied())
                .unwrap_or("unexpected error");
            report(what);
        }
    }));
}

/// Shows [`message`] in a native message box (and on stderr, for a terminal).
pub fn report(error: &str) {
    let text = message(error);
    eprintln!("{text}");
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("Hane")
        .set_description(text)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_webview_says_what_to_install_in_both_languages() {
        // The error Tauri gives under Wine, which has no WebView2 (seen there).
        let m = message("Failed to setup app: runtime error: Could not find the webview runtime");
        assert!(m.contains("WebView2 Runtime yüklü değil"), "{m}");
        assert!(m.contains("WebView2 Runtime is not installed"), "{m}");
        assert!(m.contains(WEBVIEW2_URL));
    }

    #[test]
    fn any_other_failure_is_told_with_its_reason() {
        let m = message("data folder is not usable: permission denied");
        assert!(m.starts_with("Hane açılamadı.") && m.contains("Hane could not start."));
        assert!(m.contains("permission denied"));
        assert!(!m.contains("WebView2"));
    }
}
