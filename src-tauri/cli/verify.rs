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
use crate::register::verify::words::{self, Remark};
use crate::register::verify::{RegisterVerification, SignatureReport, Verdict};
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
        text.push_str(&signature_line(s, lang));
        if let Some(fault) = s.authority {
            text.push_str(&format!("    ! {}\n", words::authority(fault, lang)));
        }
    }
    if let Some(source) = &report.issued_by {
        text.push_str(&format!("  {}\n", words::issued_by(source, lang)));
    }
    if !report.entitled_signers.is_empty() {
        let separator = lang.pick("、", ", ");
        let names = report.entitled_signers.join(&separator);
        text.push_str(&format!("  {}\n", words::entitled(&names, lang)));
    }
    for item in &report.unchecked {
        let what = words::unchecked(*item, lang);
        text.push_str(&format!("  ? {what}\n"));
    }
    for d in &report.differences {
        let change = words::record_change(d.change, lang);
        let carried = d.carried_by.as_ref().map_or_else(String::new, |c| {
            let carried = words::carried_by(&c.month, lang);
            format!("; {carried} ({})", c.register_id)
        });
        let versions = match (d.signed_version, d.current_version) {
            (Some(signed), Some(current)) => {
                let words = words::versions(&signed.to_string(), &current.to_string(), lang);
                format!(" ({words})")
            }
            _ => String::new(),
        };
        text.push_str(&format!(
            "  * {} {change}{versions}{carried}\n",
            d.record_id
        ));
    }
    text
}

/// One signature: its place, signer and time, its state and what is known of its key.
fn signature_line(s: &SignatureReport, lang: Lang) -> String {
    let mut state = if s.valid {
        words::remark(Remark::Valid, lang)
    } else {
        words::remark(Remark::Invalid, lang)
    };
    if let Some(problem) = s.problem {
        state.push_str(&format!(" ({})", words::signature_problem(problem, lang)));
    }
    if let Some(change) = &s.later_change {
        state.push_str(&format!(" ({})", words::later_change(change, lang)));
    }
    let mut who = match &s.known_as {
        Some(name) => name.clone(),
        None => words::remark(Remark::UnknownCertificate, lang),
    };
    for (applies, remark) in [
        (s.revoked, Remark::Revoked),
        (s.from_bureau_root == Some(false), Remark::NotFromRoot),
    ] {
        if applies {
            who.push_str(&format!(" ({})", words::remark(remark, lang)));
        }
    }
    let mut line = format!(
        "  - {} {} {}: {state}; {who}; {}\n",
        s.reason,
        s.signer,
        s.signed_at,
        s.fingerprint.as_deref().unwrap_or("-")
    );
    if let Some(at) = &s.recorded_at {
        line.push_str(&format!("    {}\n", words::recorded_at(at, lang)));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::pdf::revisions::LaterChange;
    use crate::register::verify::{CarriedBy, RecordChange, RecordDifference};
    use uuid::Uuid;

    /// A countersignature whose key was revoked, from outside the root, followed by an
    /// added annotation: every remark the window shows for it, the CLI prints too.
    #[test]
    fn a_signature_line_says_what_the_window_says_of_it() {
        let signature = SignatureReport {
            reason: "会签".into(),
            signer: "钱局长".into(),
            signed_at: "2026-04-01T09:00:00+00:00".into(),
            recorded_at: Some("2026-04-01T09:00:05+00:00".into()),
            valid: false,
            problem: None,
            later_change: Some(LaterChange::ObjectAdded { object: 17 }),
            covers_whole: false,
            subject: None,
            fingerprint: Some("ab12".into()),
            known_as: None,
            holder_role: None,
            revoked: true,
            from_bureau_root: Some(false),
            slot: None,
            authority: None,
        };
        let ui = words::typescript();
        for lang in [Lang::ZhCn, Lang::En] {
            let line = signature_line(&signature, lang);
            let said = [
                words::remark(Remark::Invalid, lang),
                words::remark(Remark::UnknownCertificate, lang),
                words::remark(Remark::Revoked, lang),
                words::remark(Remark::NotFromRoot, lang),
                words::recorded_at("2026-04-01T09:00:05+00:00", lang),
                words::later_change(&LaterChange::ObjectAdded { object: 17 }, lang),
            ];
            for words in said {
                assert!(line.contains(&words), "{lang:?}: {words:?} not in {line}");
            }
            // The window's template, filled, is what the CLI printed.
            let template = words::later_change(&LaterChange::ObjectAdded { object: 1 }, lang)
                .replace('1', "{object}");
            assert!(ui.contains(&template), "{template} not generated");
            assert!(line.contains(&template.replace("{object}", "17")), "{line}");
        }
    }

    /// A record amended after signing and carried by a later register: its versions
    /// in words (not `Some(1)`), and the register that carries it, as the window says.
    #[test]
    fn a_changed_record_is_described_in_the_window_s_words() {
        let record = crate::domain::records::RecordId::from_uuid(Uuid::nil());
        let report = RegisterVerification {
            verdict: Verdict::RecordsChanged,
            department_id: None,
            department: Some("综合处".into()),
            month: Some("2026-03".into()),
            manifest_sha256: None,
            register_id: None,
            issued_by: None,
            pages: 1,
            signatures: Vec::new(),
            entitled_signers: Vec::new(),
            differences: vec![RecordDifference {
                record_id: record,
                change: RecordChange::Changed,
                signed_version: Some(1),
                current_version: Some(2),
                carried_by: Some(CarriedBy {
                    register_id: Uuid::nil(),
                    month: "2026-04".into(),
                }),
            }],
            unchecked: Vec::new(),
        };
        for lang in [Lang::ZhCn, Lang::En] {
            let text = describe(&report, lang);
            for words in [
                words::verdict(Verdict::RecordsChanged, lang),
                words::record_change(RecordChange::Changed, lang),
                words::versions("1", "2", lang),
                words::carried_by("2026-04", lang),
            ] {
                assert!(text.contains(&words), "{lang:?}: {words:?} not in {text}");
            }
            assert!(!text.contains("Some("), "{text}");
        }
        assert!(words::typescript()
            .contains("versions: \"version {signed} when signed, now {current}\""));
    }
}
