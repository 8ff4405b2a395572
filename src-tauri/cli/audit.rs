//! `qinqing audit verify`.

use std::io::Write;

use clap::Subcommand;

use super::context::{io_failure, open_core, write_serialized, CliFailure, GlobalArgs};
use crate::commands::audit::AuditVerify;
use crate::error::AppError;
use crate::store::integrity_words::{self, checkpoint_summary};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// 校验审计日志的哈希链及全部数据是否与最后审计状态一致；不一致时退出码为 1，并指出第一处问题
    /// / Check the hash chain and that all data equals its last audited state; exit 1 naming the first problem otherwise
    Verify {
        /// 以 JSON 输出 / Print the report as JSON
        #[arg(long)]
        json: bool,
    },
}

/// `qinqing audit verify`: the `audit_verify` command, with a verdict people can read
/// and an exit code scripts can test.
pub(crate) fn audit_verify(
    global: &GlobalArgs,
    json: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), CliFailure> {
    let core = open_core(global)?;
    let lang = core.lang();
    let failed = |error| CliFailure {
        error,
        lang: Some(lang),
    };
    crate::commands::admitted::<AuditVerify>(&core).map_err(failed)?;
    // A progress line on stderr: a million records' log takes a while.
    let report = crate::store::integrity::verify_with_progress(&core.reader(), &mut |rows| {
        let line = lang.pick(
            format!("已校验 {rows} 条审计记录…\n"),
            format!("{rows} audit rows checked…\n"),
        );
        let _ = stderr.write_all(line.as_bytes());
    })
    .map_err(|e| failed(e.into()))?;
    if json {
        write_serialized(stdout, &report)?;
    } else {
        let verdict = if report.problems.is_empty() {
            lang.pick("完好", "intact")
        } else {
            lang.pick("发现问题", "PROBLEMS FOUND")
        };
        let mut text = lang.pick(
            format!(
                "审计日志：{verdict}；共 {} 条，链头 #{} {}\n",
                report.rows_checked, report.head.seq, report.head.hash
            ),
            format!(
                "audit log: {verdict}; {} rows, head #{} {}\n",
                report.rows_checked, report.head.seq, report.head.hash
            ),
        );
        text.push_str(&checkpoint_summary(&report, lang));
        for problem in &report.problems {
            text.push_str(&format!(
                "  - {}\n",
                integrity_words::problem(problem, lang)
            ));
        }
        stdout.write_all(text.as_bytes()).map_err(io_failure)?;
    }
    if report.problems.is_empty() {
        Ok(())
    } else {
        Err(CliFailure {
            error: AppError::IntegrityViolated {
                first: integrity_words::problem(&report.problems[0], lang),
            },
            lang: Some(lang),
        })
    }
}
