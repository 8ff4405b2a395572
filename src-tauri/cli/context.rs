//! What every subcommand shares: the global arguments, the database opened as the command line says (a
//! recovery key file, or `--as` and the passphrase), the failure it reports in the
//! language of the core that produced it, and JSON output.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use crate::commands::session;
use crate::core::{os_actor, Core};
use crate::error::AppError;
use crate::gate::Gate;
use crate::i18n::Lang;
use crate::paths::{DataLocation, DB_ENV};
use crate::store::keyslots::{KeyError, RecoveryKey};

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

fn parse_lang(tag: &str) -> Result<Lang, String> {
    Lang::from_tag(tag).ok_or_else(|| format!("unknown language “{tag}”: use zh-CN or en"))
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

/// Reports a core's refusal in that core's language.
pub(crate) fn failure(core: &Core) -> impl Fn(AppError) -> CliFailure + Copy + '_ {
    move |error| CliFailure {
        error,
        lang: Some(core.lang()),
    }
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
        let bytes = crate::files::chosen::read_chosen_file_as(file, 4096, "recoveryKeyFile")
            .map_err(fail)?;
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

pub(crate) fn write_serialized(
    stdout: &mut dyn Write,
    value: &impl serde::Serialize,
) -> Result<(), CliFailure> {
    let value = serde_json::to_value(value).map_err(|err| AppError::Internal(err.to_string()))?;
    write_json(stdout, &value)
}

pub(crate) fn write_json(
    stdout: &mut dyn Write,
    value: &serde_json::Value,
) -> Result<(), CliFailure> {
    let text =
        serde_json::to_string_pretty(value).map_err(|err| AppError::Internal(err.to_string()))?;
    writeln!(stdout, "{text}").map_err(io_failure)
}

pub(crate) fn bad_request(command: &str, detail: String) -> CliFailure {
    AppError::BadRequest {
        command: command.to_owned(),
        detail,
    }
    .into()
}

pub(crate) fn io_failure(err: std::io::Error) -> CliFailure {
    AppError::Internal(format!("cannot write output: {err}")).into()
}
