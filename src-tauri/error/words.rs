//! The boundary's words for what goes wrong: every problem and error the core
//! reports, in both languages. The types are data (`domain::invalid`, `AppError`);
//! this is the one place their messages are written.

use super::{AppError, FieldFault, Problem, ValueKind};
use crate::i18n::Lang;

impl ValueKind {
    pub(crate) fn words(self) -> (&'static str, &'static str) {
        match self {
            ValueKind::WholeNumber => ("整数", "a whole number"),
            ValueKind::Number => ("数字", "a number"),
            ValueKind::Text => ("文字", "text"),
            ValueKind::TrueOrFalse => ("是或否", "yes or no"),
            ValueKind::List => ("一组值", "a list"),
            ValueKind::Group => ("一组填写项", "a group of fields"),
            ValueKind::Date => ("日期（年-月-日）", "a date (year-month-day)"),
            ValueKind::Id => ("编号（UUID）", "an id (UUID)"),
        }
    }
}

impl Problem {
    pub(crate) fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Required => lang.pick("此项必填", "is required"),
            Problem::NotOneOf { allowed } => lang.pick(
                format!("只能是以下之一：{}", allowed.join("、")),
                format!("must be one of: {}", allowed.join(", ")),
            ),
            Problem::WrongKind { expected } => {
                let (zh, en) = expected.words();
                lang.pick(format!("应为{zh}"), format!("must be {en}"))
            }
            Problem::NotAllowedValue => lang.pick("不是允许的取值", "is not one of the allowed values"),
            Problem::UnknownField => lang.pick("不是此处可填写的项目", "is not something this request takes"),
            Problem::Unreadable => lang.pick("格式不正确，无法读取", "cannot be read"),
            Problem::Malformed { detail } => lang.pick(
                format!("格式不正确（{detail}）"),
                format!("is malformed ({detail})"),
            ),
            Problem::TooLong { max } => lang.pick(
                format!("不能超过 {max} 个字"),
                format!("must be at most {max} characters"),
            ),
            Problem::OutOfRange { min, max } => lang.pick(
                format!("应在 {min} 至 {max} 之间"),
                format!("must be between {min} and {max}"),
            ),
            Problem::DateBefore { after } => lang.pick(
                format!("不能早于{}", field_name(after, lang)),
                format!("must not be before the {}", field_name(after, lang)),
            ),
            Problem::DateAfter { before } => lang.pick(
                format!("不能晚于{}", field_name(before, lang)),
                format!("must not be after the {}", field_name(before, lang)),
            ),
            Problem::Duplicate => lang.pick("有重复项", "contains a duplicate"),
            Problem::NotApplicable => lang.pick("此处不适用，应留空", "does not apply here; leave it empty"),
            Problem::UnknownReference => lang.pick("名录中没有这一项", "is not in the directory"),
            Problem::NightsBeyondTrip { max: 0 } => lang.pick(
                "住宿晚数超出行程：从该日起到出行结束没有可住宿的夜晚",
                "runs past the trip: there is no night between this date and the trip's end",
            ),
            Problem::NightsBeyondTrip { max } => lang.pick(
                format!("住宿晚数超出行程：从该日起到出行结束最多 {max} 晚"),
                format!("runs past the trip: at most {max} nights from this date to the trip's end"),
            ),
            Problem::NotAParticipant => lang.pick(
                "必须是本次出行的参加人员",
                "must be one of the trip's participants",
            ),
            Problem::CreditCodeMalformed { detail } => lang.pick(
                format!("不是有效的统一社会信用代码（{detail}）"),
                format!("is not a unified social credit code ({detail})"),
            ),
            Problem::CreditCodeCheckUnconfirmed { expected } => lang.pick(
                format!("校验位不符（按其余各位应为 {expected}）；如确认代码无误，请确认“信用代码已核对”（creditCodeConfirmed）后再保存"),
                format!("fails its check character (the other characters give {expected}); if the code is right, confirm it (creditCodeConfirmed) to save it anyway"),
            ),
            Problem::NotWrittenHere => lang.pick(
                "不是本程序此次保存的文件，不予打开",
                "is not a file the app saved in this session, so it is not opened",
            ),
            Problem::NotAFile => lang.pick(
                "不是普通文件（是设备、管道或文件夹），不予读取；请选择一个文件",
                "is not a file (a device, a pipe or a folder), so it is not read; choose a file",
            ),
            Problem::FileUnreadable { detail } => lang.pick(
                format!("无法读取该文件（{detail}）"),
                format!("cannot be read ({detail})"),
            ),
            Problem::FileTooLarge { max_mib } => lang.pick(
                format!("文件过大，不能超过 {max_mib} MiB"),
                format!("is too large (at most {max_mib} MiB)"),
            ),
            Problem::FileTypeUnsupported => lang.pick(
                "只能附加 JPEG、PNG 图片或 PDF 文件",
                "must be a JPEG or PNG image or a PDF file",
            ),
            Problem::AmountTooSmall { min } if min.0 <= 0 => {
                lang.pick("金额不能为负数", "must not be negative")
            }
            Problem::AmountTooSmall { min } => lang.pick(
                format!("金额不能少于 {}", min.display()),
                format!("must be at least {}", min.display()),
            ),
            Problem::AmountTooLarge { max } => lang.pick(
                format!("金额不能超过 {}：更大的数应是录入有误，请核对", max.display()),
                format!("must be at most {}: a larger figure is surely a typing slip; please check it", max.display()),
            ),
            Problem::PassphraseTooShort { min } => lang.pick(
                format!("口令至少 {min} 个字符"),
                format!("must be at least {min} characters long"),
            ),
            Problem::DateTooFarAhead { days, latest } => lang.pick(
                format!("不能晚于 {latest}（今天之后 {days} 天）：更晚的日期应是年份或月份录入有误"),
                format!("cannot be after {latest} ({days} days from today): a later date is surely a slip of the year or month"),
            ),
            Problem::MonthNotBegun => lang.pick(
                "这个月还没有开始，不能声明无登记事项",
                "this month has not begun; it cannot be declared empty",
            ),
            Problem::BeforeLastWorkingDay { day } => lang.pick(
                format!("本月最后一个工作日是 {day}，此前声明本月无登记事项须确认本月不会再有与企业的交往"),
                format!("the month's last working day is {day}; declaring it empty before then needs confirmation that nothing more will happen this month"),
            ),
            Problem::MonthHasRecords { count } => lang.pick(
                format!("该月已有 {count} 条登记，不能声明无登记事项"),
                format!("has {count} records, so it cannot be declared empty"),
            ),
            Problem::ProfileExists => lang.pick(
                "此人已有用户，请在用户列表中修改",
                "already has a profile; change it in the list of profiles",
            ),
            Problem::FirstProfileAdministers => lang.pick(
                "第一个用户须为管理员，才能再添加其他用户",
                "must administer: the first profile is the one that adds the others",
            ),
            Problem::P12Unopened => lang.pick(
                "无法用此密码打开该证书文件（或文件不是 PKCS#12 格式）",
                "does not open this file (or the file is not PKCS#12)",
            ),
            Problem::BackupNotADatabase => lang.pick(
                "不是本程序的数据库文件，无法恢复",
                "is not a database of this app and cannot be restored",
            ),
            Problem::BackupDamaged { detail } => lang.pick(
                format!("数据库文件已损坏（{detail}），无法恢复"),
                format!("is a damaged database ({detail}) and cannot be restored"),
            ),
            Problem::BackupTooNew { found, supported } => lang.pick(
                format!("由更新版本的程序写成（结构版本 {found}，本程序 {supported}），请先升级程序"),
                format!("was written by a newer version of the app (schema {found}, this app {supported}); upgrade the app first"),
            ),
            Problem::BackupAuditFailed { detail } => lang.pick(
                format!("其中的数据与其审计日志不符（{detail}），可能被改动过，不予恢复"),
                format!("holds data its audit log does not vouch for ({detail}): it may have been altered, so it is not restored"),
            ),
            Problem::TooManyRows { rows, max } => lang.pick(
                format!("选中 {rows} 条，超过一次导出的上限 {max} 条，请缩小范围"),
                format!("selects {rows} records, more than one export takes ({max}); narrow it down"),
            ),
            Problem::WorkbookDamaged => lang.pick(
                "工作簿已损坏，无法读取；请在 Excel 中打开并另存后再导入",
                "is a damaged workbook that cannot be read; open it in Excel, save it again, then import it",
            ),
            Problem::RowsRejected { count } => lang.pick(
                format!("有 {count} 行无法导入（原因见检查结果）；确认跳过这些行后才能导入其余各行"),
                format!("{count} rows cannot be imported (the check says why); agree to skip them to import the rest"),
            ),
            Problem::NotAPdf => lang.pick("不是可读取的 PDF 文件", "is not a PDF file that can be read"),
            Problem::RestoreLosesSignedActs { count, last } => lang.pick(
                format!("须确认：该备份不含本库 {count} 个已签名的操作（最后一个为 {last}），恢复后它们将丢失"),
                format!("needs confirming: the backup does not keep {count} signed acts of this database (the last {last}); restoring loses them"),
            ),
            Problem::NotALeaderInCharge => lang.pick(
                "须是在职的分管领导",
                "must be an active leader in charge",
            ),
            Problem::NoBureauRoot => lang.pick(
                "无法写出：本数据库尚无本局根证书，请管理员在“设置 → 本局根证书”中创建",
                "cannot be written: this database has no bureau root yet; an administrator creates it in Settings → Bureau root",
            ),
            Problem::RegisterUnknown => lang.pick(
                "在本数据库中找不到该登记簿（二维码内容不符或登记簿未在本机签署）",
                "names no register this database issued (the QR text is wrong or the register was signed elsewhere)",
            ),
            Problem::P12NoKey => lang.pick(
                "证书文件中没有私钥及其证书",
                "holds no private key with its certificate",
            ),
            Problem::FileUnwritable { detail } => lang.pick(
                format!("无法写入该文件（{detail}）"),
                format!("cannot be written ({detail})"),
            ),
            Problem::CommentRequired => lang.pick(
                "退回时须写明需要修改之处",
                "is required: say what needs fixing",
            ),
            Problem::CreditCodeTaken => lang.pick(
                "已有使用该统一社会信用代码的单位",
                "another organisation already has this credit code",
            ),
        }
    }
}

