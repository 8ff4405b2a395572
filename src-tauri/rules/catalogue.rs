//! The rule list as data: what the UI lists, the register prints and `docs/rules.md`
//! is generated from. A rule's id is stable; its clause is data, because the policy
//! is a draft for comment and the final text may renumber.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::calendar;
use super::severity::Severity;
use super::standards::StandardKey;
use super::standards::StandardUnit;
use super::text::Text;

/// The document the rules cite.
pub struct Document {
    pub id: &'static str,
    pub title: &'static str,
    pub title_en: &'static str,
    pub version: &'static str,
}

/// 沈阳市构建“亲”“清”政商关系实施意见 (征求意见稿, 2019-11-11).
pub const POLICY: Document = Document {
    id: "shenyang-qinqing",
    title: "沈阳市构建“亲”“清”政商关系实施意见",
    title_en:
        "Shenyang Implementation Opinions on “Close” and “Clean” Government–Business Relations",
    version: "2019-11-11 征求意见稿",
};

/// Where a rule rests: document, its version, and the clause (`二(二)9`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Citation {
    pub document: String,
    pub version: String,
    pub clause: String,
}

impl Citation {
    pub(super) fn policy(clause: &str) -> Citation {
        Citation {
            document: POLICY.id.to_owned(),
            version: POLICY.version.to_owned(),
            clause: clause.to_owned(),
        }
    }

    /// `《沈阳市构建“亲”“清”政商关系实施意见》（2019-11-11 征求意见稿）二(二)9`
    pub fn to_chinese(&self) -> String {
        let title = if self.document == POLICY.id {
            POLICY.title
        } else {
            &self.document
        };
        format!("《{title}》（{}）{}", self.version, self.clause)
    }
}

/// Every rule. The serialized names are the stable ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum RuleId {
    CashLikeKept,
    CashLikePending,
    GiftOverdue,
    GiftDeadlineNear,
    GiftKeptUnpaid,
    GiftPaidBelowValue,
    GiftHighValuePaid,
    CeremonialGiftOverCap,
    CanteenFeeUnpaid,
    CanteenFeeShort,
    ArrangedWhereCanteen,
    MealAboveReceptionStandard,
    MealCostUnknown,
    TobaccoOrPremiumLiquor,
    AlcoholServed,
    TooManyCompanions,
    TripPaidByEnterprise,
    LodgingAboveCap,
    SettlementAboveStandard,
    SettlementShortOfStandard,
    UninvitedRedListInspection,
    PreHolidayInspection,
    LateRegistration,
    StandardMissing,
}

/// A rule as the catalogue lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    pub id: RuleId,
    pub severity: Severity,
    pub citation: Citation,
    pub title: Text,
    /// When it fires, in a sentence.
    pub when: Text,
    /// The standards it measures against.
    pub standards: Vec<StandardKey>,
}

impl RuleId {
    pub const ALL: [RuleId; 24] = [
        RuleId::CashLikeKept,
        RuleId::CashLikePending,
        RuleId::GiftOverdue,
        RuleId::GiftDeadlineNear,
        RuleId::GiftKeptUnpaid,
        RuleId::GiftPaidBelowValue,
        RuleId::GiftHighValuePaid,
        RuleId::CeremonialGiftOverCap,
        RuleId::CanteenFeeUnpaid,
        RuleId::CanteenFeeShort,
        RuleId::ArrangedWhereCanteen,
        RuleId::MealAboveReceptionStandard,
        RuleId::MealCostUnknown,
        RuleId::TobaccoOrPremiumLiquor,
        RuleId::AlcoholServed,
        RuleId::TooManyCompanions,
        RuleId::TripPaidByEnterprise,
        RuleId::LodgingAboveCap,
        RuleId::SettlementAboveStandard,
        RuleId::SettlementShortOfStandard,
        RuleId::UninvitedRedListInspection,
        RuleId::PreHolidayInspection,
        RuleId::LateRegistration,
        RuleId::StandardMissing,
    ];

    /// Whether a finding of this rule is about the app's own set-up (a standard not
    /// set) rather than about what the official did: an administrator's to act on,
    /// shown to them, and never printed in a register that goes to the discipline office.
    pub fn is_administrative(self) -> bool {
        self == RuleId::StandardMissing
    }

