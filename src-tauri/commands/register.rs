//! Register commands: the register of a department and month as it would be signed
//! now, with what still blocks signing and its manifest hash.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::command::{Access, Command};
use crate::core::Core;
use crate::domain::directory::DepartmentId;
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::register::{self, manifest, Register};

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterPreviewRequest {
    pub department_id: DepartmentId,
    /// `YYYY-MM`.
    pub month: String,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterPreview {
    pub register: Register,
    /// Nothing registered and no amendments: 本月无登记事项.
    pub nil: bool,
    /// SHA-256 of the canonical manifest of what the register states now.
    pub manifest_sha256: String,
}

pub struct RegisterPreviewCommand;

impl Command for RegisterPreviewCommand {
    const NAME: &'static str = "register_preview";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "A department's monthly register as it stands: sections, totals, findings, blockers, manifest hash";
    type Request = RegisterPreviewRequest;
    type Response = RegisterPreview;

    fn run(core: &Core, request: RegisterPreviewRequest) -> Result<RegisterPreview, AppError> {
        let reader = core.reader();
        let register =
            register::build(&reader, request.department_id, &request.month, core.today())?;
        let (_, manifest_sha256) = manifest::digest(&register);
        Ok(RegisterPreview {
            nil: register.is_nil(),
            register,
            manifest_sha256,
        })
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterDraftRequest {
    pub department_id: DepartmentId,
    /// `YYYY-MM`.
    pub month: String,
    /// Where to write the PDF (chosen with the system save dialog, or given on the
    /// command line).
    pub path: String,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterDraft {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub manifest_sha256: String,
    pub nil: bool,
    /// Records still to be approved before the register can be signed.
    pub blockers: u32,
}

/// The month's register as it stands, and its PDF marked as an unsigned draft.
fn draft(
    core: &Core,
    department_id: DepartmentId,
    month: &str,
) -> Result<(Register, Vec<u8>), AppError> {
    let register = {
        let reader = core.reader();
        register::build(&reader, department_id, month, core.today())?
    };
    let pdf = register::pdf::render(
        &register,
        &register::pdf::Issue {
            register_id: "草稿",
            generated_at: core.now(),
            draft: true,
        },
    )
    .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((register, pdf))
}

pub struct RegisterDraftCommand;

impl Command for RegisterDraftCommand {
    const NAME: &'static str = "register_draft_pdf";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "Write a department's monthly register as an unsigned draft PDF (to read and check before signing)";
    type Request = RegisterDraftRequest;
    type Response = RegisterDraft;

    fn run(core: &Core, request: RegisterDraftRequest) -> Result<RegisterDraft, AppError> {
        let path = crate::files::chosen::chosen_path(&request.path)?;
        let (register, bytes) = draft(core, request.department_id, &request.month)?;
        let (_, manifest_sha256) = manifest::digest(&register);
        crate::files::write_atomic(&path, &bytes).map_err(crate::files::chosen::path_unwritable)?;
        Ok(RegisterDraft {
            path: path.to_string_lossy().into_owned(),
            bytes: bytes.len() as u64,
            manifest_sha256,
            nil: register.is_nil(),
            blockers: register.blockers.len() as u32,
        })
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterPdfRequest {
    /// An issued register's PDF as it stands (signed, countersigned)…
    #[serde(default)]
    #[ts(optional)]
    pub register_id: Option<Uuid>,
    /// …or the draft of a department's month.
    #[serde(default)]
    #[ts(optional)]
    pub department_id: Option<DepartmentId>,
    #[serde(default)]
    #[ts(optional)]
    pub month: Option<String>,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterPdf {
    /// The PDF, base64, for the in-app preview (the webview cannot open files).
    pub base64: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub draft: bool,
}

pub struct RegisterPdfCommand;

impl Command for RegisterPdfCommand {
    const NAME: &'static str = "register_pdf";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "A register's PDF for the preview: an issued one as stored, or a month's unsigned draft";
    type Request = RegisterPdfRequest;
    type Response = RegisterPdf;

    fn run(core: &Core, request: RegisterPdfRequest) -> Result<RegisterPdf, AppError> {
        let (bytes, draft) = match (request.register_id, request.department_id, request.month) {
            (Some(id), _, _) => {
                let reader = core.reader();
                let pdf = crate::store::registers::pdf(&reader, id)?
                    .ok_or_else(|| crate::store::StoreError::not_found("register", id))?;
                (pdf, false)
            }
            (None, Some(department_id), Some(month)) => {
                (draft(core, department_id, &month)?.1, true)
            }
            (None, None, _) => return Err(fail(path!["departmentId"], Problem::Required)),
            (None, Some(_), None) => return Err(fail(path!["month"], Problem::Required)),
        };
        use base64::Engine;
        Ok(RegisterPdf {
            base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
            bytes: bytes.len() as u64,
            draft,
        })
    }
}
