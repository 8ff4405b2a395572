//! The headless command line: the same core and the same command list as the window.
//!
//! Exit codes: 0 success, 1 the command failed (a JSON error on stderr),
//! 2 the command line itself is wrong (clap's usage message).
//!
//! This file holds the arguments and the dispatch; each subcommand lives in its own
//! file, and what they share (the global arguments, the database opened as they say,
//! the failure and the JSON output) in `context`. Subcommands import only `context`
//! and, for a department named as people name it, `findings`.

mod audit;
mod bundle;
mod ca;
mod call;
mod context;
mod demo;
mod files;
mod findings;
mod import_xlsx;
mod register;
mod verify;

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::demo::DemoRequest;
use context::{open_core, CliFailure};

pub use context::{GlobalArgs, PASSPHRASE_ENV};

/// 亲清政商交往登记 Qinqing Register.
///
/// 不带子命令时启动桌面程序；带子命令时在命令行中运行。
/// With no subcommand it starts the desktop app; with one it runs headless.
#[derive(Debug, Parser)]
#[command(name = "qinqing", version, about, long_about)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// 运行一条核心命令并输出 JSON / Run a core command on a JSON request and print its JSON response
    Call(call::CallArgs),
    /// 审计日志 / The audit log
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// 生成演示数据（虚构单位，可重复）/ Add demo data: invented organisations, the same for the same seed
    Demo {
        /// 记录条数 / How many records to add
        #[arg(long, default_value_t = 1000)]
        records: u64,
        /// 随机种子 / Seed
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// 每个事务提交的条数 / Records per transaction
        #[arg(long)]
        batch: Option<u64>,
        /// 同时为第一个处室建立演示用户及审核记录 / Also create demo profiles and a review history for the first department
        #[arg(long)]
        profiles: bool,
        /// 以 JSON 输出结果 / Print the report as JSON
        #[arg(long)]
        json: bool,
    },
    /// 月度登记簿 / The monthly register
    #[command(subcommand)]
    Register(register::RegisterCommand),
    /// 把登记记录导出为 XLSX 或 CSV（中文表头），或打印为 PDF 列表 / Export records to XLSX or CSV (Chinese headers), or print them as a PDF list
    Export {
        /// xlsx、csv 或 pdf / xlsx, csv or pdf
        #[arg(long, value_parser = ["xlsx", "csv", "pdf"])]
        format: String,
        /// 输出文件 / Output file
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// 起始日期 / From this day
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<chrono::NaiveDate>,
        /// 截止日期 / To this day
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<chrono::NaiveDate>,
    },
    /// 打印一条登记的全部内容为 PDF（字段、费用、合规提示、附件、变更与审核记录）/ Print one record whole as a PDF
    Print {
        /// 记录编号 / The record's id
        #[arg(long)]
        id: uuid::Uuid,
        /// 输出文件 / Output file
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 交换包：离线笔记本与办公室之间传递登记 / Exchange bundles: records between a field laptop and the office
    #[command(subcommand)]
    Bundle(bundle::BundleCommand),
    /// 导入现有 Excel 登记表（按表头自动对应各列）：先 --dry-run 查看每行结果；有无法导入的行时须加 --skip-rejected
    /// / Import an existing Excel register (columns mapped from its header): --dry-run lists every row's outcome; rows that cannot be taken need --skip-rejected
    ImportXlsx {
        /// Excel 文件 / The workbook
        file: PathBuf,
        /// 所属处室（名称或编号）/ The department (name or id)
        #[arg(long)]
        department: String,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        skip_rejected: bool,
    },
    /// 立即备份整个数据库（默认写入数据目录下的 backups 文件夹）/ Back up the whole database now (by default into the backups folder beside it)
    Backup {
        /// 备份文件 / The backup file
        #[arg(long, value_name = "FILE.sqlite3")]
        out: Option<PathBuf>,
    },
    /// 检查备份（完整性、结构版本、审计链）并恢复；被替换的数据库先另存为备份 / Check a backup (integrity, schema, audit chain) and restore it; the replaced database is kept as a backup first
    Restore {
        /// 备份文件 / The backup file
        file: PathBuf,
        /// 只检查，不恢复 / Only check it; change nothing
        #[arg(long)]
        dry_run: bool,
        /// 确认恢复后将丢失备份中没有的已签名操作（--dry-run 会列出）/ Confirm losing the signed acts the backup does not keep (--dry-run lists them)
        #[arg(long)]
        confirm_loss: bool,
        /// 另一数据库密钥下的备份：其恢复密钥文件（否则用 --as 的口令，若在该备份中）
        /// / For a backup under another database key: the file with its recovery key
        /// (otherwise the --as passphrase opens it, when that person has a slot in it)
        #[arg(long, value_name = "FILE")]
        backup_recovery_key_file: Option<PathBuf>,
    },
    /// 核验登记簿 PDF（或其二维码内容）：签名、文档完整性、与数据库是否一致；不一致时退出码为 1
    /// / Verify a register PDF (or its QR text): signatures, the whole document, the records against the database; exit 1 unless intact
    Verify {
        /// 登记簿 PDF 文件 / The register PDF
        #[arg(required_unless_present = "qr", conflicts_with = "qr")]
        file: Option<PathBuf>,
        /// 二维码内容 / The text of the register's QR code
        #[arg(long)]
        qr: Option<String>,
        /// 不用数据库，只凭本局根证书（PEM 或 DER）核验签名与签署人职务；并列出无法核验的项目
        /// / Verify without a database, with only the bureau's root certificate (PEM or DER): signatures and signers' roles; lists what it cannot check
        #[arg(long, value_name = "ROOT.pem", conflicts_with = "qr")]
        trust_root: Option<PathBuf>,
        /// 以 JSON 输出 / Print as JSON
        #[arg(long)]
        json: bool,
    },
    /// 本局根证书 / The bureau's root certificate
    #[command(subcommand)]
    Ca(ca::CaCommand),
    /// 列出某月登记事项的合规问题及所依条款 / List a month's compliance findings with the clauses they rest on
    Findings {
        /// 月份 YYYY-MM / The month, YYYY-MM
        #[arg(long)]
        month: String,
        /// 处室（名称或编号）/ Department (name or id)
        #[arg(long)]
        department: Option<String>,
        /// 判断日期（默认今天）/ Judge as of this day (default today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<chrono::NaiveDate>,
        /// 以 JSON 输出 / Print as JSON
        #[arg(long)]
        json: bool,
    },
}

