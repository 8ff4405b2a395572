//! `qinqing ca export|create|show`: the bureau's root certificate.

use std::io::Write;

use super::context::{failure, open_core, write_serialized, CliFailure, GlobalArgs};

#[derive(Debug, clap::Subcommand)]
pub enum CaCommand {
    /// 导出本局根证书，供上级或纪检部门离线核验（pdfsig、pyHanko 或 qinqing verify --trust-root）
    /// / Export the bureau's root certificate, for superiors and inspectors to verify registers offline
    Export {
        /// 输出文件 / Output file
        #[arg(long, value_name = "ROOT.pem")]
        out: std::path::PathBuf,
        /// 以 DER（二进制）输出，默认 PEM / Write DER (binary) instead of PEM
        #[arg(long)]
        der: bool,
    },
    /// 为早于根证书建立的数据库创建本局根证书并重新签发全部证书（管理员，需 --as 及口令）
    /// / Create the bureau's root for a database made before it existed and certify every profile (an administrator, with --as)
    Create,
    /// 显示本局根证书 / Show the bureau's root certificate
    Show,
}

/// `qinqing ca export|create|show`.
pub(crate) fn ca(
    global: &GlobalArgs,
    command: CaCommand,
    stdout: &mut dyn Write,
) -> Result<(), CliFailure> {
    use crate::commands::ca::{
        CaCreate, CaCreateRequest, CaExport, CaExportRequest, CaGet, CaGetRequest,
        CertificateFormat,
    };
    let core = open_core(global)?;
    let failure = failure(&core);
    match command {
        CaCommand::Export { out, der } => {
            let done = crate::commands::run_checked::<CaExport>(
                &core,
                CaExportRequest {
                    path: out.to_string_lossy().into_owned(),
                    format: if der {
                        CertificateFormat::Der
                    } else {
                        CertificateFormat::Pem
                    },
                },
            )
            .map_err(failure)?;
            write_serialized(stdout, &done)
        }
        CaCommand::Create => {
            let passphrase = super::context::passphrase(core.lang()).map_err(&failure)?;
            let done =
                crate::commands::run_checked::<CaCreate>(&core, CaCreateRequest { passphrase })
                    .map_err(failure)?;
            write_serialized(stdout, &done)
        }
        CaCommand::Show => {
            let done =
                crate::commands::run_checked::<CaGet>(&core, CaGetRequest {}).map_err(failure)?;
            write_serialized(stdout, &done)
        }
    }
}
