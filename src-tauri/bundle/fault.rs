//! Why a bundle is refused, in both languages. A refused bundle changes nothing.

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleFault {
    /// Not a bundle of this app (no `QINQING-BUNDLE` first line).
    NotABundle,
    /// Written by a newer version of the app.
    TooNew {
        found: u32,
        supported: u32,
    },
    /// Shorter than its header says: cut off in copying.
    Truncated {
        expected: u64,
        found: u64,
    },
    /// Its content does not hash to what was signed: changed after signing.
    Altered,
    /// The header or the content cannot be read.
    Malformed {
        detail: String,
    },
    /// The signature does not verify under the certificate it names.
    SignatureInvalid,
    /// Signed by a key this database's directory does not know.
    UnknownSigner {
        fingerprint: String,
        subject: String,
    },
    /// Signed with a key revoked before the bundle was signed.
    SignerRevoked {
        subject: String,
    },
    TooLarge {
        max_mib: u64,
    },
    /// Records that fail the checks a hand-entered record passes.
    RecordsInvalid {
        count: u32,
        first: String,
    },
    /// Conflicts with the records here that no resolution was chosen for.
    ConflictsUnresolved {
        count: u32,
    },
    /// The source's audit rows it carries do not hold together: a row that does not
    /// hash to itself or link to the one before, or rows that do not end at its head.
    ChainBroken {
        seq: i64,
    },
    /// The source's audit chain does not extend the one an earlier bundle from it
    /// showed: rolled back (restored from an older copy) or rewritten.
    HistoryForked {
        seen_seq: i64,
        seen_hash: String,
        now_seq: i64,
        now_hash: String,
    },
    /// The payload names an exporter other than the holder of the signing certificate.
    ExporterNotSigner {
        claimed: String,
        holder: String,
    },
    /// A record bundle carrying what only the administrator's directory bundle may: the
    /// bureau's name, standards, certificates or a root.
    RecordsCarryAuthority,
    /// A record bundle naming a department or an official this database does not have:
    /// the directory changes only through the administrator.
    NotInDirectory {
        name: String,
    },
    /// A directory bundle not signed with an administrator's certificate issued by the
    /// bureau root it carries (or carrying no root).
    NotFromAdministrator {
        subject: String,
    },
    /// A first directory bundle whose bureau root nobody here has accepted yet.
    UnknownBureauRoot {
        fingerprint: String,
        subject: String,
    },
    /// A directory bundle from a root other than the one this database pinned.
    OtherBureauRoot {
        pinned: String,
        found: String,
    },
    /// Sealed (or, inside, signed) for another bureau's bundle key than this
    /// database's: not addressed here.
    NotForThisBureau {
        recipient: String,
    },
}

