//! Field paths in words, for messages people read: `body.trip.expenses.[0].nights` is
//! 第 1 条费用的住宿晚数 / nights of expense 1. The wrappers a request nests a value in
//! (`body`, the record's kind, a gift's direction, a disposition's kind, a directory
//! save's `value`) are not words anyone typed, so they are left out; a key this table
//! does not know is shown as it is.

use crate::error::PathSegment;
use crate::i18n::Lang;

/// A field's noun in both languages, and — for a list — the measure word a Chinese
/// ordinal takes (第 1 条费用, 第 2 位参加人员).
struct Noun {
    zh: &'static str,
    en: &'static str,
    measure: &'static str,
}

const fn noun(zh: &'static str, en: &'static str) -> Noun {
    Noun {
        zh,
        en,
        measure: "条",
    }
}

const fn counted(zh: &'static str, en: &'static str, measure: &'static str) -> Noun {
    Noun { zh, en, measure }
}

fn noun_of(key: &str, after: Option<&str>) -> Option<Noun> {
    Some(match key {
        "startDate" => noun("开始日期", "start date"),
        "endDate" => noun("结束日期", "end date"),
        "date" => noun("日期", "date"),
        "from" => noun("起始日期", "from date"),
        "to" if after.is_some_and(is_disposition) => noun("接收单位", "receiving unit"),
        "to" => noun("截止日期", "to date"),
        "purpose" => noun("事由", "purpose"),
        "destination" => noun("目的地", "destination"),
        "destinationCityId" => noun("目的地城市", "destination city"),
        "participantIds" => counted("参加人员", "participant", "位"),
        "officialIds" => counted("人员", "official", "位"),
        "officialId" => noun("人员", "official"),
        "counterpartIds" => counted("企业", "enterprise", "家"),
        "counterpartId" => noun("企业", "enterprise"),
        "expenses" => noun("费用", "expense"),
        "amount" => noun("金额", "amount"),
        "category" => noun("类别", "category"),
        "nights" => noun("住宿晚数", "nights"),
        "payer" => noun("付款方", "payer"),
        "receiptNo" => noun("票据号", "receipt number"),
        "voucherNo" => noun("凭证号", "voucher number"),
        "evidence" => noun("凭证", "evidence"),
        "mode" => noun("就餐方式", "meal type"),
        "place" => noun("地点", "place"),
        "enterpriseDiners" => noun("企业人数", "enterprise diners"),
        "perPersonStandard" => noun("人均标准", "per-person standard"),
        "amountPaid" => noun("支付金额", "amount paid"),
        "totalCost" => noun("总费用", "total cost"),
        "cigarettes" => noun("香烟", "cigarettes"),
        "premiumLiquor" => noun("高档酒", "premium liquor"),
        "otherAlcohol" => noun("其他酒类", "other alcohol"),
        "giverName" => noun("赠送人", "giver"),
        "beneficiary" => noun("受益人", "beneficiary"),
        "item" => noun("物品", "item"),
        "quantity" => noun("数量", "quantity"),
        "estimatedValue" => noun("估值", "estimated value"),
        "disposition" => noun("处置", "disposition"),
        "recipient" => noun("受赠方", "recipient"),
        "occasion" => noun("场合", "occasion"),
        "funding" => noun("经费来源", "funding"),
        "value" => noun("金额", "value"),
        "activity" => noun("活动类型", "activity"),
        "initiatedBy" => noun("发起方", "initiated by"),
        "outcome" => noun("结果", "outcome"),
        "departmentId" => noun("处室", "department"),
        "name" => noun("名称", "name"),
        "staffNo" => noun("工号", "staff number"),
        "position" => noun("职务", "position"),
        "role" => noun("角色", "role"),
        "travelTier" => noun("差旅级别", "travel tier"),
        "enforcementPowers" => noun("执法权限", "enforcement powers"),
        "active" => noun("启用", "active"),
        "kind" => noun("类型", "kind"),
        "creditCode" => noun("统一社会信用代码", "credit code"),
        // Named by its key too: on the command line it is what one writes.
        "creditCodeConfirmed" => noun(
            "信用代码已核对（creditCodeConfirmed）",
            "credit code confirmed (creditCodeConfirmed)",
        ),
        "creditStatus" => noun("信用状态", "credit status"),
        "canteenRate" => noun("食堂标准", "canteen rate"),
        "address" => noun("地址", "address"),
        "contact" => noun("联系方式", "contact"),
        "leaderInChargeId" => noun("分管领导", "leader in charge"),
        "province" => noun("省份", "province"),
        "cityId" => noun("城市", "city"),
        "tier" => noun("级别", "tier"),
        "key" => noun("标准项目", "standard"),
        "effectiveFrom" => noun("生效日期", "effective from"),
        "source" => noun("依据", "source"),
        "month" => noun("月份", "month"),
        "note" => noun("备注", "note"),
        "reason" => noun("原因", "reason"),
        "items" => noun("记录", "record"),
        "passphrase" => noun("口令", "passphrase"),
        "path" => noun("文件", "file"),
        "version" => noun("版本", "version"),
        "id" => noun("编号", "id"),
        // What the requests themselves take (the window fills these in; the command
        // line and scripts write them).
        "profileId" => noun("用户", "profile"),
        "administrator" => noun("管理员权限", "administrator"),
        "current" => noun("当前口令", "current passphrase"),
        "new" | "newPassphrase" => noun("新口令", "new passphrase"),
        "recoveryKey" => noun("恢复密钥", "recovery key"),
        "recoveryKeyFile" => noun("恢复密钥文件", "recovery key file"),
        "p12Password" => noun("证书文件密码", "certificate file password"),
        "format" => noun("格式", "format"),
        "includeInactive" => noun("含已停用", "include inactive"),
        "includeCancelled" => noun("含已作废", "include cancelled"),
        "filter" => noun("筛选条件", "filter"),
        "after" => noun("翻页位置", "page position"),
        "limit" => noun("每页条数", "page size"),
        "page" => noun("页码", "page"),
        "text" => noun("查找内容", "search text"),
        "finding" => noun("检查结果级别", "finding severity"),
        "status" => noun("审核状态", "review status"),
        "action" => noun("操作", "action"),
        "comment" => noun("意见", "comment"),
        "onBehalfReason" => noun("代为声明的原因", "reason for declaring on their behalf"),
        "earlyConfirmed" => noun("提前声明的确认", "confirmation of an early declaration"),
        "nil" => noun("本月无登记事项", "nothing to register"),
        "registerId" => noun("登记簿", "register"),
        "qrText" => noun("二维码内容", "QR text"),
        "asOf" => noun("判断日期", "as-of date"),
        "recordId" => noun("记录", "record"),
        "retention" => noun("保留份数", "backups kept"),
        "dryRun" => noun("仅预览", "dry run"),
        "confirmLoss" => noun("确认放弃已签署的操作", "confirm the loss"),
        "selection" => noun("导出范围", "selection"),
        "resolutions" => noun("冲突处理", "resolutions"),
        "trustFingerprint" => noun("信任的证书指纹", "trusted fingerprint"),
        "sheets" => counted("工作表", "sheet", "张"),
        "skipRejected" => noun("跳过不合格的行", "skip rejected rows"),
        "records" => noun("记录数", "records"),
        "seed" => noun("随机种子", "seed"),
        "batch" => noun("每批条数", "batch size"),
        "profiles" => noun("同时建立用户", "profiles"),
        "language" => noun("语言", "language"),
        _ => return None,
    })
}

