fn main() {
    // tauri.conf.json lives at the repository root (the design puts it there), so paths in
    // it (ui/, icons/) resolve from the root too.
    tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json"))
        .expect("tauri build script failed");
}