impl BundleFault {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            BundleFault::NotABundle => lang.pick(
                "不是本程序的交换包",
                "is not an exchange bundle of this app",
            ),
            BundleFault::TooNew { found, supported } => lang.pick(
                format!("由更新版本的程序导出（格式版本 {found}，本程序支持 {supported}），请先升级程序"),
                format!("was exported by a newer version of the app (format {found}, this app reads {supported}); upgrade the app first"),
            ),
            BundleFault::Truncated { expected, found } => lang.pick(
                format!("文件不完整（应有 {expected} 字节内容，只有 {found} 字节），可能复制时中断，请重新复制"),
                format!("is incomplete ({found} of {expected} bytes of content): copying may have been cut off; copy it again"),
            ),
            BundleFault::Altered => lang.pick(
                "内容与签名时不符，已被改动，不予导入",
                "does not match what was signed: it was altered, so nothing is imported",
            ),
            BundleFault::Malformed { detail } => lang.pick(
                format!("格式不正确，无法读取（{detail}）"),
                format!("is malformed and cannot be read ({detail})"),
            ),
            BundleFault::SignatureInvalid => lang.pick(
                "签名无效，不予导入",
                "carries a signature that does not verify, so nothing is imported",
            ),
            BundleFault::UnknownSigner { fingerprint, subject } => lang.pick(
                format!("签名人不在本机名录中（{subject}，证书指纹 {fingerprint}），不予导入"),
                format!("is signed by someone this database does not know ({subject}, certificate {fingerprint}), so nothing is imported"),
            ),
            BundleFault::SignerRevoked { subject } => lang.pick(
                format!("签名所用密钥在签名前已吊销（{subject}），不予导入"),
                format!("is signed with a key revoked before it signed ({subject}), so nothing is imported"),
            ),
            BundleFault::TooLarge { max_mib } => lang.pick(
                format!("文件过大（上限 {max_mib} MiB）"),
                format!("is too large (at most {max_mib} MiB)"),
            ),
            BundleFault::RecordsInvalid { count, first } => lang.pick(
                format!("有 {count} 条登记未通过校验（第一条：{first}），全部不予导入"),
                format!("holds {count} records that fail validation (first: {first}), so nothing is imported"),
            ),
            BundleFault::ChainBroken { seq } => lang.pick(
                format!("所附来源审计日志在第 {seq} 条处不连贯（记录与其哈希不符、未接上前一条，或未到链头），不予导入"),
                format!("carries its source's audit rows broken at row {seq} (a row that does not match its hash, does not link to the one before, or rows that stop short of the head), so nothing is imported"),
            ),
            BundleFault::HistoryForked {
                seen_seq,
                seen_hash,
                now_seq,
                now_hash,
            } => lang.pick(
                format!("来源数据库的审计日志与此前交换包所示不一致（此前为第 {seen_seq} 条 {seen_hash}，现为第 {now_seq} 条 {now_hash}）：该库已被回退或改写，不予导入"),
                format!("comes from a database whose audit log does not extend what an earlier bundle from it showed (then row {seen_seq} {seen_hash}, now row {now_seq} {now_hash}): it was rolled back or rewritten, so nothing is imported"),
            ),
            BundleFault::ExporterNotSigner { claimed, holder } => lang.pick(
                format!("自称由{claimed}导出，但签名证书属于{holder}，不予导入"),
                format!("claims to be exported by {claimed} but its signing certificate is {holder}'s, so nothing is imported"),
            ),
            BundleFault::RecordsCarryAuthority => lang.pick(
                "是登记交换包，却带有只能由管理员的名录交换包携带的内容（单位名称、标准、证书或根证书），不予导入",
                "is a record bundle carrying what only the administrator's directory bundle may (the bureau's name, standards, certificates or a root), so nothing is imported",
            ),
            BundleFault::NotInDirectory { name } => lang.pick(
                format!("涉及本机名录中没有的{name}：名录只能由管理员维护，请先导入本局名录交换包或请管理员添加，不予导入"),
                format!("names {name}, who is not in this database's directory: only the administrator changes the directory, so import the bureau's directory bundle or ask them to add it first; nothing is imported"),
            ),
            BundleFault::NotFromAdministrator { subject } => lang.pick(
                format!("是名录交换包，但签名人（{subject}）不是持本局根证书签发的管理员证书者，不予导入"),
                format!("is a directory bundle not signed by an administrator whose certificate the bureau's root issued (signed by {subject}), so nothing is imported"),
            ),
            BundleFault::UnknownBureauRoot { fingerprint, subject } => lang.pick(
                format!("来自本机尚未认可的本局根证书（{subject}，指纹 {fingerprint}）：请管理员与导出方核对指纹后认可，不予导入"),
                format!("comes from a bureau root this database has not accepted ({subject}, fingerprint {fingerprint}): an administrator compares the fingerprint with the exporter and accepts it; nothing is imported"),
            ),
            BundleFault::OtherBureauRoot { pinned, found } => lang.pick(
                format!("来自另一根证书（{found}），而本机名录只认首次导入时认可的本局根证书（{pinned}），不予导入"),
                format!("comes from another root ({found}); this database takes its directory only from the bureau root it accepted first ({pinned}), so nothing is imported"),
            ),
            BundleFault::NotForThisBureau { recipient } => lang.pick(
                format!("是加密发给另一单位的交换包（收件密钥指纹 {recipient}），本机无法也不应读取，不予导入"),
                format!("was encrypted for another bureau (recipient key {recipient}): this database cannot and should not read it, so nothing is imported"),
            ),
            BundleFault::ConflictsUnresolved { count } => lang.pick(
                format!("有 {count} 条登记与本机内容不同，请先逐条选择处理方式"),
                format!("has {count} records that differ from the ones here: choose what to do with each first"),
            ),
        }
    }
}
