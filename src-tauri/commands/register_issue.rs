//! Issued registers: signing a department's month (the head) and countersigning it
//! (the leader in charge) — the rules are `register::issue` —, the list of issued
//! registers, saving one again, and verifying a register PDF (or the text of its QR
//! code) against the database.

use serde::Deserialize;
use ts_rs::TS;
use uuid::Uuid;

use super::command::{Access, Command};
use crate::core::Core;
use crate::domain::access::Action;
use crate::domain::directory::DepartmentId;
use crate::domain::validation::month_range;
use crate::error::AppError;
use crate::register::issue;
use crate::register::issued::{
    publish, save_to, stage_at, view, IssuedRegisterView, RegisterIssued,
};
use crate::register::verify::{self, RegisterVerification};
use crate::store::registers::{self};
use crate::store::StoreError;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterSignRequest {
    pub department_id: DepartmentId,
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
    pub department_id: Option<DepartmentId>,
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
        verify::source::verify(
            &core.reader(),
            request.path.as_deref(),
            request.qr_text.as_deref(),
        )
    }
}
