//! What the database check found, in the person's language: beside the check, so
//! the CLI (and any screen that shows the report) words it the same way.

use super::integrity::{AuditProblem, AuditReport};
use crate::i18n::Lang;

/// A problem the check found, in words.
pub fn problem(problem: &AuditProblem, lang: Lang) -> String {
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
        AuditProblem::HistoryRewritten {
            checkpoint_seq,
            signed_by,
            signed_at,
            after_seq,
        } => lang.pick(
            format!("审计日志在第 {checkpoint_seq} 条签名检查点（{signed_by} 于 {signed_at} 签署）之前被改写：第 {after_seq} 条之后、第 {checkpoint_seq} 条及以前的记录已不是签署时的样子"),
            format!("the audit log was rewritten before checkpoint {checkpoint_seq} (signed by {signed_by} at {signed_at}): rows after {after_seq}, up to {checkpoint_seq}, are not what was signed"),
        ),
        AuditProblem::CheckpointInvalid { seq } => lang.pick(
            format!("第 {seq} 条签名检查点的签名不成立，或签署人的证书不在本库中"),
            format!("checkpoint {seq} has a signature that does not verify, or a signer this database does not know"),
        ),
        AuditProblem::EntityMissing { entity, id, last_seq } => lang.pick(
            format!("{entity} “{id}” 已不存在，但审计记录（第 {last_seq} 条）表明它应当存在"),
            format!("{entity} “{id}” is gone although its audit row ({last_seq}) says it exists"),
        ),
    }
}

/// The checkpoints in words: how many, the newest that holds, the unsigned tail.
pub fn checkpoint_summary(report: &AuditReport, lang: Lang) -> String {
    let mut text = lang.pick(
        format!("签名检查点：已核验 {} 个", report.checkpoints),
        format!("signed checkpoints: {} checked", report.checkpoints),
    );
    if let Some(last) = &report.last_checkpoint {
        text.push_str(&lang.pick(
            format!(
                "；最新成立的为第 {} 条（{}，{}）",
                last.seq, last.signed_by, last.signed_at
            ),
            format!(
                "; the newest that holds is row {} ({}, {})",
                last.seq, last.signed_by, last.signed_at
            ),
        ));
    }
    text.push_str(&lang.pick(
        format!("；其后 {} 条尚无人签名确认\n", report.unsigned_tail),
        format!(
            "; {} rows after it are not yet vouched for by any signature\n",
            report.unsigned_tail
        ),
    ));
    text
}