/// Runs a parsed subcommand, printing to the given streams; returns the exit code.
pub fn run(
    global: &GlobalArgs,
    command: CliCommand,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> ExitCode {
    let lang = global.lang.unwrap_or_default();
    let result = match command {
        CliCommand::Call(args) if args.list => call::list(args.json, stdout),
        CliCommand::Call(args) => call::call(global, args, stdin, stdout),
        CliCommand::Audit(audit::AuditCommand::Verify { json }) => {
            audit::audit_verify(global, json, stdout, stderr)
        }
        CliCommand::Demo {
            records,
            seed,
            batch,
            profiles,
            json,
        } => demo::demo(
            global,
            DemoRequest {
                records,
                seed,
                batch,
                profiles: Some(profiles),
            },
            json,
            stdout,
            stderr,
        ),
        CliCommand::Register(command) => register::run(global, command, stdout),
        CliCommand::Bundle(command) => bundle::run(global, command, stdout),
        CliCommand::ImportXlsx {
            file,
            department,
            dry_run,
            skip_rejected,
        } => import_xlsx::import_xlsx(global, &file, &department, dry_run, skip_rejected, stdout),
        CliCommand::Export {
            format,
            out,
            from,
            to,
        } => files::export(global, &format, &out, from, to, stdout),
        CliCommand::Print { id, out } => files::print(global, id, &out, stdout),
        CliCommand::Backup { out } => files::backup(global, out, stdout),
        CliCommand::Restore {
            file,
            dry_run,
            confirm_loss,
            backup_recovery_key_file,
        } => files::restore(
            global,
            &file,
            dry_run,
            confirm_loss,
            backup_recovery_key_file,
            stdout,
        ),
        CliCommand::Verify {
            file,
            qr: _,
            trust_root: Some(root),
            json,
        } => verify::verify_with_root(
            global,
            file.as_deref().unwrap_or(std::path::Path::new("")),
            &root,
            json,
            stdout,
        ),
        CliCommand::Verify {
            file,
            qr,
            trust_root: None,
            json,
        } => verify::verify(global, file.as_deref(), qr.as_deref(), json, stdout),
        CliCommand::Ca(command) => ca::ca(global, command, stdout),
        CliCommand::Findings {
            month,
            department,
            as_of,
            json,
        } => open_core(global).and_then(|core| {
            findings::print(&core, &month, department.as_deref(), as_of, json, stdout)
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliFailure { error, lang: used }) => {
            let payload = error.to_payload(used.unwrap_or(lang));
            let _ = writeln!(
                stderr,
                "{}",
                serde_json::to_string(&payload).unwrap_or_else(|_| payload.message.clone())
            );
            ExitCode::FAILURE
        }
    }
}