    /// The stable id as stored and printed (`cash-like-kept`).
    pub fn tag(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    pub fn info(self) -> RuleInfo {
        use RuleId as R;
        use Severity::{Note, Violation, Warning};
        use StandardKey as K;
        let (severity, clause, title, when, standards): (_, _, (&str, &str), (&str, &str), Vec<K>) = match self {
            R::CashLikeKept => (Violation, "二(二)9", ("礼金、消费卡、有价证券或利益被收下", "cash-like gift or benefit kept"),
                ("礼金、红包（含电子红包）、消费卡、有价证券或借款、借车、亲属挂名领薪、索要赞助等利益被留用或“付款”留用（本人或亲属）", "cash, red envelopes (incl. electronic), prepaid cards, securities or a benefit (loan, car, paid post for a relative, sponsorship) was kept or “paid for”, by the official or a relative"), vec![]),
            R::CashLikePending => (Note, "二(二)9", ("礼金类礼品待退还或上交", "cash-like gift to be returned or surrendered"),
                ("礼金类礼品或利益尚未处置：只能退还或登记上交，期限届满前提示", "a cash-like gift or benefit is not yet disposed of: it may only be returned or surrendered; shown until the deadline"), vec![K::SurrenderDeadlineMonths]),
            R::GiftOverdue => (Violation, "二(一)5", ("礼品逾期未处置", "gift not disposed of by the deadline"),
                ("收受的礼品超过登记上交期限（默认自收受之日起一个月）仍未处置", "a received gift is still not disposed of after the surrender deadline (by default one month from receipt)"), vec![K::SurrenderDeadlineMonths]),
            R::GiftDeadlineNear => (Note, "二(一)5", ("礼品上交期限将至", "gift surrender deadline approaching"),
                ("收受的礼品尚未处置，距上交期限不足提醒天数", "a received gift is not yet disposed of and the deadline is within the reminder period"), vec![K::SurrenderDeadlineMonths, K::DeadlineNoticeDays]),
            R::GiftKeptUnpaid => (Violation, "二(一)5", ("礼品未付款留用", "gift kept without payment"),
                ("无法拒收的礼品既未登记上交也未按价付款而留用", "a gift that could not be refused was kept without surrender or payment at its price"), vec![]),
            R::GiftPaidBelowValue => (Violation, "二(一)5", ("礼品付款低于价值", "gift paid for below its value"),
                ("按价付款的金额低于礼品估价", "the payment for a gift is less than its estimated value"), vec![]),
            R::GiftHighValuePaid => (Violation, "二(一)5", ("高档礼品应上交而付款留用", "high-value gift paid for instead of surrendered"),
                ("估价达到须上交标准的礼品以付款方式留用", "a gift valued at or above the surrender threshold was kept by paying for it"), vec![K::GiftSurrenderThreshold]),
            R::CeremonialGiftOverCap => (Warning, "二(一)5", ("礼节性礼品超限额", "ceremonial gift above the cap"),
                ("单位赠送的礼节性礼品每件价值超过限额", "a ceremonial gift given by the unit is worth more per item than the cap"), vec![K::CeremonialGiftCap]),
            R::CanteenFeeUnpaid => (Violation, "二(一)6", ("企业食堂用餐未交餐费", "canteen meal not paid for"),
                ("在企业食堂用工作餐未交纳餐费", "a working meal in an enterprise canteen was not paid for"), vec![]),
            R::CanteenFeeShort => (Violation, "二(一)6", ("企业食堂餐费不足", "canteen fee short"),
                ("交纳的餐费少于食堂标准 × 公职人员用餐人数", "the fee paid is less than the canteen rate × the officials who ate"), vec![K::CanteenDefaultRate]),
            R::ArrangedWhereCanteen => (Warning, "二(一)6", ("有食堂的企业安排用餐", "meal arranged by an enterprise that has a canteen"),
                ("企业有食堂，却由企业安排公务用餐（应在食堂用餐并交费）", "the enterprise runs a canteen but arranged the meal (the canteen, with the fee paid, is the rule)"), vec![]),
            R::MealAboveReceptionStandard => (Warning, "二(一)6", ("用餐超公务接待标准", "meal above the reception standard"),
                ("公务用餐人均费用超过公务接待标准", "the meal cost more per person than the reception standard"), vec![K::ReceptionMealPerPerson]),
            R::MealCostUnknown => (Note, "二(一)6", ("接待或企业安排用餐未登记实际花费", "cost of a hosted or arranged meal not recorded"),
                ("企业安排的工作餐未登记实际花费（合计与人数），无法按公务接待标准检查人均费用；请补填", "what an enterprise-arranged meal cost (in all, with the diners) is not recorded, so the cost per person cannot be checked against the reception standard; fill it in"), vec![K::ReceptionMealPerPerson]),
            R::TobaccoOrPremiumLiquor => (Violation, "二(一)6", ("工作餐提供香烟或高档酒水", "cigarettes or premium liquor at a working meal"),
                ("工作餐提供了香烟或高档酒水（公务接待标准禁止）", "cigarettes or premium liquor were served at a working meal (the reception rules forbid them)"), vec![]),
            R::AlcoholServed => (Warning, "二(一)6", ("工作餐饮酒", "alcohol at a working meal"),
                ("工作餐提供了其他酒水", "other alcohol was served at a working meal"), vec![]),
            R::TooManyCompanions => (Warning, "二(一)6", ("陪餐人数超标", "too many companions at a reception meal"),
                ("公务接待陪餐人数超过规定（接待对象 10 人以内不超过 3 人，超过 10 人不超过三分之一）", "more companions than the reception rules allow (at most 3 for up to 10 guests, else at most a third)"), vec![]),
            R::TripPaidByEnterprise => (Violation, "二(一)5", ("企业支付公职人员差旅费用", "trip expense paid by an enterprise"),
                ("随企出行中公职人员的费用由企业支付（应按公务出差标准单独核算）", "an official's trip expense was paid by an enterprise (costs are settled separately at the official standard)"), vec![]),
            R::LodgingAboveCap => (Warning, "二(一)5", ("住宿费超标准", "lodging above the cap"),
                ("每晚住宿费超过职级和目的地的住宿费限额", "lodging per night above the cap for the official's tier and the destination"), vec![K::LodgingCap]),
            R::SettlementAboveStandard => (Warning, "二(一)5", ("伙食或市内交通结算超标准", "meal or city transport settlement above the standard"),
                ("伙食费或市内交通费结算超过天数 × 补助标准", "meals or city transport settled above days × the allowance"), vec![K::TravelMealAllowance, K::CityTransportAllowance]),
            R::SettlementShortOfStandard => (Note, "二(一)5", ("伙食或市内交通结算低于标准", "meal or city transport settlement below the standard"),
                ("伙食费或市内交通费结算少于天数 × 补助标准（可按标准补结）", "meals or city transport settled below days × the allowance (the rest may be claimed)"), vec![K::TravelMealAllowance, K::CityTransportAllowance]),
            R::UninvitedRedListInspection => (Warning, "二(一)8", ("未经邀请检查红名单企业", "uninvited inspection of a red-listed enterprise"),
                ("对红名单企业的检查不是应企业邀请（非请不扰）", "a red-listed enterprise was inspected without its invitation (not disturbed uninvited)"), vec![]),
            R::PreHolidayInspection => (Note, "二(二)3", ("节假日前执法检查", "inspection before a holiday"),
                ("具有行政执法权的公职人员在法定节假日前若干天内检查企业", "an official with enforcement powers inspected an enterprise within the configured days before a statutory holiday"), vec![K::PreHolidayDays]),
            R::LateRegistration => (Warning, "—", ("补登：所属月份登记簿已签署后才登记", "late registration: entered after its month's register was signed"),
                ("记录所属月份的本处室登记簿已签署，记录其后才登记（补登）；列入其后签署的登记簿“补登”部分。收受礼品的引《实施意见》二(一)5“必须登记上交”，其他记录为本局登记制度的要求", "the record is dated in a month whose register the department had already signed when it was entered (补登); the next signed register carries it in its late-registrations section. A received gift cites 二(一)5 (“must be registered and surrendered”); for other records the duty is the bureau's own register"), vec![]),
            R::StandardMissing => (Note, "—", ("标准未设置", "standard not set"),
                ("规则所需的标准未设置，无法检查；提示管理员设置哪一项（引用该规则的条款）", "a standard a rule needs is not set, so the rule cannot check; tells the administrator what to set (citing that rule's clause)"), vec![]),
        };
        RuleInfo {
            id: self,
            severity,
            citation: Citation::policy(clause),
            title: Text::new(title.0, title.1),
            when: Text::new(when.0, when.1),
            standards,
        }
    }
}

/// The whole rule list, in order.
pub fn catalogue() -> Vec<RuleInfo> {
    RuleId::ALL.iter().map(|r| r.info()).collect()
}

/// `docs/rules.md`: the rule list for people, generated so it cannot drift from the
/// code (a test compares it).
pub fn markdown() -> String {
    let mut out = String::from(
        "# Compliance rules / 合规检查规则\n\n\
         Generated from `src-tauri/rules/catalogue.rs` by `make docs`; a test fails when it is stale.\n\n",
    );
    out.push_str(&format!(
        "Clauses cite 《{}》 ({}), {}.\n\n",
        POLICY.title, POLICY.title_en, POLICY.version
    ));
    out.push_str(
        "A record is judged on the directory as it stood on the record's date (a trip: its \
         first day): an enterprise's list status and canteen rate, an official's enforcement \
         powers and travel tier are the versions the audit log shows in force that day (the \
         first version, for a day before the entry existed). A later change — an enterprise \
         red-listed in May — leaves earlier records' findings as they were. Standards are \
         read by their own effective dates.\n\n\
         记录按其日期（出行为首日）当天的名录判断：企业的信用名单状态与食堂标准、公职人员的执法权限与\
         差旅级别，取审计日志中当天有效的版本（早于该条目建立之日的，取其第一个版本）。之后的变更（如\
         企业五月被列入红名单）不改变此前记录的检查结果。标准按其自身生效日期适用。\n\n\
         A late registration (`late-registration`) is a record entered after its department \
         signed the register of the month it is dated in. The policy sets no deadline for \
         registering, so it is a warning, not a violation; it cites 二(一)5 for a gift \
         received (the one record the policy says must be registered) and no clause \
         otherwise. Its days late count from the day that register was signed to the day \
         the record entered the month; the department's next signed register lists it in \
         六、以前月份补登, and the original month's verification names that register.\n\n\
         补登（`late-registration`）：记录所属月份的本处室登记簿签署之后才登记的记录。《实施意见》\
         未规定登记时限，故为提醒而非违规；收受礼品引二(一)5（“必须登记上交”），其他记录不引条款。\
         “晚于签署（天）”自该登记簿签署之日算至记录登记之日；本处室其后签署的下一份登记簿在“六、\
         以前月份补登”中列出，原月份登记簿的核验结果注明由哪一份登记簿列入。\n\n",
    );
    out.push_str("| Id | Severity 级别 | Clause 条款 | Rule 规则 | When 何时 | Standards 标准 |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for rule in catalogue() {
        let severity = match rule.severity {
            Severity::Violation => "violation 违规",
            Severity::Warning => "warning 提醒",
            Severity::Note => "note 提示",
        };
        let standards = rule
            .standards
            .iter()
            .map(|k| format!("`{}`", k.tag()))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!(
            "| `{}` | {severity} | {} | {}<br>{} | {}<br>{} | {standards} |\n",
            rule.id.tag(),
            rule.citation.clause,
            rule.title.zh,
            rule.title.en,
            rule.when.zh,
            rule.when.en,
        ));
    }
    out.push_str("\n## Standards / 标准\n\n| Key | 名称 | Name | Shipped default 默认值 |\n|---|---|---|---|\n");
    let shipped = super::standards::shipped();
    for key in StandardKey::ALL {
        let default = shipped
            .iter()
            .find(|s| s.standard.key == key)
            .map(|s| {
                format!(
                    "{} from {} ({})",
                    s.standard.value, s.standard.effective_from, s.standard.source
                )
            })
            .unwrap_or_else(|| "— (an administrator sets it / 由管理员设置)".into());
        let (zh, en) = key.label();
        out.push_str(&format!("| `{}` | {zh} | {en} | {default} |\n", key.tag()));
    }
    out.push_str("\nMoney values are in fen (分). The holiday calendar ships from the State Council's notices (`assets/standards/holidays.json`).\n");
    out
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PolicyDocument {
    pub id: String,
    pub title: String,
    pub title_en: String,
    pub version: String,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StandardInfo {
    pub key: StandardKey,
    pub unit: StandardUnit,
    pub label: String,
    pub label_en: String,
    pub by_city: bool,
    pub by_tier: bool,
}

/// Everything the rules are: the document cited, each rule, each standard.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RuleCatalogue {
    pub document: PolicyDocument,
    pub rules: Vec<RuleInfo>,
    pub standards: Vec<StandardInfo>,
    /// Where the shipped holiday calendar comes from.
    pub holiday_source: String,
}

pub fn rule_catalogue() -> RuleCatalogue {
    RuleCatalogue {
        document: PolicyDocument {
            id: POLICY.id.into(),
            title: POLICY.title.into(),
            title_en: POLICY.title_en.into(),
            version: POLICY.version.into(),
        },
        rules: catalogue(),
        standards: StandardKey::ALL
            .iter()
            .map(|&key| StandardInfo {
                key,
                unit: key.unit(),
                label: key.label().0.into(),
                label_en: key.label().1.into(),
                by_city: key.by_city(),
                by_tier: key.by_tier(),
            })
            .collect(),
        holiday_source: calendar::shipped_source().into(),
    }
}
