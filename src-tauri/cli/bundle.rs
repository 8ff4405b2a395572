//! `qinqing bundle export|import`: exchange bundles from the command line, through
//! the same commands (and access checks) as the window.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;

use super::context::{
    failure, io_failure, open_core, passphrase, write_serialized, CliFailure, GlobalArgs,
};
use crate::bundle::import::Resolution;
use crate::commands::bundle::{
    BundleExport, BundleExportRequest, DirectoryBundleExport, DirectoryBundleExportRequest,
};
use crate::commands::bundle_import::{BundleImport, BundleImportRequest};
use crate::commands::run_checked;
use crate::domain::records::RecordId;
use crate::domain::records::RecordKind;
use crate::error::AppError;
use crate::store::exchange::Selection;

#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// 把登记导出为签名交换包（需 --as 及口令）/ Export records to a signed bundle (with --as and the passphrase)
    Export {
        /// 输出文件 / Output file
        #[arg(long, value_name = "FILE.qqb")]
        out: PathBuf,
        /// 起始日期 / From this day
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<chrono::NaiveDate>,
        /// 截止日期 / To this day
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<chrono::NaiveDate>,
        /// 只导出这些类别 / Only these kinds
        #[arg(long = "kind", value_parser = ["trip", "meal", "gift", "contact"])]
        kinds: Vec<String>,
        /// 只导出尚未导出过的版本 / Only versions no earlier bundle carried
        #[arg(long)]
        new_only: bool,
    },
    /// 导出全部名录（含人员证书、标准）供各分机导入 / Export the whole directory (with certificates and standards) for the spokes
    ExportDirectory {
        /// 输出文件 / Output file
        #[arg(long, value_name = "FILE.qqb")]
        out: PathBuf,
    },
    /// 导入交换包：全部导入或全部不导入；--dry-run 只报告 / Import a bundle, all or nothing; --dry-run only reports
    Import {
        /// 交换包文件 / The bundle file
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        /// 冲突的处理：记录编号=keepMine|takeTheirs|keepBoth（可重复）/ A conflict's resolution: RECORD-ID=keepMine|takeTheirs|keepBoth (repeatable)
        #[arg(long = "resolve", value_name = "ID=CHOICE")]
        resolve: Vec<String>,
        /// 认可指纹为此值的签名人或（名录交换包的）本局根证书，即试运行报告的 fingerprintToCompare（与导出方核对后）/ Accept the signer, or a directory bundle's bureau root, whose certificate has this fingerprint: the dry run's fingerprintToCompare (after comparing it with the exporter)
        #[arg(long, value_name = "SHA256")]
        trust: Option<String>,
    },
}

pub(crate) fn run(
    global: &GlobalArgs,
    command: BundleCommand,
    stdout: &mut dyn Write,
) -> Result<(), CliFailure> {
    let core = open_core(global)?;
    let fail = failure(&core);
    match command {
        BundleCommand::Export {
            out,
            from,
            to,
            kinds,
            new_only,
        } => {
            let kinds = kinds
                .iter()
                .map(|k| serde_json::from_value::<RecordKind>(serde_json::Value::String(k.clone())))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| fail(AppError::Internal(e.to_string())))?;
            let done = run_checked::<BundleExport>(
                &core,
                BundleExportRequest {
                    selection: Selection {
                        from,
                        to,
                        kinds,
                        not_yet_exported: new_only,
                    },
                    path: out.to_string_lossy().into_owned(),
                    passphrase: passphrase(core.lang()).map_err(fail)?,
                },
            )
            .map_err(fail)?;
            write_serialized(stdout, &done)
        }
        BundleCommand::ExportDirectory { out } => {
            let done = run_checked::<DirectoryBundleExport>(
                &core,
                DirectoryBundleExportRequest {
                    path: out.to_string_lossy().into_owned(),
                    passphrase: passphrase(core.lang()).map_err(fail)?,
                },
            )
            .map_err(fail)?;
            write_serialized(stdout, &done)
        }
        BundleCommand::Import {
            file,
            dry_run,
            resolve,
            trust,
        } => {
            let resolutions = resolutions(&resolve).map_err(fail)?;
            let report = run_checked::<BundleImport>(
                &core,
                BundleImportRequest {
                    path: file.to_string_lossy().into_owned(),
                    dry_run,
                    resolutions,
                    trust_fingerprint: trust,
                },
            )
            .map_err(fail)?;
            write_serialized(stdout, &report)?;
            stdout.flush().map_err(io_failure)
        }
    }
}

fn resolutions(given: &[String]) -> Result<HashMap<RecordId, Resolution>, AppError> {
    given
        .iter()
        .map(|pair| {
            let (id, choice) = pair.split_once('=').ok_or_else(|| bad(pair))?;
            let id = RecordId::parse_str(id.trim()).map_err(|_| bad(pair))?;
            let choice: Resolution =
                serde_json::from_value(serde_json::Value::String(choice.trim().to_owned()))
                    .map_err(|_| bad(pair))?;
            Ok((id, choice))
        })
        .collect()
}

fn bad(pair: &str) -> AppError {
    AppError::BadRequest {
        command: "bundle import".into(),
        detail: format!("--resolve {pair}: expected RECORD-ID=keepMine|takeTheirs|keepBoth"),
    }
}
