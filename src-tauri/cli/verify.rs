//! `qinqing verify FILE.pdf | --qr TEXT | --trust-root ROOT.pem FILE.pdf`: a register's
//! verdict in words people read, and an exit code scripts test.

use std::io::Write;
use std::path::Path;

use super::context::{failure, io_failure, open_core, write_serialized, CliFailure, GlobalArgs};
use crate::commands::register_issue::{RegisterVerify, RegisterVerifyRequest};
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::register::pdf::inspect;
use crate::register::verify::offline::against_root;
use crate::register::verify::{words, RegisterVerification, Verdict};
use crate::signing::ca;

/// `qinqing verify FILE.pdf | --qr TEXT`: exits 1 unless the register is intact.
pub(crate) fn verify(
    global: &GlobalArgs,
    file: Option<&Path>,
    qr: Option<&str>,
    json: bool,
    stdout: &mut dyn Write,
) -> Result<(), CliFailure> {
    let core = open_core(global)?;
    let lang = core.lang();
    let report = crate::commands::run_checked::<RegisterVerify>(
        &core,
        RegisterVerifyRequest {
            path: file.map(|f| f.to_string_lossy().into_owned()),
            qr_text: qr.map(str::to_owned),
        },
    )
    .map_err(failure(&core))?;
    finish(report, json, lang, stdout)
}

fn read_file(path: &Path, field: &str) -> Result<Vec<u8>, CliFailure> {
    crate::files::chosen::read_chosen_file_as(path, crate::register::verify::MAX_PDF_BYTES, field)
        .map_err(CliFailure::from)
}

/// `qinqing verify --trust-root ROOT.pem FILE.pdf`: no database at all; exits 1 unless
/// what it can check is intact, and says what it could not check.
pub(crate) fn verify_with_root(
    global: &GlobalArgs,
    file: &Path,
    root: &Path,
    json: bool,
    stdout: &mut dyn Write,
) -> Result<(), CliFailure> {
    let lang = global.lang.unwrap_or_default();
    let with_lang = |error: AppError| CliFailure {
        error,
        lang: Some(lang),
    };
    let root_der = ca::read_certificate(&read_file(root, "trustRoot")?).map_err(|_| {
        with_lang(AppError::validation(
            [crate::error::PathSegment::Key("trustRoot".into())],
            Problem::Malformed {
                detail: "X.509 PEM / DER".into(),
            },
        ))
    })?;
    let bytes = read_file(file, "path")?;
    let inspection = inspect::inspect(&bytes).map_err(|_| {
        with_lang(AppError::validation(
            [crate::error::PathSegment::Key("path".into())],
            Problem::NotAPdf,
        ))
    })?;
    let report = against_root(&inspection, &root_der, chrono::Utc::now());
    finish(report, json, lang, stdout)
}

fn finish(
    report: RegisterVerification,
    json: bool,
    lang: Lang,
    stdout: &mut dyn Write,
) -> Result<(), CliFailure> {
    if json {
        write_serialized(stdout, &report)?;
    } else {
        stdout
            .write_all(describe(&report, lang).as_bytes())
            .map_err(io_failure)?;
    }
    if report.verdict == Verdict::Intact {
        Ok(())
    } else {
        Err(CliFailure {
            error: AppError::IntegrityViolated {
                first: words::verdict(report.verdict, lang),
            },
            lang: Some(lang),
        })
    }
}

fn describe(report: &RegisterVerification, lang: Lang) -> String {
    let mut text = format!(
        "{}\n",
        lang.pick(
            format!(
                "登记簿 {} {}：{}",
                report.department.as_deref().unwrap_or("?"),
                report.month.as_deref().unwrap_or("?"),
                words::verdict(report.verdict, lang)
            ),
            format!(
                "register {} {}: {}",
                report.department.as_deref().unwrap_or("?"),
                report.month.as_deref().unwrap_or("?"),
                words::verdict(report.verdict, lang)
            ),
        )
    );
    for s in &report.signatures {
        let state = match s.problem {
            None => lang.pick("有效", "valid"),
            Some(p) => format!(
                "{}（{}）",
                lang.pick("无效", "INVALID"),
                words::signature_problem(p, lang)
            ),
        };
        let who = match &s.known_as {
            Some(name) if s.revoked => lang.pick(
                format!("{name}（签署时密钥已撤销）"),
                format!("{name} (key revoked when it signed)"),
            ),
            Some(name) => name.clone(),
            None => lang.pick(
                "本库未登记的证书",
                "a certificate this database does not know",
            ),
        };
        text.push_str(&format!(
            "  - {} {} {}: {state}; {who}; {}\n",
            s.reason,
            s.signer,
            s.signed_at,
            s.fingerprint.as_deref().unwrap_or("-")
        ));
        if let Some(fault) = s.authority {
            text.push_str(&format!("    ! {}\n", words::authority(fault, lang)));
        }
    }
    if let Some(source) = &report.issued_by {
        text.push_str(&lang.pick(
            format!("  由数据库 {source} 签发，本库经其交换包得知\n"),
            format!("  issued by database {source}, known here through its bundles\n"),
        ));
    }
    if !report.entitled_signers.is_empty() {
        text.push_str(&lang.pick(
            format!("  应由：{}\n", report.entitled_signers.join("、")),
            format!(
                "  should have been: {}\n",
                report.entitled_signers.join(", ")
            ),
        ));
    }
    for item in &report.unchecked {
        let what = words::unchecked(*item, lang);
        text.push_str(&format!("  ? {what}\n"));
    }
    for d in &report.differences {
        let change = words::record_change(d.change, lang);
        let carried = d.carried_by.as_ref().map_or_else(String::new, |c| {
            lang.pick(
                format!("，已列入 {} 登记簿（{}）", c.month, c.register_id),
                format!(
                    "; carried by the register for {} ({})",
                    c.month, c.register_id
                ),
            )
        });
        text.push_str(&format!(
            "  * {} {change} ({:?} → {:?}){carried}\n",
            d.record_id, d.signed_version, d.current_version
        ));
    }
    text
}
