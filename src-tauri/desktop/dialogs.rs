//! Native file dialogs. The window never touches the file system: it asks here for a
//! path, then hands the path to a core command, which reads the file itself.

use std::sync::Arc;

use tauri::{AppHandle, State};

use crate::error::{AppError, ErrorPayload};
use crate::gate::Gate;

/// WebDriver cannot drive a native dialog: when the app runs under automation, the
/// end-to-end tests name the file to "pick" in this variable instead.
const AUTOMATION_PICK: &str = "QINQING_AUTOMATION_PICK";
/// Under automation, where a "save" dialog answers, and what picking a register
/// answers (the register the test saved, so it can verify it).
const AUTOMATION_SAVE: &str = "QINQING_AUTOMATION_SAVE";

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
    /// A register PDF to verify.
    Register,
    /// A backup of the database to restore.
    Backup,
    /// An exchange bundle to import.
    Bundle,
    /// An Excel register to import.
    Spreadsheet,
}

/// Asks the user for a file of `kind`; `None` when the dialog was dismissed.
#[tauri::command]
pub async fn pick_file(
    app: AppHandle,
    core: State<'_, Arc<Gate>>,
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
        PickKind::Register => (
            lang.pick("选择要核验的登记簿", "Choose the register to verify"),
            lang.pick("登记簿 PDF", "Register PDF"),
            &["pdf", "PDF"],
        ),
        PickKind::Backup => (
            lang.pick("选择要恢复的备份", "Choose the backup to restore"),
            lang.pick("数据库备份", "Database backups"),
            &["sqlite3", "db", "sqlite"],
        ),
        PickKind::Bundle => (
            lang.pick("选择要导入的交换包", "Choose the bundle to import"),
            lang.pick("交换包（.qqb）", "Exchange bundles (.qqb)"),
            &["qqb", "QQB"],
        ),
        PickKind::Spreadsheet => (
            lang.pick(
                "选择要导入的 Excel 登记表",
                "Choose the Excel register to import",
            ),
            lang.pick("Excel 工作簿（.xlsx）", "Excel workbooks (.xlsx)"),
            &["xlsx", "XLSX"],
        ),
    };
    if automation.0 {
        let variable = match kind.unwrap_or_default() {
            PickKind::Register => AUTOMATION_SAVE.to_owned(),
            // What the tests saved (a bundle) or supply (a spreadsheet), by kind.
            PickKind::Bundle => format!("{AUTOMATION_SAVE}_QQB"),
            PickKind::Spreadsheet => format!("{AUTOMATION_PICK}_XLSX"),
            _ => AUTOMATION_PICK.to_owned(),
        };
        return Ok(std::env::var(variable).ok().filter(|p| !p.is_empty()));
    }
    ask(&app, lang, move || {
        rfd::AsyncFileDialog::new()
            .set_title(title)
            .add_filter(filter, extensions)
            .pick_file()
    })
    .await
}

/// Shows a native file dialog and awaits the path chosen (`None` when dismissed).
/// GTK wants dialogs created on the main thread, so `dialog` runs there.
async fn ask<F>(
    app: &AppHandle,
    lang: crate::i18n::Lang,
    dialog: impl FnOnce() -> F + Send + 'static,
) -> Result<Option<String>, ErrorPayload>
where
    F: std::future::Future<Output = Option<rfd::FileHandle>> + Send + 'static,
{
    let (sender, receiver) = std::sync::mpsc::channel();
    app.run_on_main_thread(move || {
        let _ = sender.send(dialog());
    })
    .map_err(|err| AppError::Internal(err.to_string()).to_payload(lang))?;
    let chosen = receiver
        .recv()
        .map_err(|err| AppError::Internal(err.to_string()).to_payload(lang))?;
    Ok(chosen
        .await
        .map(|file| file.path().to_string_lossy().into_owned()))
}

/// Asks where to save a file the core will write (a register PDF, a spreadsheet, a
/// bundle: the suggested name's extension decides the filter), suggesting
/// `suggested_name`; `None` when the dialog was dismissed.
#[tauri::command]
pub async fn save_file(
    app: AppHandle,
    core: State<'_, Arc<Gate>>,
    automation: State<'_, Automation>,
    suggested_name: String,
) -> Result<Option<String>, ErrorPayload> {
    let lang = core.lang();
    if automation.0 {
        // QINQING_AUTOMATION_SAVE_QQB for a bundle, …_XLSX for a spreadsheet, when
        // set; the register's path otherwise.
        let by_extension = std::path::Path::new(&suggested_name)
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| format!("{AUTOMATION_SAVE}_{}", e.to_ascii_uppercase()))
            .and_then(|variable| std::env::var(variable).ok());
        return Ok(by_extension
            .or_else(|| std::env::var(AUTOMATION_SAVE).ok())
            .filter(|p| !p.is_empty()));
    }
    let extension = std::path::Path::new(&suggested_name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("pdf")
        .to_ascii_lowercase();
    let (title, filter) = match extension.as_str() {
        "xlsx" => (
            lang.pick("导出表格", "Export a spreadsheet"),
            lang.pick("Excel 工作簿", "Excel workbooks"),
        ),
        "csv" => (
            lang.pick("导出表格", "Export a spreadsheet"),
            lang.pick("CSV 文件", "CSV files"),
        ),
        "qqb" => (
            lang.pick("保存交换包", "Save the bundle"),
            lang.pick("交换包（.qqb）", "Exchange bundles (.qqb)"),
        ),
        "pem" | "der" => (
            lang.pick("导出本局根证书", "Export the bureau's root certificate"),
            lang.pick("证书文件", "Certificate files"),
        ),
        // A register or a printed list.
        _ => (
            lang.pick("保存 PDF 文件", "Save the PDF"),
            lang.pick("PDF 文件", "PDF files"),
        ),
    };
    ask(&app, lang, move || {
        rfd::AsyncFileDialog::new()
            .set_title(title)
            .add_filter(filter, &[extension.as_str()])
            .set_file_name(suggested_name)
            .save_file()
    })
    .await
}

/// Opens a file the app wrote in this run (a register) in the system's viewer, to
/// print it.
/// Under automation nothing is launched.
#[tauri::command]
pub fn open_path(
    core: State<'_, Arc<Gate>>,
    automation: State<'_, Automation>,
    path: String,
) -> Result<(), ErrorPayload> {
    // Only a file this run of the app wrote (a register it saved): never any path or
    // URL a request names.
    if !crate::files::written_this_run(std::path::Path::new(&path)) {
        return Err(AppError::validation(
            [crate::error::PathSegment::Key("path".into())],
            crate::error::Problem::NotWrittenHere,
        )
        .to_payload(core.lang()));
    }
    if automation.0 {
        return Ok(());
    }
    open::that_detached(&path).map_err(|err| {
        AppError::validation(
            [crate::error::PathSegment::Key("path".into())],
            crate::error::Problem::FileUnreadable {
                detail: err.to_string(),
            },
        )
        .to_payload(core.lang())
    })
}
