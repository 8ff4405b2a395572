//! Native file dialogs. The window never touches the file system: it asks here for a
//! path, then hands the path to a core command, which reads the file itself.

use std::sync::Arc;

use tauri::{AppHandle, State};

use crate::core::Core;
use crate::error::{AppError, ErrorPayload};

/// WebDriver cannot drive a native dialog: when the app runs under automation, the
/// end-to-end tests name the file to "pick" in this variable instead.
const AUTOMATION_PICK: &str = "QINQING_AUTOMATION_PICK";

/// Whether the end-to-end tests started this process (their launcher passes
/// `--automation`).
pub struct Automation(pub bool);

/// What a file is picked for: it decides the dialog's title and filter.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PickKind {
    /// A receipt, voucher or scan (JPEG, PNG or PDF).
    #[default]
    Attachment,
    /// A bureau CA's key and certificate (.p12 / .pfx).
    Certificate,
}

/// Asks the user for a file of `kind`; `None` when the dialog was dismissed.
#[tauri::command]
pub async fn pick_file(
    app: AppHandle,
    core: State<'_, Arc<Core>>,
    automation: State<'_, Automation>,
    kind: Option<PickKind>,
) -> Result<Option<String>, ErrorPayload> {
    let lang = core.lang();
    let (title, filter, extensions): (String, String, &[&str]) = match kind.unwrap_or_default() {
        PickKind::Attachment => (
            lang.pick("选择附件", "Choose an attachment"),
            lang.pick("收据、凭证或扫描件", "Receipts, vouchers or scans"),
            &["jpg", "jpeg", "png", "pdf", "JPG", "JPEG", "PNG", "PDF"],
        ),
        PickKind::Certificate => (
            lang.pick(
                "选择单位 CA 签发的证书文件",
                "Choose the certificate file your CA issued",
            ),
            lang.pick(
                "PKCS#12 证书（.p12、.pfx）",
                "PKCS#12 certificates (.p12, .pfx)",
            ),
            &["p12", "pfx", "P12", "PFX"],
        ),
    };
    if automation.0 {
        return Ok(std::env::var(AUTOMATION_PICK)
            .ok()
            .filter(|p| !p.is_empty()));
    }
    // GTK wants dialogs created on the main thread; the answer is awaited here.
    let (sender, receiver) = std::sync::mpsc::channel();
    app.run_on_main_thread(move || {
        let dialog = rfd::AsyncFileDialog::new()
            .set_title(title)
            .add_filter(filter, extensions)
            .pick_file();
        let _ = sender.send(dialog);
    })
    .map_err(|err| AppError::Internal(err.to_string()).to_payload(lang))?;
    let dialog = receiver
        .recv()
        .map_err(|err| AppError::Internal(err.to_string()).to_payload(lang))?;
    Ok(dialog
        .await
        .map(|file| file.path().to_string_lossy().into_owned()))
}
