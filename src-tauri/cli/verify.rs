//! `qinqing verify FILE.pdf | --qr TEXT | --trust-root ROOT.pem FILE.pdf`: a register's
//! verdict in words people read, and an exit code scripts test.

use std::io::Write;
use std::path::Path;

use super::context::{failure, io_failure, open_core, write_serialized, CliFailure, GlobalArgs};
use crate::commands::register_issue::{RegisterVerify, RegisterVerifyRequest};
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::register::pdf::inspect;
use crate::register::verify::{
    against_root, AuthorityFault, RecordChange, RegisterVerification, SignatureProblem, Unchecked,
    Verdict,
};
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
                first: verdict_text(report.verdict, lang),
            },
            lang: Some(lang),
        })
    }
}

pub fn verdict_text(verdict: Verdict, lang: Lang) -> String {
    match verdict {
        Verdict::Intact => lang.pick(
            "完好：签名有效，记录与数据库一致",
            "intact: signatures valid, records as in the database",
        ),
        Verdict::Unsigned => lang.pick("未签署", "not signed"),
        Verdict::Tampered => lang.pick(
            "签名无效或文档在签署后被改动",
            "a signature does not hold or the document was changed after signing",
        ),
        Verdict::UnknownSigner => lang.pick(
            "签名成立，但签署人的证书不是本局根证书签发的、不在本库名录中，或签署时已撤销",
            "the signatures hold, but a signer's certificate was not issued by the bureau's root, is not in this directory, or was revoked when it signed",
        ),
        Verdict::RecordsChanged => lang.pick(
            "签名有效，但数据库中的记录已与签署时不同",
            "signatures valid, but the records in the database differ from what was signed",
        ),
        Verdict::NoManifest => lang.pick(
            "签名有效，但文档没有完整可读的登记清单",
            "signatures valid, but the document has no well-formed manifest",
        ),
        Verdict::ChangedAfter => lang.pick(
            "签署后文档被添加或改动了会签以外的内容（批注、表单域、页面等）",
            "after signing, something other than the countersignature was added or changed (an annotation, a form field, a page…)",
        ),
        Verdict::WrongSigner => lang.pick(
            "签署人无权在此处签名：签署须由该处室负责人、会签须由分管领导",
            "a signer had no authority for their place: the department's head signs, a leader in charge countersigns",
        ),
        Verdict::NotIssuedHere => lang.pick(
            "签名成立，但本库没有签发这份登记簿，所收交换包中也没有签发它的记载（清单或签署版本与存档不一致）",
            "the signatures hold, but neither this database nor any whose bundles it received issued this register (its manifest or signed revision is not on record)",
        ),
        Verdict::HistoryRewritten => lang.pick(
            "审计日志已被改写：签署时的日志链头已不在本库中",
            "the audit log was rewritten: the chain head the register was signed over is no longer in it",
        ),
    }
}

fn authority_text(fault: AuthorityFault, lang: Lang) -> String {
    match fault {
        AuthorityFault::ExtraSignature => lang.pick(
            "登记簿只有签署与会签两个签名，此签名多余",
            "a register has two signatures (sign, countersign); this one is extra",
        ),
        AuthorityFault::WrongField => lang.pick(
            "签名域名称或用途与其位置不符",
            "the field's name or reason does not match its place",
        ),
        AuthorityFault::NameMismatch => lang.pick(
            "签名中写的姓名不是证书持有人",
            "the name written in the signature is not the certificate's holder",
        ),
        AuthorityFault::WrongRole => lang.pick(
            "签名时持有人不具备此位置所需的职务",
            "the holder did not have the role this place needs when it was signed",
        ),
        AuthorityFault::WrongDepartment => lang.pick(
            "持有人是其他处室的负责人",
            "the holder headed another department",
        ),
    }
}

fn problem_text(problem: SignatureProblem, lang: Lang) -> String {
    match problem {
        SignatureProblem::Altered => {
            lang.pick("签名所覆盖的内容已被改动", "the signed bytes were changed")
        }
        SignatureProblem::Malformed => {
            lang.pick("签名结构损坏", "the signature structure is damaged")
        }
        SignatureProblem::Unsupported => {
            lang.pick("签名算法不受支持", "unsupported signature algorithms")
        }
        SignatureProblem::ChangedAfter => lang.pick(
            "签署后文档被改动（不仅是追加签名）",
            "the document was changed after this signature (beyond adding signatures)",
        ),
        SignatureProblem::NotWholeDocument => lang.pick(
            "签名未覆盖整个文档（其后追加了内容）",
            "the signature does not cover the whole document (bytes were appended)",
        ),
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
                verdict_text(report.verdict, lang)
            ),
            format!(
                "register {} {}: {}",
                report.department.as_deref().unwrap_or("?"),
                report.month.as_deref().unwrap_or("?"),
                verdict_text(report.verdict, lang)
            ),
        )
    );
    for s in &report.signatures {
        let state = match s.problem {
            None => lang.pick("有效", "valid"),
            Some(p) => format!(
                "{}（{}）",
                lang.pick("无效", "INVALID"),
                problem_text(p, lang)
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
            text.push_str(&format!("    ! {}\n", authority_text(fault, lang)));
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
        let what = match item {
            Unchecked::Registry => lang.pick(
                "未核验：是否确由本局签发（需本局数据库）",
                "not checked: that the bureau issued this register (needs its database)",
            ),
            Unchecked::Revocation => lang.pick(
                "未核验：签署时密钥是否已撤销（按签署人自述时间判断证书有效期）",
                "not checked: whether a key was revoked when it signed (certificates judged at the time the signer claims)",
            ),
            Unchecked::History => lang.pick(
                "未核验：审计日志是否被改写",
                "not checked: whether the audit history was rewritten",
            ),
            Unchecked::Records => lang.pick(
                "未核验：所列记录是否仍与签署时一致",
                "not checked: whether the records still stand as signed",
            ),
            Unchecked::DepartmentLeader => lang.pick(
                "未核验：会签人是否为该处室指定的分管领导",
                "not checked: whether the countersigning leader is the one the department names",
            ),
        };
        text.push_str(&format!("  ? {what}\n"));
    }
    for d in &report.differences {
        let change = match d.change {
            RecordChange::Changed => lang.pick("已修改", "changed"),
            RecordChange::Cancelled => lang.pick("已作废", "cancelled"),
            RecordChange::Added => lang.pick(
                "签署后补登，尚未列入已签署的登记簿",
                "registered after signing, not yet in a signed register",
            ),
            RecordChange::Late => lang.pick("签署后补登", "registered late"),
            RecordChange::Missing => lang.pick("本库中不存在", "missing here"),
        };
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
