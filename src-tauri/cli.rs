//! The headless command line: the same core and the same command list as the window.
//!
//! Exit codes: 0 success, 1 the command failed (a JSON error on stderr),
//! 2 the command line itself is wrong (clap's usage message).

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};

use crate::commands::audit::{checkpoint_summary, describe, AuditVerify};
use crate::commands::{self, session, COMMANDS};
use crate::core::{os_actor, Core};
use crate::demo::DemoRequest;
use crate::error::AppError;
use crate::gate::Gate;
use crate::i18n::Lang;
use crate::paths::{DataLocation, DB_ENV};
use crate::store::keyslots::{KeyError, RecoveryKey};

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

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// 数据库文件（默认在系统的应用数据目录）/ Database file (default: the platform's app-data directory)
    #[arg(long, global = true, env = DB_ENV, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// 界面与消息语言 / Language of messages: zh-CN or en (default: the saved setting)
    #[arg(long, global = true, env = "QINQING_LANG", value_parser = parse_lang, value_name = "LANG")]
    pub lang: Option<Lang>,
    /// 以该用户身份操作（工号、姓名或用户编号）；口令从提示输入或环境变量 QINQING_PASSPHRASE 读取
    /// / Act as this profile (staff number, name or profile id); the passphrase comes from a
    /// prompt or the QINQING_PASSPHRASE environment variable, never from the command line
    #[arg(long = "as", global = true, value_name = "PROFILE")]
    pub as_profile: Option<String>,
    /// 用恢复密钥文件打开加密数据库（全部口令遗忘时）/ Open the encrypted database with the
    /// recovery key kept in this file (when every passphrase is forgotten)
    #[arg(long, global = true, value_name = "FILE")]
    pub recovery_key_file: Option<PathBuf>,
    /// For end-to-end tests (their launcher passes it): file dialogs then take their
    /// answer from `QINQING_AUTOMATION_PICK` instead of a native dialog.
    #[arg(long, hide = true)]
    pub automation: bool,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// 运行一条核心命令并输出 JSON / Run a core command on a JSON request and print its JSON response
    Call(CallArgs),
    /// 审计日志 / The audit log
    #[command(subcommand)]
    Audit(AuditCommand),
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
    Register(RegisterCommand),
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
    Bundle(crate::cli_bundle::BundleCommand),
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
    Ca(crate::cli_register::CaCommand),
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

#[derive(Debug, Args)]
pub struct CallArgs {
    /// 列出全部命令及其请求、响应结构 / List every command with its request and response shapes
    #[arg(long, conflicts_with_all = ["command", "request"])]
    pub list: bool,
    /// 以 JSON 输出命令列表 / With --list: print the list as JSON
    #[arg(long, requires = "list")]
    pub json: bool,
    /// 命令名，如 app_info / Command name, e.g. app_info
    #[arg(required_unless_present = "list")]
    pub command: Option<String>,
    /// JSON 请求（默认 {}；“-” 表示从标准输入读取）/ JSON request (default {}; "-" reads standard input)
    pub request: Option<String>,
}

