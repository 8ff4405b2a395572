//! `qinqing register draft|sign|countersign`: the register commands for people and
//! scripts, with the department named as people name it.

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;

use super::context::{failure, io_failure, open_core, passphrase, CliFailure, GlobalArgs};
use crate::commands::register::{RegisterDraftCommand, RegisterDraftRequest};
use crate::commands::register_issue::{
    RegisterCountersign, RegisterCountersignRequest, RegisterSign, RegisterSignRequest,
};
use crate::i18n::Lang;
use crate::register::issued::RegisterIssued;

#[derive(Debug, Subcommand)]
pub enum RegisterCommand {
    /// 输出某处室某月登记簿的未签署草稿 PDF / Write a department's monthly register as an unsigned draft PDF
    Draft {
        /// 处室（名称或编号）/ Department (name or id)
        #[arg(long)]
        department: String,
        /// 月份 YYYY-MM / The month, YYYY-MM
        #[arg(long)]
        month: String,
        /// 输出文件 / Output file
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// 签署某处室某月登记簿（处室负责人，需 --as 及口令），输出签名 PDF / Sign a department's monthly register (the head, with --as and the passphrase) and write the signed PDF
    Sign {
        /// 处室（名称或编号）/ Department (name or id)
        #[arg(long)]
        department: String,
        /// 月份 YYYY-MM / The month, YYYY-MM
        #[arg(long)]
        month: String,
        /// 输出文件 / Output file
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// 会签已签署的登记簿（分管领导），输出会签后的 PDF / Countersign an issued register (the leader in charge) and write the PDF
    Countersign {
        /// 登记簿编号 / The register's id
        #[arg(long)]
        register: uuid::Uuid,
        /// 输出文件 / Output file
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
}

pub(crate) fn run(
    global: &GlobalArgs,
    command: RegisterCommand,
    stdout: &mut dyn Write,
) -> Result<(), CliFailure> {
    let core = open_core(global)?;
    let lang = core.lang();
    let fail = failure(&core);
    let text = match command {
        RegisterCommand::Draft {
            department,
            month,
            out,
        } => {
            let department_id =
                super::findings::resolve_department(&core, &department).map_err(&fail)?;
            let draft = crate::commands::run_checked::<RegisterDraftCommand>(
                &core,
                RegisterDraftRequest {
                    department_id,
                    month,
                    path: out.to_string_lossy().into_owned(),
                },
            )
            .map_err(&fail)?;
            lang.pick(
                format!(
                    "已写出登记簿草稿（未签署）：{}，{} 字节；清单摘要 {}；尚待审核 {} 条\n",
                    draft.path, draft.bytes, draft.manifest_sha256, draft.blockers
                ),
                format!(
                    "wrote the draft register (unsigned): {}, {} bytes; manifest {}; {} records still to approve\n",
                    draft.path, draft.bytes, draft.manifest_sha256, draft.blockers
                ),
            )
        }
        RegisterCommand::Sign {
            department,
            month,
            out,
        } => {
            let department_id =
                super::findings::resolve_department(&core, &department).map_err(&fail)?;
            let issued = crate::commands::run_checked::<RegisterSign>(
                &core,
                RegisterSignRequest {
                    department_id,
                    month,
                    passphrase: passphrase(lang).map_err(&fail)?,
                    path: Some(out.to_string_lossy().into_owned()),
                },
            )
            .map_err(&fail)?;
            issued_text(&issued, lang.pick("已签署", "signed"), lang)
        }
        RegisterCommand::Countersign { register, out } => {
            let issued = crate::commands::run_checked::<RegisterCountersign>(
                &core,
                RegisterCountersignRequest {
                    register_id: register,
                    passphrase: passphrase(lang).map_err(&fail)?,
                    path: Some(out.to_string_lossy().into_owned()),
                },
            )
            .map_err(&fail)?;
            issued_text(&issued, lang.pick("已会签", "countersigned"), lang)
        }
    };
    stdout.write_all(text.as_bytes()).map_err(io_failure)
}

fn issued_text(issued: &RegisterIssued, done: String, lang: Lang) -> String {
    let r = &issued.register;
    let path = issued.path.as_deref().unwrap_or("");
    lang.pick(
        format!(
            "{done}登记簿 {} {} {}：{path}，{} 字节\n编号 {}\n清单摘要 {}\n二维码 {}\n",
            r.department, r.month, r.signed_by, issued.bytes, r.id, r.manifest_sha256, r.qr_text
        ),
        format!(
            "{done} the register of {} {} ({}): {path}, {} bytes\nid {}\nmanifest {}\nQR {}\n",
            r.department, r.month, r.signed_by, issued.bytes, r.id, r.manifest_sha256, r.qr_text
        ),
    )
}
