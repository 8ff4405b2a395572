//! The Tauri window: the only place (with `main.rs`) that imports tauri or rfd.
//! Commands stay thin: the single `call` dispatcher hands every request to the
//! core's command list.

mod dialogs;
mod ipc;

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use crate::core::os_actor;
use crate::error::AppError;
use crate::gate::Gate;
use crate::i18n::Lang;
use crate::paths::DataLocation;

/// Opens the database and runs the window until it is closed.
pub fn run(db: Option<&Path>, lang: Option<Lang>, automation: bool) -> ExitCode {
    // Before any thread starts: the environment is read by WebKit when the window opens.
    without_webkit_compositing();
    let gate = match DataLocation::resolve(db)
        .ok_or(AppError::NoDataDirectory)
        .and_then(|location| Gate::open(location, lang, os_actor()))
    {
        Ok(gate) => Arc::new(gate),
        Err(err) => {
            show_fatal(&err, lang.unwrap_or_default());
            return ExitCode::FAILURE;
        }
    };
    // An encrypted database opens at the first sign-in (see `ipc::call`).
    if let Some(core) = gate.core() {
        crate::backups::daily_beside(core);
    }
    let result = tauri::Builder::default()
        .manage(gate)
        .manage(dialogs::Automation(automation))
        .invoke_handler(tauri::generate_handler![
            ipc::call,
            dialogs::pick_file,
            dialogs::save_file,
            dialogs::open_path
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            show_fatal(
                &AppError::Internal(err.to_string()),
                lang.unwrap_or_default(),
            );
            ExitCode::FAILURE
        }
    }
}

/// Tells the user, in a native dialog, why the app cannot start (the window never
/// opened, so there is nowhere else to say it), and logs it for support.
fn show_fatal(err: &AppError, lang: Lang) {
    let message = err.message(lang);
    eprintln!("{message}");
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title(lang.pick("亲清政商交往登记无法启动", "Qinqing Register cannot start"))
        .set_description(message)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}

/// WebKitGTK draws through accelerated compositing by default. Where the GL it gets is
/// software (virtual machines, remote desktops, the domestic GPUs whose drivers UOS and
/// Kylin PCs often lack) that costs more than drawing directly — on this project's
/// test machine a page of fifty records took 150–200 ms longer to appear — and some
/// drivers show a blank window instead. An office of forms and tables gains nothing
/// from it, so the window draws without it unless the person chose otherwise
/// (`WEBKIT_DISABLE_COMPOSITING_MODE=0` brings it back). Windows' WebView2 is not
/// concerned.
fn without_webkit_compositing() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}