fn parse_lang(tag: &str) -> Result<Lang, String> {
    Lang::from_tag(tag).ok_or_else(|| format!("unknown language “{tag}”: use zh-CN or en"))
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
        CliCommand::Call(args) if args.list => list(args.json, stdout),
        CliCommand::Call(args) => call(global, args, stdin, stdout),
        CliCommand::Audit(AuditCommand::Verify { json }) => {
            audit_verify(global, json, stdout, stderr)
        }
        CliCommand::Demo {
            records,
            seed,
            batch,
            profiles,
            json,
        } => demo(
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
        CliCommand::Register(command) => crate::cli_register::run(global, command, stdout),
        CliCommand::Bundle(command) => crate::cli_bundle::run(global, command, stdout),
        CliCommand::ImportXlsx {
            file,
            department,
            dry_run,
            skip_rejected,
        } => crate::cli_bundle::import_xlsx(
            global,
            &file,
            &department,
            dry_run,
            skip_rejected,
            stdout,
        ),
        CliCommand::Export {
            format,
            out,
            from,
            to,
        } => open_core(global).and_then(|core| {
            let request = serde_json::json!({
                "filter": {"from": from, "to": to},
                "format": format,
                "path": out.to_string_lossy(),
            });
            let done = commands::dispatch(&core, "records_export", request).map_err(|error| {
                CliFailure {
                    error,
                    lang: Some(core.lang()),
                }
            })?;
            write_json(stdout, &done)
        }),
        CliCommand::Print { id, out } => open_core(global).and_then(|core| {
            let request = serde_json::json!({"id": id, "path": out.to_string_lossy()});
            let done =
                commands::dispatch(&core, "record_print", request).map_err(|error| CliFailure {
                    error,
                    lang: Some(core.lang()),
                })?;
            write_json(stdout, &done)
        }),
        CliCommand::Backup { out } => open_core(global).and_then(|core| {
            let made = crate::commands::run_checked::<crate::commands::backup::BackupCreate>(
                &core,
                crate::commands::backup::BackupCreateRequest {
                    path: out.map(|p| p.to_string_lossy().into_owned()),
                },
            )
            .map_err(|error| CliFailure {
                error,
                lang: Some(core.lang()),
            })?;
            write_serialized(stdout, &made)
        }),
        CliCommand::Restore {
            file,
            dry_run,
            confirm_loss,
            backup_recovery_key_file,
        } => open_core(global).and_then(|core| {
            let lang = Some(core.lang());
            let recovery_key = backup_recovery_key_file
                .map(|path| {
                    commands::read_chosen_file_as(&path, 4096, "recoveryKeyFile")
                        .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned().into())
                })
                .transpose()
                .map_err(|error| CliFailure { error, lang })?;
            let report = crate::commands::run_checked::<crate::commands::backup::Restore>(
                &core,
                crate::commands::backup::RestoreRequest {
                    path: file.to_string_lossy().into_owned(),
                    dry_run,
                    confirm_loss,
                    // A backup of this database opens with its key; one of another key
                    // with the --as passphrase (when set in the environment: no second
                    // prompt) or the backup's recovery key.
                    passphrase: std::env::var(PASSPHRASE_ENV).ok().map(Into::into),
                    recovery_key,
                },
            )
            .map_err(|error| CliFailure {
                error,
                lang: Some(core.lang()),
            })?;
            write_serialized(stdout, &report)
        }),
        CliCommand::Verify {
            file,
            qr: _,
            trust_root: Some(root),
            json,
        } => crate::cli_register::verify_with_root(
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
        } => crate::cli_register::verify(global, file.as_deref(), qr.as_deref(), json, stdout),
        CliCommand::Ca(command) => crate::cli_register::ca(global, command, stdout),
        CliCommand::Findings {
            month,
            department,
            as_of,
            json,
        } => open_core(global).and_then(|core| {
            crate::cli_findings::print(&core, &month, department.as_deref(), as_of, json, stdout)
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

/// An error, with the language of the core that produced it when one was open.
pub(crate) struct CliFailure {
    pub(crate) error: AppError,
    pub(crate) lang: Option<Lang>,
}

impl From<AppError> for CliFailure {
    fn from(error: AppError) -> Self {
        CliFailure { error, lang: None }
    }
}

fn call(
    global: &GlobalArgs,
    args: CallArgs,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
) -> Result<(), CliFailure> {
    let name = args.command.unwrap_or_default();
    // Refuse an unknown command before touching (or creating) any database.
    if commands::find(&name).is_none() {
        return Err(AppError::UnknownCommand { name }.into());
    }
    let text = match args.request.as_deref() {
        None => "{}".to_owned(),
        Some("-") => {
            let mut text = String::new();
            stdin
                .read_to_string(&mut text)
                .map_err(|err| bad_request(&name, err.to_string()))?;
            text
        }
        Some(text) => text.to_owned(),
    };
    let request: serde_json::Value =
        serde_json::from_str(&text).map_err(|err| bad_request(&name, err.to_string()))?;
    let gate = open_gate(global)?;
    let response = gate.call(&name, request).map_err(|error| CliFailure {
        error,
        lang: Some(gate.lang()),
    })?;
    write_json(stdout, &response)
}

/// The database behind its door, opened with what the command line gives: the
/// recovery key file, or `--as` and the passphrase (which also signs the profile in).
pub(crate) fn open_gate(global: &GlobalArgs) -> Result<Gate, CliFailure> {
    let location = DataLocation::resolve(global.db.as_deref()).ok_or(AppError::NoDataDirectory)?;
    let gate = Gate::open(location, global.lang, os_actor())?;
    let fail = |error| CliFailure {
        error,
        lang: Some(gate.lang()),
    };
    if let Some(file) = global.recovery_key_file.as_deref() {
        let bytes = commands::read_chosen_file_as(file, 4096, "recoveryKeyFile").map_err(fail)?;
        let key = std::str::from_utf8(&bytes)
            .ok()
            .and_then(RecoveryKey::parse)
            .ok_or(KeyError::WrongRecoveryKey)
            .map_err(|e| fail(e.into()))?;
        gate.recover(&key).map_err(fail)?;
    }
    if let Some(who) = global.as_profile.as_deref() {
        let profile = match gate.core() {
            Some(core) => session::find_profile(&core, who),
            None => gate.find_holder(who),
        }
        .map_err(fail)?;
        let passphrase = passphrase(gate.lang()).map_err(fail)?;
        match gate.core() {
            Some(core) => session::sign_in(&core, profile, &passphrase).map(|_| ()),
            None => gate.sign_in(profile, &passphrase).map(|_| ()),
        }
        .map_err(fail)?;
    }
    Ok(gate)
}

/// The open database for a command that needs it: a locked one is refused (sign in
/// with `--as`).
pub(crate) fn open_core(global: &GlobalArgs) -> Result<Arc<Core>, CliFailure> {
    let gate = open_gate(global)?;
    gate.core().ok_or_else(|| CliFailure {
        error: KeyError::Locked.into(),
        lang: Some(gate.lang()),
    })
}

/// The passphrase from `QINQING_PASSPHRASE`, else asked for without echo.
pub(crate) fn passphrase(lang: Lang) -> Result<crate::signing::Secret, AppError> {
    match std::env::var(PASSPHRASE_ENV) {
        Ok(value) => Ok(value.into()),
        Err(_) => rpassword::prompt_password(lang.pick("口令 / Passphrase: ", "Passphrase: "))
            .map(crate::signing::Secret::from)
            .map_err(|err| AppError::Internal(format!("cannot read the passphrase: {err}"))),
    }
}

/// Where the CLI takes a passphrase from when it must not prompt (scripts, tests).
pub const PASSPHRASE_ENV: &str = "QINQING_PASSPHRASE";

/// `qinqing audit verify`: the `audit_verify` command, with a verdict people can read
/// and an exit code scripts can test.
fn audit_verify(
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
    let report = crate::store::audit::verify_with_progress(&core.reader(), &mut |rows| {
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
            text.push_str(&format!("  - {}\n", describe(problem, lang)));
        }
        stdout.write_all(text.as_bytes()).map_err(io_failure)?;
    }
    if report.problems.is_empty() {
        Ok(())
    } else {
        Err(CliFailure {
            error: AppError::IntegrityViolated {
                first: describe(&report.problems[0], lang),
            },
            lang: Some(lang),
        })
    }
}

/// `qinqing demo`: the `demo_generate` command's generator, with a progress line on
/// standard error after every committed batch.
fn demo(
    global: &GlobalArgs,
    request: DemoRequest,
    json: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), CliFailure> {
    let core = open_core(global)?;
    let lang = core.lang();
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

fn list(json: bool, stdout: &mut dyn Write) -> Result<(), CliFailure> {
    if json {
        let list: Vec<serde_json::Value> = COMMANDS
            .iter()
            .map(|entry| {
                serde_json::json!({
                    "name": entry.name,
                    "summary": entry.summary,
                    "request": entry.request(),
                    "response": entry.response(),
                })
            })
            .collect();
        return write_json(stdout, &serde_json::Value::Array(list));
    }
    let mut text = String::new();
    for entry in COMMANDS {
        let (request, response) = (entry.request(), entry.response());
        text.push_str(&format!(
            "{}\n    {}\n    request  {} = {}\n    response {} = {}\n",
            entry.name, entry.summary, request.name, request.shape, response.name, response.shape
        ));
    }
    stdout.write_all(text.as_bytes()).map_err(io_failure)
}

pub(crate) fn write_serialized(
    stdout: &mut dyn Write,
    value: &impl serde::Serialize,
) -> Result<(), CliFailure> {
    let value = serde_json::to_value(value).map_err(|err| AppError::Internal(err.to_string()))?;
    write_json(stdout, &value)
}

fn write_json(stdout: &mut dyn Write, value: &serde_json::Value) -> Result<(), CliFailure> {
    let text =
        serde_json::to_string_pretty(value).map_err(|err| AppError::Internal(err.to_string()))?;
    writeln!(stdout, "{text}").map_err(io_failure)
}

fn bad_request(command: &str, detail: String) -> CliFailure {
    AppError::BadRequest {
        command: command.to_owned(),
        detail,
    }
    .into()
}

pub(crate) fn io_failure(err: std::io::Error) -> CliFailure {
    AppError::Internal(format!("cannot write output: {err}")).into()
}
