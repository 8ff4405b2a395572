//! The words a register prints. A register is a Chinese bureau's document, printed
//! in Chinese whatever the app's language (the app shows its own labels elsewhere).

use crate::domain::records::contact::{Activity, Initiator};
use crate::domain::records::gift::{Beneficiary, Disposition, GiftCategory};
use crate::domain::records::meal::MealMode;
use crate::domain::records::trip::{ExpenseCategory, Payer};
use crate::domain::records::RecordKind;
use crate::domain::workflow::ReviewStatus;
use crate::rules::Severity;

pub fn meal_mode(mode: MealMode) -> &'static str {
    match mode {
        MealMode::OfficialWorkingMeal => "公务工作餐",
        MealMode::CanteenMeal => "企业食堂工作餐",
        MealMode::EnterpriseArranged => "企业安排工作餐",
    }
}

pub fn activity(activity: &Activity) -> &'static str {
    match activity {
        Activity::Visit => "走访",
        Activity::Forum => "座谈会",
        Activity::TeaTalk => "茶叙",
        Activity::Promotion => "推介活动",
        Activity::Signing => "签约活动",
        Activity::Inspection => "检查",
        Activity::Other => "其他",
    }
}

pub fn initiator(initiator: Initiator) -> &'static str {
    match initiator {
        Initiator::Counterpart => "企业邀请",
        Initiator::Us => "我方发起",
    }
}

pub fn gift_category(category: GiftCategory) -> &'static str {
    match category {
        GiftCategory::Goods => "物品",
        GiftCategory::LocalSpecialty => "土特产",
        GiftCategory::Cash => "礼金",
        GiftCategory::RedEnvelope => "红包",
        GiftCategory::ElectronicRedEnvelope => "电子红包",
        GiftCategory::PrepaidCard => "购物卡、消费卡",
        GiftCategory::Securities => "有价证券",
        GiftCategory::Loan => "借款",
        GiftCategory::CarUse => "借用车辆",
        GiftCategory::PaidPostForRelative => "为亲属安排有偿职位",
        GiftCategory::SponsorshipDemand => "赞助",
        GiftCategory::OtherBenefit => "其他利益",
    }
}

pub fn beneficiary(beneficiary: &Beneficiary) -> String {
    match beneficiary {
        Beneficiary::Official => "本人".into(),
        Beneficiary::Relative { relation } => format!("亲属（{relation}）"),
    }
}

pub fn disposition(disposition: &Disposition) -> String {
    match disposition {
        Disposition::Pending => "待处置".into(),
        Disposition::Declined { date } => format!("{} 拒收", date.format("%Y-%m-%d")),
        Disposition::Returned { date, evidence } => {
            format!("{} 退还{}", date.format("%Y-%m-%d"), bracketed(evidence))
        }
        Disposition::Surrendered {
            date,
            to,
            voucher_no,
        } => format!(
            "{} 上交{}{}",
            date.format("%Y-%m-%d"),
            to,
            bracketed(voucher_no)
        ),
        Disposition::Paid {
            date,
            amount,
            receipt_no,
        } => format!(
            "{} 按价付款 {}{}",
            date.format("%Y-%m-%d"),
            amount.display(),
            bracketed(receipt_no)
        ),
        Disposition::Kept { date } => format!("{} 留用", date.format("%Y-%m-%d")),
    }
}

pub fn expense_category(category: ExpenseCategory) -> &'static str {
    match category {
        ExpenseCategory::IntercityTransport => "城市间交通费",
        ExpenseCategory::Lodging => "住宿费",
        ExpenseCategory::Meals => "伙食补助费",
        ExpenseCategory::LocalTransport => "市内交通费",
        ExpenseCategory::Other => "其他",
    }
}

pub fn payer(payer: Payer) -> &'static str {
    match payer {
        Payer::Unit => "单位",
        Payer::Official => "个人",
        Payer::Enterprise => "企业",
    }
}

pub fn severity(severity: Severity) -> &'static str {
    severity.describe().0
}

pub fn kind(kind: RecordKind) -> &'static str {
    kind.describe().0
}

pub fn status(status: ReviewStatus) -> &'static str {
    status.describe().0
}

fn bracketed(text: &str) -> String {
    if text.trim().is_empty() {
        String::new()
    } else {
        format!("（{}）", text.trim())
    }
}
