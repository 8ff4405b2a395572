use serde::Deserialize;
use ts_rs::TS;

use super::{Access, Command};
use crate::core::Core;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::store::audit::{self, AuditProblem, AuditReport};

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
        Ok(audit::verify(&core.reader())?)
    }
}

/// A problem in words, for the CLI and (later) the UI's integrity screen.
pub fn describe(problem: &AuditProblem, lang: Lang) -> String {
    match problem {
        AuditProblem::Gap { expected, found } => lang.pick(
            format!("审计日志缺少第 {expected} 条（下一条为第 {found} 条）"),
            format!("audit row {expected} is missing (the next row is {found})"),
        ),
        AuditProblem::BrokenLink { seq } => lang.pick(
            format!("审计日志第 {seq} 条与前一条的链接被破坏"),
            format!("audit row {seq} does not link to the row before it"),
        ),
        AuditProblem::RowAltered { seq } => lang.pick(
            format!("审计日志第 {seq} 条在写入后被改动"),
            format!("audit row {seq} was changed after it was written"),
        ),
        AuditProblem::EntityAltered { entity, id, last_seq } => lang.pick(
            format!("{entity} “{id}” 与其最后一条审计记录（第 {last_seq} 条）不符，已在程序之外被修改"),
            format!("{entity} “{id}” differs from its last audit row ({last_seq}): it was changed outside the app"),
        ),
        AuditProblem::EntityNotAudited { entity, id } => lang.pick(
            format!("{entity} “{id}” 没有任何审计记录，是在程序之外添加的"),
            format!("{entity} “{id}” has no audit row: it was added outside the app"),
        ),
        AuditProblem::AttachmentAltered { sha256 } => lang.pick(
            format!("附件 {sha256} 的内容已被改动"),
            format!("the content of attachment {sha256} was changed"),
        ),
        AuditProblem::EntityMissing { entity, id, last_seq } => lang.pick(
            format!("{entity} “{id}” 已不存在，但审计记录（第 {last_seq} 条）表明它应当存在"),
            format!("{entity} “{id}” is gone although its audit row ({last_seq}) says it exists"),
        ),
    }
}
