use serde::Deserialize;
use ts_rs::TS;

use super::command::{Access, Command};
use crate::core::Core;
use crate::error::AppError;
use crate::store::integrity::{self, AuditReport};

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AuditVerifyRequest {}

pub struct AuditVerify;

impl Command for AuditVerify {
    const NAME: &'static str = "audit_verify";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "Check the audit log's hash chain and that all data equals its last audited state";
    type Request = AuditVerifyRequest;
    type Response = AuditReport;

    fn run(core: &Core, _request: AuditVerifyRequest) -> Result<AuditReport, AppError> {
        Ok(integrity::verify(&core.reader())?)
    }
}