impl FieldFault {
    fn message(&self, lang: Lang) -> String {
        match self {
            FieldFault::Bundle(fault) => fault.message(lang),
            FieldFault::Workbook(oversize) => oversize.message(lang),
            FieldFault::Key(why) => why.message(lang),
        }
    }
}

impl AppError {
    /// What is wrong with a field, without naming it: what a form shows beside it.
    pub(crate) fn problem_words(&self, lang: Lang) -> Option<String> {
        match self {
            AppError::Validation { problem, .. } => Some(problem.message(lang)),
            AppError::Refused { fault, .. } => Some(fault.message(lang)),
            _ => None,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::UnknownCommand { name } => lang.pick(
                format!("没有名为“{name}”的命令"),
                format!("There is no command named “{name}”"),
            ),
            AppError::RequestUnreadable { command, problem } => lang.pick(
                format!("命令“{command}”的请求不正确：{}", problem.message(lang)),
                format!("The request for “{command}” is wrong: it {}", problem.message(lang)),
            ),
            AppError::BadRequest { command, detail } => lang.pick(
                format!("命令“{command}”的请求格式不正确：{detail}"),
                format!("The request for “{command}” is malformed: {detail}"),
            ),
            AppError::Several(all) => {
                let first = all[0].message(lang);
                let more = all.len() - 1;
                lang.pick(
                    format!("{first}（另有 {more} 处需要修改）"),
                    format!("{first} (and {more} more to correct)"),
                )
            }
            AppError::Validation { field, .. } | AppError::Refused { field, .. } => {
                let name = crate::field_words::path_in_words(field, lang);
                let problem = self.problem_words(lang).unwrap_or_default();
                match lang {
                    Lang::ZhCn => format!("{name}：{problem}"),
                    Lang::En => format!("{name} {problem}"),
                }
            }
            AppError::NoDataDirectory => lang.pick(
                "本机没有应用数据目录，请用 --db 指定数据库文件",
                "This computer has no app-data directory; choose a database file with --db",
            ),
            AppError::Store(err) => err.message(lang),
            AppError::Key(err) => err.message(lang),
            AppError::Cancelled { id } => lang.pick(
                format!("该登记记录（{id}）已作废，不能再修改"),
                format!("This record ({id}) is cancelled and can no longer be changed"),
            ),
            AppError::NotCancelled { id } => lang.pick(
                format!("该登记记录（{id}）没有作废，无需恢复"),
                format!("This record ({id}) is not cancelled; there is nothing to restore"),
            ),
            AppError::IntegrityViolated { first } => lang.pick(
                format!("完整性校验未通过：{first}"),
                format!("Integrity check failed: {first}"),
            ),
            AppError::SignInRequired => lang.pick(
                "请先登录：本数据库已设用户，操作须以本人身份进行",
                "Please sign in: this database has profiles, and every action is made as someone",
            ),
            AppError::Forbidden { action } => {
                let (zh, en) = action.describe();
                lang.pick(
                    format!("你的角色无权{zh}，未作任何更改"),
                    format!("Your role may not {en}; nothing was changed"),
                )
            }
            AppError::WrongPassphrase => lang.pick(
                "口令不正确，未作任何更改",
                "The passphrase is wrong; nothing was changed",
            ),
            AppError::IllegalTransition { transition, from } => {
                let (tz, te) = transition.describe();
                let (fz, fe) = from.describe();
                lang.pick(
                    format!("“{fz}”状态的登记不能{tz}"),
                    format!("A {fe} record cannot be {}", past_tense(te)),
                )
            }
            AppError::Locked { id } => lang.pick(
                format!("该登记（{id}）已签入月度登记簿，修改须作为更正并填写理由"),
                format!("This record ({id}) is in a signed register: a change must be an amendment with a reason"),
            ),
            AppError::RegisterBlocked { count } => lang.pick(
                format!("还有 {count} 条登记未审核通过，登记簿暂不能签署；未作任何更改"),
                format!("{count} records of this register are not approved yet, so it cannot be signed; nothing was changed"),
            ),
            AppError::RegisterIssued { month } => lang.pick(
                format!("本处室 {month} 的登记簿已签署，不能重复签署；此后的更正列入以后月份的登记簿"),
                format!("The department's register for {month} is already signed; later amendments go into a later month's register"),
            ),
            AppError::RegisterCountersigned => lang.pick(
                "该登记簿已会签，未作任何更改",
                "This register is already countersigned; nothing was changed",
            ),
            AppError::RootLocked => lang.pick(
                "签发证书须用本局根密钥：请持有根密钥的管理员重新登录后再操作；未作任何更改",
                "Issuing a certificate needs the bureau's root key: an administrator who holds it must sign in again first; nothing was changed",
            ),
            AppError::CertificateNotFromRoot => lang.pick(
                "你的证书不是本局根证书签发的，签署的登记簿将无法核验：请管理员重新签发证书；未作任何更改",
                "Your certificate was not issued by the bureau's root, so what you sign would not verify: ask an administrator to reissue it; nothing was changed",
            ),
            AppError::DirectoryNeedsAdministrator => lang.pick(
                "名录交换包须由职务为管理员、证书由本局根证书签发的人员导出，否则各终端不予接受；未作任何更改",
                "A directory bundle must be exported by someone whose role is administrator and whose certificate the bureau's root issued, or the spokes refuse it; nothing was changed",
            ),
            AppError::Internal(detail) => lang.pick(
                format!("程序内部错误，请把此信息告诉维护人员：{detail}"),
                format!("Internal error; please report this to the maintainers: {detail}"),
            ),
        }
    }
}

fn past_tense(verb: &str) -> String {
    match verb {
        "submit" => "submitted".into(),
        "withdraw" => "withdrawn".into(),
        "approve" => "approved".into(),
        "return" => "returned".into(),
        "edit" => "edited".into(),
        "cancel" => "cancelled".into(),
        other => other.to_owned(),
    }
}

/// The words for a field that a message refers to by its key.
fn field_name(key: &str, lang: Lang) -> String {
    crate::field_words::key_in_words(key, lang)
}
