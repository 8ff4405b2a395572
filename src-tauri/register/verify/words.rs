//! The words for what verifying a register found — the verdict, a signature's problem,
//! a signer's authority, what was not checked, how a record differs, what is said beside
//! a signature or a record (its state, its certificate, a change after it) — in both
//! languages. The one source: `qinqing verify` prints them, and `make bindings` writes
//! them to `ui/src/api/bindings/verificationWords.ts`, which the UI's catalogues use.

use serde::Serialize;

use super::authority::AuthorityFault;
use super::records::RecordChange;
use super::report::{SignatureProblem, Unchecked, Verdict};
use crate::domain::typescript::{by_language, header, literal, object, tag};
use crate::i18n::Lang;
use crate::register::pdf::revisions::LaterChange;

pub fn verdict(verdict: Verdict, lang: Lang) -> String {
    let (zh, en) = match verdict {
        Verdict::Intact => (
            "完好：签名有效，所列记录与数据库一致",
            "Intact: signatures valid, the records as in the database",
        ),
        Verdict::Unsigned => (
            "未签署：这不是已签署的登记簿（可能是草稿，或签名已被删除）",
            "Not signed: this is not a signed register (a draft, or its signatures were removed)",
        ),
        Verdict::Tampered => (
            "无效：签名不成立，或文档在签署后被改动",
            "INVALID: a signature does not hold, or the document was changed after signing",
        ),
        Verdict::UnknownSigner => (
            "签名成立，但签署人的证书不是本局根证书签发的、不在本库名录中，或签署时该密钥已撤销",
            "The signatures hold, but a signer's certificate was not issued by the bureau's root, is not in this directory, or its key was revoked when it signed",
        ),
        Verdict::RecordsChanged => (
            "签名有效，但以下记录在签署后有变化",
            "Signatures valid, but these records changed after signing",
        ),
        Verdict::NoManifest => (
            "签名有效，但文档中没有完整可读的登记清单",
            "Signatures valid, but the document carries no well-formed manifest",
        ),
        Verdict::ChangedAfter => (
            "无效：签署后文档被添加或改动了会签以外的内容（批注、表单域、页面等）",
            "INVALID: after signing, something other than the countersignature was added or changed (an annotation, a form field, a page…)",
        ),
        Verdict::WrongSigner => (
            "无效：签署人无权在此处签名（签署须由该处室负责人，会签须由分管领导）",
            "INVALID: a signer had no authority for their place (the department's head signs, a leader in charge countersigns)",
        ),
        Verdict::NotIssuedHere => (
            "签名成立，但本库没有签发这份登记簿，所收交换包中也没有签发它的记载：清单或签署版本与存档不一致",
            "The signatures hold, but neither this database nor any whose bundles it received issued this register: its manifest or signed revision is not on record",
        ),
        Verdict::HistoryRewritten => (
            "无效：审计日志已被改写，签署时的日志链头已不在本库中",
            "INVALID: the audit log was rewritten; the chain head the register was signed over is gone",
        ),
    };
    lang.pick(zh, en)
}

pub fn authority(fault: AuthorityFault, lang: Lang) -> String {
    let (zh, en) = match fault {
        AuthorityFault::ExtraSignature => (
            "登记簿只有签署与会签两个签名，此签名多余",
            "a register has two signatures (sign, countersign); this one is extra",
        ),
        AuthorityFault::WrongField => (
            "签名域名称或用途与其位置不符",
            "the field's name or reason does not match its place",
        ),
        AuthorityFault::NameMismatch => (
            "签名中写的姓名不是证书持有人",
            "the name written in the signature is not the certificate's holder",
        ),
        AuthorityFault::WrongRole => (
            "签署时持有人不具备此位置所需的职务",
            "the holder did not have the role this place needs when it was signed",
        ),
        AuthorityFault::WrongDepartment => (
            "持有人是其他处室的负责人",
            "the holder headed another department",
        ),
    };
    lang.pick(zh, en)
}

pub fn signature_problem(problem: SignatureProblem, lang: Lang) -> String {
    let (zh, en) = match problem {
        SignatureProblem::Altered => ("签名所覆盖的内容已被改动", "the signed bytes were changed"),
        SignatureProblem::Malformed => ("签名结构损坏", "the signature structure is damaged"),
        SignatureProblem::Unsupported => ("签名算法不受支持", "unsupported signature algorithms"),
        SignatureProblem::ChangedAfter => (
            "签署后文档被改动（不仅是追加签名）",
            "the document was changed after this signature (beyond adding signatures)",
        ),
        SignatureProblem::NotWholeDocument => (
            "签名未覆盖整个文档（其后追加了内容）",
            "the signature does not cover the whole document (bytes were appended)",
        ),
    };
    lang.pick(zh, en)
}

