//! Page objects for the wizard: what a user does on a step — fill a field, choose an
//! option, move to a step, wait for the autosave, read the message beside a field — so the
//! window tests say what happens, not which selector and which wait.

use crate::{screenshot_dir, Session};

/// The CSS selector of a case field's input (`profil.ad` → `#f-profil-ad`).
pub fn field_id(path: &str) -> String {
    format!("#f-{}", path.replace('.', "-"))
}

impl Session {
    /// Types `value` into the field at `path` (as a user does; autosave follows).
    pub fn fill(&mut self, path: &str, value: &str) {
        self.type_into(&field_id(path), value)
            .unwrap_or_else(|e| panic!("{path}: {e}"));
    }

    /// Picks `value` in the select at `path`.
    pub fn choose(&mut self, path: &str, value: &str) {
        self.click(&format!("{} option[value='{value}']", field_id(path)))
            .unwrap_or_else(|e| panic!("{path}={value}: {e}"));
    }

    /// Waits until the field's message box contains `expected`.
    pub fn expect_message(&mut self, path: &str, expected: &str) {
        let script = format!(
            "const e = document.getElementById('f-{}-error'); return e && e.textContent.includes({});",
            path.replace('.', "-"),
            serde_json::to_string(expected).unwrap()
        );
        if let Err(e) = self.wait_until(&format!("“{expected}” next to {path}"), 10, &script) {
            let got = self
                .text(&format!("{}-error", field_id(path)))
                .unwrap_or_default();
            panic!("{e}; the field shows: {got:?}")
        }
    }

    /// Waits until the field shows no blocking message (after autosave).
    pub fn expect_clean(&mut self, path: &str) {
        let script = format!(
            "const e = document.getElementById('f-{}-error'); \
             return e && !e.querySelector('.msg.blocking') \
                 && document.getElementById('save-status').dataset.state === 'saved';",
            path.replace('.', "-")
        );
        if let Err(e) = self.wait_until(&format!("{path} clean"), 10, &script) {
            let got = self
                .text(&format!("{}-error", field_id(path)))
                .unwrap_or_default();
            panic!("{e}; the field shows: {got:?}")
        }
    }

    /// Opens a wizard step from the progress list.
    pub fn go_to(&mut self, name: &str) {
        self.click(&format!("#step-{name}")).unwrap();
        self.wait_until(
            &format!("step {name}"),
            10,
            &format!("return document.querySelector('#step-{name}[aria-current=step]') !== null;"),
        )
        .unwrap();
    }

    /// Waits for the autosave to land (as a user would see "Kaydedildi").
    pub fn saved(&mut self) {
        self.wait_until(
            "autosave",
            10,
            "return document.getElementById('save-status').dataset.state === 'saved';",
        )
        .unwrap();
    }

    /// "İleri" to the step `to`, after the autosave; a screenshot when it does not get there.
    pub fn next(&mut self, to: &str) {
        self.saved();
        self.click("#step-next").unwrap();
        let waited = self.wait_until(
            &format!("step {to}"),
            10,
            &format!("return document.querySelector('#step-{to}[aria-current=step]') !== null;"),
        );
        if let Err(e) = waited {
            let _ = self.screenshot(&screenshot_dir().join(format!("failed-next-{to}.png")));
            let steps = self.text("#steps").unwrap_or_default();
            panic!("{e}; steps: {steps}");
        }
    }

    /// Records one event on the Takip step as a user does: kind, date, its extra fields.
    pub fn record(&mut self, kind: &str, date: &str, extra: &[(&str, &str)]) {
        self.wait_until(
            "the event form",
            10,
            "return document.getElementById('event-kind') !== null;",
        )
        .unwrap();
        self.click(&format!("#event-kind option[value='{kind}']"))
            .unwrap();
        self.type_into("#event-date", date).unwrap();
        for (field, value) in extra {
            self.type_into(&format!("#event-{field}"), value).unwrap();
        }
        self.click("#event-save").unwrap();
        self.wait_until(
            &format!("{kind} in the history"),
            10,
            &format!(
                "return document.getElementById('event-history')?.textContent.includes('{date}');"
            ),
        )
        .unwrap();
    }

    /// The value shown in the field at `path` (`null` when the field is not on the step).
    pub fn value(&mut self, path: &str) -> serde_json::Value {
        self.read(&format!(
            "return document.querySelector('{}')?.value ?? null;",
            field_id(path)
        ))
        .unwrap()
    }

    /// "Ayarlar" in the top bar: the settings page (upload limit, backup, key).
    pub fn open_settings(&mut self) {
        self.click("#settings-open").unwrap();
        self.wait_until(
            "the settings page",
            10,
            "return !document.getElementById('settings-panel').hidden \
                 && document.getElementById('key-mode') !== null;",
        )
        .unwrap();
    }

    /// "Uzatma başvurusu başlat" on the first case row: waits for the dialog that asks
    /// which documents are still valid.
    pub fn open_renewal(&mut self) {
        self.click("#cases-body .renew-case").unwrap();
        self.wait_until(
            "the renewal dialog",
            10,
            "return document.getElementById('renew-dialog').open;",
        )
        .unwrap();
    }

    /// Starts the extension from the open renewal dialog; waits for its wizard.
    pub fn start_renewal(&mut self) {
        self.click("#renew-start").unwrap();
        self.wait_until(
            "the wizard on the extension",
            10,
            "return !document.getElementById('wizard').hidden;",
        )
        .unwrap();
    }
}
