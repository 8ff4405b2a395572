//! Runs tauri-build only for the desktop app; the headless core needs no build step.

fn main() {
    #[cfg(feature = "desktop")]
    desktop();
}

#[cfg(feature = "desktop")]
fn desktop() {
    // The app's own commands are declared so the capability in tauri.conf.json must
    // grant them explicitly (undeclared app commands would be open to every window).
    // All domain commands reach the core through the single `call` dispatcher (their
    // list lives in `src-tauri/commands/`); `pick_file` and `save_file` open the native
    // file dialogs, `open_path` hands a saved register to the system's viewer.
    let manifest =
        tauri_build::AppManifest::new().commands(&["call", "pick_file", "save_file", "open_path"]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}