pub fn unchecked(item: Unchecked, lang: Lang) -> String {
    let (zh, en) = match item {
        Unchecked::Registry => (
            "未核验：是否确由本局签发（需本局数据库）",
            "not checked: that the bureau issued this register (needs its database)",
        ),
        Unchecked::Revocation => (
            "未核验：签署时密钥是否已撤销（按签署人自述时间判断证书有效期）",
            "not checked: whether a key was revoked when it signed (certificates judged at the time the signer claims)",
        ),
        Unchecked::History => (
            "未核验：审计日志是否被改写",
            "not checked: whether the audit history was rewritten",
        ),
        Unchecked::Records => (
            "未核验：所列记录是否仍与签署时一致",
            "not checked: whether the records still stand as signed",
        ),
        Unchecked::DepartmentLeader => (
            "未核验：会签人是否为该处室指定的分管领导",
            "not checked: whether the countersigning leader is the one the department names",
        ),
    };
    lang.pick(zh, en)
}

pub fn record_change(change: RecordChange, lang: Lang) -> String {
    let (zh, en) = match change {
        RecordChange::Changed => ("签署后已修改", "changed since signing"),
        RecordChange::Cancelled => ("签署后已作废", "cancelled since signing"),
        RecordChange::Added => (
            "签署后补登，尚未列入已签署的登记簿",
            "registered after signing, not yet in a signed register",
        ),
        RecordChange::Late => ("签署后补登", "registered late"),
        RecordChange::Missing => ("本数据库中没有", "not in this database"),
    };
    lang.pick(zh, en)
}

/// What the report says beside a signature or a record: its state, what is known of its
/// certificate, how much of the document it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Remark {
    Valid,
    Invalid,
    CoversWhole,
    CoversRevision,
    UnknownCertificate,
    NotFromRoot,
    Revoked,
}

impl Remark {
    pub const ALL: [Remark; 7] = [
        Remark::Valid,
        Remark::Invalid,
        Remark::CoversWhole,
        Remark::CoversRevision,
        Remark::UnknownCertificate,
        Remark::NotFromRoot,
        Remark::Revoked,
    ];
}

pub fn remark(remark: Remark, lang: Lang) -> String {
    let (zh, en) = match remark {
        Remark::Valid => ("有效", "valid"),
        Remark::Invalid => ("无效", "invalid"),
        Remark::CoversWhole => ("覆盖整个文档", "covers the whole document"),
        Remark::CoversRevision => (
            "覆盖其签署时的版本（其后仅追加签名）",
            "covers its revision (only signatures were added after it)",
        ),
        Remark::UnknownCertificate => (
            "本库未登记的证书",
            "a certificate this database does not know",
        ),
        Remark::NotFromRoot => ("非本局根证书签发", "not issued by the bureau root"),
        Remark::Revoked => ("签署时该密钥已撤销", "the key was revoked when it signed"),
    };
    lang.pick(zh, en)
}

/// Who should have signed, when a signer had no authority for their place.
pub fn entitled(names: &str, lang: Lang) -> String {
    lang.pick(
        format!("应由：{names}"),
        format!("Should have been: {names}"),
    )
}

/// The database that issued a register this one knows only through its bundles.
pub fn issued_by(database: &str, lang: Lang) -> String {
    lang.pick(
        format!("由数据库 {database} 签发，本库经其交换包得知"),
        format!("Issued by database {database}, known here through its bundles"),
    )
}

/// When the issuing database recorded a signature (not what the signer claims).
pub fn recorded_at(at: &str, lang: Lang) -> String {
    lang.pick(
        format!("签发库记录的签署时间 {at}"),
        format!("recorded by the issuing database at {at}"),
    )
}

/// A record that changed after signing but is listed, as it now stands, by a later
/// signed register.
pub fn carried_by(month: &str, lang: Lang) -> String {
    lang.pick(
        format!("已列入 {month} 登记簿"),
        format!("carried by the register for {month}"),
    )
}

/// A changed record's version when signed and now.
pub fn versions(signed: &str, current: &str, lang: Lang) -> String {
    lang.pick(
        format!("签署时第 {signed} 版，现为第 {current} 版"),
        format!("version {signed} when signed, now {current}"),
    )
}

