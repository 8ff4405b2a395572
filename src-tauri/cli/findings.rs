//! `qinqing findings --month YYYY-MM [--department …] [--json]`: the `list_findings`
//! command for people and scripts.

use std::io::Write;

use chrono::NaiveDate;

use super::context::{io_failure, write_serialized, CliFailure};
use crate::commands::findings::{ListFindings, ListFindingsRequest};
use crate::core::Core;
use crate::domain::directory::{Department, DepartmentId};
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::store::directory;

pub fn print(
    core: &Core,
    month: &str,
    department: Option<&str>,
    as_of: Option<NaiveDate>,
    json: bool,
    stdout: &mut dyn Write,
) -> Result<(), CliFailure> {
    let lang = core.lang();
    let failure = |error: AppError| CliFailure {
        error,
        lang: Some(lang),
    };
    let department_id = department
        .map(|text| resolve_department(core, text))
        .transpose()
        .map_err(failure)?;
    let found = crate::commands::run_checked::<ListFindings>(
        core,
        ListFindingsRequest {
            month: month.to_owned(),
            department_id,
            as_of,
        },
    )
    .map_err(failure)?;
    if json {
        return write_serialized(stdout, &found);
    }
    let c = found.counts;
    let mut text = lang.pick(
        format!(
            "{} 合规检查（截至 {}）：违规 {}，提醒 {}，提示 {}\n",
            found.month, found.as_of, c.violations, c.warnings, c.notes
        ),
        format!(
            "{} compliance (as of {}): {} violations, {} warnings, {} notes\n",
            found.month, found.as_of, c.violations, c.warnings, c.notes
        ),
    );
    for record in &found.records {
        let (zh, en) = record.kind.describe();
        let kind = lang.pick(zh, en);
        text.push_str(&format!(
            "{} {kind} {}
",
            record.date, record.record_id
        ));
        for f in &record.findings {
            let (zh, en) = f.severity.describe();
            let severity = lang.pick(zh, en);
            let message = lang.pick(&f.message.zh, &f.message.en);
            text.push_str(&format!(
                "  [{severity}] {} {} — {message}\n",
                f.citation.clause,
                f.rule.tag()
            ));
        }
    }
    stdout.write_all(text.as_bytes()).map_err(io_failure)
}

/// A department by id, or by its exact name.
pub(crate) fn resolve_department(core: &Core, text: &str) -> Result<DepartmentId, AppError> {
    if let Ok(id) = DepartmentId::parse_str(text.trim()) {
        return Ok(id);
    }
    let reader = core.reader();
    directory::list::<Department>(&reader, false)?
        .into_iter()
        .find(|d| d.value.name == text.trim())
        .map(|d| d.id)
        .ok_or_else(|| fail(path!["department"], Problem::UnknownReference))
}
