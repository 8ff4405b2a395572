//! Issued registers as the person sees them (department, signers' names, the QR text)
//! and their signed PDF written where the person chose: staged inside the signing's
//! transaction and put in place once it commits.

use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::domain::directory::{Department, DepartmentId};
use crate::error::{fail, AppError, Problem};
use crate::files::chosen::path_unwritable;
use crate::files::Staged;
use crate::keyring::profile_name;
use crate::path;
use crate::store::directory;
use crate::store::registers::IssuedRegister;

/// An issued register as listed.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssuedRegisterView {
    pub id: Uuid,
    pub department_id: DepartmentId,
    pub department: String,
    pub month: String,
    pub manifest_sha256: String,
    pub pdf_sha256: String,
    pub signed_by: String,
    pub signed_at: String,
    #[ts(optional)]
    pub countersigned_by: Option<String>,
    #[ts(optional)]
    pub countersigned_at: Option<String>,
    /// What the register's QR code carries.
    pub qr_text: String,
}

pub fn view(
    conn: &rusqlite::Connection,
    r: &IssuedRegister,
) -> Result<IssuedRegisterView, AppError> {
    Ok(IssuedRegisterView {
        id: r.id,
        department_id: r.department_id,
        department: directory::get::<Department>(conn, r.department_id)?
            .map(|d| d.value.name)
            .unwrap_or_default(),
        month: r.month.clone(),
        manifest_sha256: r.manifest_sha256.clone(),
        pdf_sha256: r.pdf_sha256.clone(),
        signed_by: profile_name(conn, r.signed_by)?,
        signed_at: r.signed_at.clone(),
        countersigned_by: r
            .countersigned_by
            .map(|p| profile_name(conn, p))
            .transpose()?,
        countersigned_at: r.countersigned_at.clone(),
        qr_text: crate::register::pdf::qr_text(&r.id.to_string(), &r.manifest_sha256),
    })
}

/// Writes the PDF where the person chose; a failure is the path field's error.
pub fn save_to(path: Option<&str>, bytes: &[u8]) -> Result<Option<String>, AppError> {
    let Some(staged) = stage_at(path, bytes)? else {
        return Ok(None);
    };
    let target = staged.target().to_string_lossy().into_owned();
    staged.publish().map_err(path_unwritable)?;
    Ok(Some(target))
}

/// Writes a signed PDF beside where the person chose, to be put there once its
/// transaction commits (`publish`): a signing refused at the commit itself leaves no
/// signed file of a register the database does not hold.
pub fn stage_at(path: Option<&str>, bytes: &[u8]) -> Result<Option<Staged>, AppError> {
    let Some(path) = path.map(str::trim) else {
        return Ok(None);
    };
    if path.is_empty() {
        return Err(fail(path!["path"], Problem::Required));
    }
    Ok(Some(
        crate::files::stage(std::path::Path::new(path), bytes).map_err(path_unwritable)?,
    ))
}

/// Puts a committed register's PDF where the person chose. The register is signed
/// whatever happens here; should the rename beside the file just written fail, no
/// path is reported and the PDF is saved again from the list of issued registers.
pub fn publish(staged: Option<Staged>, mut issued: RegisterIssued) -> RegisterIssued {
    issued.path = staged.and_then(|s| {
        let target = s.target().to_string_lossy().into_owned();
        s.publish().ok().map(|()| target)
    });
    issued
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterIssued {
    pub register: IssuedRegisterView,
    /// Where the signed PDF was written, when a path was given.
    #[ts(optional)]
    pub path: Option<String>,
    #[ts(type = "number")]
    pub bytes: u64,
}
