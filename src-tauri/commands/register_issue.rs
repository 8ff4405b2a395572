//! Issued registers: signing a department's month (the head) and countersigning it
//! (the leader in charge) — the rules are `register::issue` —, the list of issued
//! registers, saving one again, and verifying a register PDF (or the text of its QR
//! code) against the database.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::{Access, Command};
use crate::core::Core;
use crate::domain::access::Action;
use crate::domain::directory::Department;
use crate::domain::validation::month_range;
use crate::error::{fail, AppError, Problem};
use crate::files::Staged;
use crate::keyring::profile_name;
use crate::path;
use crate::register::issue;
use crate::register::pdf::inspect;
use crate::register::verify::{self, RegisterVerification};
use crate::store::registers::{self, IssuedRegister};
use crate::store::{directory, StoreError};

/// An issued register as listed.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssuedRegisterView {
    pub id: Uuid,
    pub department_id: Uuid,
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

fn view(conn: &rusqlite::Connection, r: &IssuedRegister) -> Result<IssuedRegisterView, AppError> {
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
fn save_to(path: Option<&str>, bytes: &[u8]) -> Result<Option<String>, AppError> {
    let Some(staged) = stage_at(path, bytes)? else {
        return Ok(None);
    };
    let target = staged.target().to_string_lossy().into_owned();
    staged.publish().map_err(super::path_unwritable)?;
    Ok(Some(target))
}

/// Writes a signed PDF beside where the person chose, to be put there once its
/// transaction commits (`publish`): a signing refused at the commit itself leaves no
/// signed file of a register the database does not hold.
fn stage_at(path: Option<&str>, bytes: &[u8]) -> Result<Option<Staged>, AppError> {
    let Some(path) = path.map(str::trim) else {
        return Ok(None);
    };
    if path.is_empty() {
        return Err(fail(path!["path"], Problem::Required));
    }
    Ok(Some(
        crate::files::stage(std::path::Path::new(path), bytes).map_err(super::path_unwritable)?,
    ))
}

/// Puts a committed register's PDF where the person chose. The register is signed
/// whatever happens here; should the rename beside the file just written fail, no
/// path is reported and the PDF is saved again from the list of issued registers.
fn publish(staged: Option<Staged>, mut issued: RegisterIssued) -> RegisterIssued {
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

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterSignRequest {
    pub department_id: Uuid,
    /// `YYYY-MM`.
    pub month: String,
    #[ts(type = "string")]
    pub passphrase: crate::signing::Secret,
    /// Where to write the signed PDF (the system save dialog's choice).
    #[serde(default)]
    #[ts(optional)]
    pub path: Option<String>,
}

pub struct RegisterSign;

impl Command for RegisterSign {
    const NAME: &'static str = "register_sign";
    const ACCESS: Access = Access::PerSubject;
    const SUMMARY: &'static str =
        "Sign a department's monthly register (every record approved): PDF signature, records locked";
    type Request = RegisterSignRequest;
    type Response = RegisterIssued;

    fn run(core: &Core, request: RegisterSignRequest) -> Result<RegisterIssued, AppError> {
        let month = request.month.trim().to_owned();
        month_range(&month)?;
        let stamp = core.stamp();
        let (issued, staged) = core.store().write(|tx| {
            let actor = core.actor(tx)?.ok_or(AppError::SignInRequired)?;
            let signed = issue::sign(
                tx,
                &stamp,
                &actor,
                request.department_id,
                &month,
                core.today(),
                &request.passphrase,
            )?;
            // Written last, inside the transaction: a file that cannot be written
            // leaves the register unsigned and the records unlocked.
            let staged = stage_at(request.path.as_deref(), &signed.pdf)?;
            let issued = RegisterIssued {
                register: view(tx, &signed.register)?,
                path: None,
                bytes: signed.pdf.len() as u64,
            };
            Ok::<_, AppError>((issued, staged))
        })?;
        Ok(publish(staged, issued))
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterCountersignRequest {
    pub register_id: Uuid,
    #[ts(type = "string")]
    pub passphrase: crate::signing::Secret,
    #[serde(default)]
    #[ts(optional)]
    pub path: Option<String>,
}

pub struct RegisterCountersign;

impl Command for RegisterCountersign {
    const NAME: &'static str = "register_countersign";
    const ACCESS: Access = Access::Needs(Action::CountersignRegister);
    const SUMMARY: &'static str =
        "Countersign an issued register (the leader in charge): a second PDF signature appended";
    type Request = RegisterCountersignRequest;
    type Response = RegisterIssued;

    fn run(core: &Core, request: RegisterCountersignRequest) -> Result<RegisterIssued, AppError> {
        let stamp = core.stamp();
        let (issued, staged) = core.store().write(|tx| {
            let actor = core.actor(tx)?.ok_or(AppError::SignInRequired)?;
            let signed =
                issue::countersign(tx, &stamp, &actor, request.register_id, &request.passphrase)?;
            let staged = stage_at(request.path.as_deref(), &signed.pdf)?;
            let issued = RegisterIssued {
                register: view(tx, &signed.register)?,
                path: None,
                bytes: signed.pdf.len() as u64,
            };
            Ok::<_, AppError>((issued, staged))
        })?;
        Ok(publish(staged, issued))
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterListRequest {
    /// One department's, or every department's.
    #[serde(default)]
    #[ts(optional)]
    pub department_id: Option<Uuid>,
}

pub struct RegisterList;

impl Command for RegisterList {
    const NAME: &'static str = "register_list";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str = "The issued (signed) registers, newest month first";
    type Request = RegisterListRequest;
    type Response = Vec<IssuedRegisterView>;

    fn run(core: &Core, request: RegisterListRequest) -> Result<Vec<IssuedRegisterView>, AppError> {
        let conn = &*core.reader();
        registers::list(conn, request.department_id)?
            .iter()
            .map(|r| view(conn, r))
            .collect()
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterSaveRequest {
    pub register_id: Uuid,
    pub path: String,
}

pub struct RegisterSave;

impl Command for RegisterSave {
    const NAME: &'static str = "register_save";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "Write an issued register's PDF (as signed and countersigned) to a file; audited";
    type Request = RegisterSaveRequest;
    type Response = RegisterIssued;

    fn run(core: &Core, request: RegisterSaveRequest) -> Result<RegisterIssued, AppError> {
        let stamp = core.stamp();
        core.store().write(|tx| {
            let issued = registers::get(tx, request.register_id)?
                .ok_or_else(|| StoreError::not_found("register", request.register_id))?;
            let pdf = registers::pdf(tx, issued.id)?.unwrap_or_default();
            registers::exported(tx, &stamp, issued.id)?;
            let path = save_to(Some(&request.path), &pdf)?;
            Ok(RegisterIssued {
                register: view(tx, &issued)?,
                path,
                bytes: pdf.len() as u64,
            })
        })
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterVerifyRequest {
    /// A register PDF to check.
    #[serde(default)]
    #[ts(optional)]
    pub path: Option<String>,
    /// Or the text of a register's QR code (`qinqing-register:<id>:<manifest sha-256>`):
    /// the register this database issued is checked.
    #[serde(default)]
    #[ts(optional)]
    pub qr_text: Option<String>,
}

pub struct RegisterVerify;

impl Command for RegisterVerify {
    const NAME: &'static str = "register_verify";
    const ACCESS: Access = Access::Needs(Action::VerifyRegister);
    const SUMMARY: &'static str =
        "Verify a register PDF or QR text: each signature, the whole document, the records against the database";
    type Request = RegisterVerifyRequest;
    type Response = RegisterVerification;

    fn run(core: &Core, request: RegisterVerifyRequest) -> Result<RegisterVerification, AppError> {
        let (bytes, expected_manifest) = match (&request.path, &request.qr_text) {
            (Some(path), None) => {
                let path = path.trim();
                if path.is_empty() {
                    return Err(fail(path!["path"], Problem::Required));
                }
                let bytes = super::read_chosen_file(
                    std::path::Path::new(path),
                    crate::register::verify::MAX_PDF_BYTES,
                )?;
                (bytes, None)
            }
            (None, Some(text)) => {
                let (id, sha) = parse_qr(text)?;
                let reader = core.reader();
                let issued = registers::get(&reader, id)?
                    .filter(|r| r.manifest_sha256 == sha)
                    .ok_or_else(|| fail(path!["qrText"], Problem::RegisterUnknown))?;
                let pdf = registers::pdf(&reader, id)?.unwrap_or_default();
                (pdf, Some(issued.manifest_sha256))
            }
            _ => return Err(fail(path!["path"], Problem::Required)),
        };
        let inspection = inspect::inspect(&bytes).map_err(|_| {
            let field = if request.path.is_some() {
                "path"
            } else {
                "qrText"
            };
            fail(path![field], Problem::NotAPdf)
        })?;
        let reader = core.reader();
        let mut verification = verify::against_database(&reader, &inspection, &bytes)?;
        if expected_manifest.is_some() && expected_manifest != verification.manifest_sha256 {
            verification.verdict = verify::Verdict::Tampered;
        }
        Ok(verification)
    }
}

/// `qinqing-register:<uuid>:<64 hex>`.
fn parse_qr(text: &str) -> Result<(Uuid, String), AppError> {
    let malformed = || {
        fail(
            path!["qrText"],
            Problem::Malformed {
                detail: "qinqing-register:<id>:<sha256>".into(),
            },
        )
    };
    let rest = text
        .trim()
        .strip_prefix("qinqing-register:")
        .ok_or_else(malformed)?;
    let (id, sha) = rest.split_once(':').ok_or_else(malformed)?;
    let id = Uuid::parse_str(id).map_err(|_| malformed())?;
    if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(malformed());
    }
    Ok((id, sha.to_ascii_lowercase()))
}