fn is_disposition(key: &str) -> bool {
    matches!(
        key,
        "declined" | "returned" | "surrendered" | "paid" | "pending"
    )
}

/// Whether the key at `index` (after `before`) only wraps the value a person typed.
fn is_wrapper(index: usize, key: &str, before: Option<&str>) -> bool {
    match (index, before) {
        (0, _) => matches!(key, "body" | "value" | "trip" | "meal" | "gift" | "contact"),
        (_, Some("body")) => matches!(key, "trip" | "meal" | "gift" | "contact"),
        (_, Some("gift")) => matches!(key, "received" | "given"),
        (_, Some("disposition")) => is_disposition(key),
        (_, Some("contact")) if key == "inspection" => true,
        _ => false,
    }
}

/// One step of a path as words: a field, or the `n`-th entry of a list.
enum Step {
    Field(String, String),
    Entry(String, String, &'static str, usize),
}

/// The path `field` in words, in `lang`.
pub fn path_in_words(field: &[PathSegment], lang: Lang) -> String {
    let mut steps: Vec<Step> = Vec::new();
    let mut before: Option<&str> = None;
    let mut i = 0;
    while i < field.len() {
        match &field[i] {
            PathSegment::Key(key) => {
                if is_wrapper(i, key, before) {
                    before = Some(key);
                    i += 1;
                    continue;
                }
                let (zh, en, measure) = match noun_of(key, before) {
                    Some(n) => (n.zh.to_owned(), n.en.to_owned(), n.measure),
                    None => (key.clone(), key.clone(), "条"),
                };
                match field.get(i + 1) {
                    Some(PathSegment::Index(n)) => {
                        steps.push(Step::Entry(zh, en, measure, *n as usize + 1));
                        i += 2;
                    }
                    _ => {
                        steps.push(Step::Field(zh, en));
                        i += 1;
                    }
                }
                before = Some(key);
            }
            PathSegment::Index(n) => {
                steps.push(Step::Entry(
                    "第".into(),
                    "entry".into(),
                    "条",
                    *n as usize + 1,
                ));
                i += 1;
            }
        }
    }
    // A wrapper alone (the whole body or value is wrong) is named as what it holds.
    if steps.is_empty() {
        let (zh, en) = match field.first() {
            Some(PathSegment::Key(key)) if key == "value" => ("填写内容", "the entry"),
            Some(PathSegment::Key(_)) => ("记录内容", "the record"),
            _ => ("请求", "the request"),
        };
        return lang.pick(zh, en);
    }
    match lang {
        Lang::ZhCn => steps
            .iter()
            .map(|s| match s {
                Step::Field(zh, _) => zh.clone(),
                Step::Entry(zh, _, measure, n) => format!("第 {n} {measure}{zh}"),
            })
            .collect::<Vec<_>>()
            .join("的"),
        Lang::En => steps
            .iter()
            .rev()
            .map(|s| match s {
                Step::Field(_, en) => en.clone(),
                Step::Entry(_, en, _, n) => format!("{en} {n}"),
            })
            .collect::<Vec<_>>()
            .join(" of "),
    }
}

/// The words for one field key, for messages that name another field.
pub fn key_in_words(key: &str, lang: Lang) -> String {
    match noun_of(key, None) {
        Some(n) => lang.pick(n.zh, n.en).to_owned(),
        None => key.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path;

    #[test]
    fn paths_read_as_words_in_both_languages() {
        let nights = path!["body", "trip", "expenses", 0u32, "nights"];
        assert_eq!(path_in_words(&nights, Lang::ZhCn), "第 1 条费用的住宿晚数");
        assert_eq!(path_in_words(&nights, Lang::En), "nights of expense 1");
        let who = path!["body", "meal", "officialIds", 1u32];
        assert_eq!(path_in_words(&who, Lang::ZhCn), "第 2 位人员");
        assert_eq!(path_in_words(&who, Lang::En), "official 2");
        let to = path![
            "body",
            "gift",
            "received",
            "disposition",
            "surrendered",
            "to"
        ];
        assert_eq!(path_in_words(&to, Lang::ZhCn), "处置的接收单位");
        assert_eq!(
            path_in_words(&to, Lang::En),
            "receiving unit of disposition"
        );
        let confirmed = path!["value", "creditCodeConfirmed"];
        assert!(path_in_words(&confirmed, Lang::En).contains("creditCodeConfirmed"));
        let month = path!["month"];
        assert_eq!(path_in_words(&month, Lang::ZhCn), "月份");
        // A key the table does not know is shown as it is.
        let unknown = path!["body", "meal", "somethingNew"];
        assert_eq!(path_in_words(&unknown, Lang::En), "somethingNew");
    }
}
