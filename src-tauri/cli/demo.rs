//! `qinqing demo`.

use std::io::Write;

use super::context::{failure, io_failure, open_core, write_serialized, CliFailure, GlobalArgs};
use crate::demo::DemoRequest;

/// `qinqing demo`: the `demo_generate` command's generator, with a progress line on
/// standard error after every committed batch.
pub(crate) fn demo(
    global: &GlobalArgs,
    request: DemoRequest,
    json: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), CliFailure> {
    let core = open_core(global)?;
    let lang = core.lang();
    // The generator runs here with progress reports, but behind the same access
    // check as the `demo_generate` command every other way in goes through.
    crate::commands::admitted::<crate::commands::demo::GenerateDemo>(&core)
        .map_err(failure(&core))?;
    let mut report_progress = |done: u64, total: u64| {
        let percent = (done * 100).checked_div(total).unwrap_or(100);
        let filled = (percent / 5) as usize;
        let bar = format!(
            "[{}{}]",
            "█".repeat(filled),
            "░".repeat(20 - filled.min(20))
        );
        let _ = writeln!(
            stderr,
            "{}",
            lang.pick(
                format!("已提交 {done}/{total} 条（{percent}%） {bar}"),
                format!("committed {done}/{total} records ({percent}%) {bar}"),
            )
        );
    };
    let report = crate::demo::generate(&core, &request, &mut report_progress).map_err(|error| {
        CliFailure {
            error,
            lang: Some(lang),
        }
    })?;
    if json {
        return write_serialized(stdout, &report);
    }
    let mut text = lang.pick(
        format!(
            "演示数据：处室 {}，公职人员 {}，企业及商（协）会 {}，城市 {}；新增登记 {} 条\n",
            report.departments, report.officials, report.counterparts, report.cities, report.records_added
        ),
        format!(
            "demo data: {} departments, {} officials, {} enterprises and associations, {} cities; {} records added\n",
            report.departments, report.officials, report.counterparts, report.cities, report.records_added
        ),
    );
    if report.profiles > 0 {
        text.push_str(&lang.pick(
            format!(
                "演示用户 {} 个，口令均为 {}\n",
                report.profiles,
                crate::demo::DEMO_PASSPHRASE
            ),
            format!(
                "{} demo profiles, each with the passphrase {}\n",
                report.profiles,
                crate::demo::DEMO_PASSPHRASE
            ),
        ));
    }
    stdout.write_all(text.as_bytes()).map_err(io_failure)
}