/// The first thing after a signature that the countersigning policy does not allow.
pub fn later_change(change: &LaterChange, lang: Lang) -> String {
    match *change {
        LaterChange::Unreadable => {
            lang.pick("无法读取签署时的版本", "the signed revision cannot be read")
        }
        LaterChange::StructureReplaced => lang.pick(
            "文档目录或页面被替换",
            "the document's catalog or pages were replaced",
        ),
        LaterChange::ObjectAdded { object } => lang.pick(
            format!("新增了签名以外的对象（第 {object} 号，如批注、表单域、页面）"),
            format!(
                "an object other than a signature was added (no. {object}: an annotation, a form field, a page…)"
            ),
        ),
        LaterChange::ObjectChanged { object } => lang.pick(
            format!("签署时已有的对象被改动（第 {object} 号）"),
            format!("an object the signed revision had was changed (no. {object})"),
        ),
        LaterChange::ObjectRemoved { object } => lang.pick(
            format!("签署时已有的对象被删除（第 {object} 号）"),
            format!("an object the signed revision had was removed (no. {object})"),
        ),
        LaterChange::SignatureFieldShape => lang.pick(
            "追加的签名域不止一个签名（外观、可见区域或其他内容）",
            "the added signature field carries more than a signature (appearance, visible area, other keys)",
        ),
    }
}

fn map<T: Copy + serde::Serialize>(
    out: &mut String,
    name: &str,
    all: &[T],
    words: fn(T, Lang) -> String,
    lang: Lang,
) {
    let entries = all
        .iter()
        .map(|&item| (tag(item), literal(&words(item, lang))));
    object(out, 4, name, entries);
}

/// An object number no real document has, replaced by `{object}` in the templates.
const OBJECT: u32 = 4_294_967_291;

fn kind_tag(change: &LaterChange) -> String {
    serde_json::to_value(change)
        .ok()
        .and_then(|v| v["kind"].as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// `verificationWords.ts`: every word above, by language, keyed as the bindings spell
/// the enums.
pub fn typescript() -> String {
    let mut out = header("src-tauri/register/verify/words.rs");
    let languages = Lang::ALL.map(|lang| (lang.tag(), lang));
    let doc = "What verifying a register found, in words, as `qinqing verify` prints them.";
    by_language(
        &mut out,
        doc,
        "VERIFICATION_WORDS",
        languages,
        |out, lang| {
            map(out, "verdict", &Verdict::ALL, verdict, lang);
            map(out, "authority", &AuthorityFault::ALL, authority, lang);
            map(
                out,
                "problem",
                &SignatureProblem::ALL,
                signature_problem,
                lang,
            );
            map(out, "unchecked", &Unchecked::ALL, unchecked, lang);
            map(out, "change", &RecordChange::ALL, record_change, lang);
            map(out, "remark", &Remark::ALL, remark, lang);
            // Words with a value in them are written as the UI's templates: `{names}`.
            for (name, words, value) in [
                ("entitled", entitled as fn(&str, Lang) -> String, "{names}"),
                ("issuedBy", issued_by, "{database}"),
                ("recordedAt", recorded_at, "{at}"),
                ("carriedBy", carried_by, "{month}"),
            ] {
                out.push_str(&format!("    {name}: {},\n", literal(&words(value, lang))));
            }
            let versions = versions("{signed}", "{current}", lang);
            out.push_str(&format!("    versions: {},\n", literal(&versions)));
            let changes = LaterChange::every_kind(OBJECT).into_iter().map(|change| {
                let text = later_change(&change, lang).replace(&OBJECT.to_string(), "{object}");
                (kind_tag(&change), literal(&text))
            });
            object(out, 4, "laterChange", changes);
        },
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verdict_is_worded_in_both_languages_and_written_for_the_ui() {
        let ts = typescript();
        for v in Verdict::ALL {
            let (zh, en) = (verdict(v, Lang::ZhCn), verdict(v, Lang::En));
            assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{v:?}");
            let zh_line = format!("      {}: {},", tag(v), serde_json::to_string(&zh).unwrap());
            assert!(
                ts.contains(&zh_line),
                "{v:?} not written as the CLI says it"
            );
        }
        let distinct: std::collections::HashSet<String> = Verdict::ALL
            .iter()
            .map(|&v| verdict(v, Lang::ZhCn))
            .collect();
        assert_eq!(distinct.len(), Verdict::ALL.len());
    }
}
