use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::directory::{CounterpartId, OfficialId};
use crate::domain::invalid::{Invalid, Problem};
use crate::domain::limits;
use crate::domain::money::Fen;
use crate::domain::validation::{self, amount, optional_text, range, required_text, Checks};
use crate::path;

/// A gift received from an enterprise, or given by the unit (二(一)5, 二(二)9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Gift {
    Received(ReceivedGift),
    Given(GivenGift),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum GiftCategory {
    Goods,
    LocalSpecialty,
    Cash,
    RedEnvelope,
    ElectronicRedEnvelope,
    PrepaidCard,
    Securities,
    /// Offered benefits (二(二)9):
    Loan,
    CarUse,
    PaidPostForRelative,
    SponsorshipDemand,
    OtherBenefit,
}

impl GiftCategory {
    /// Cash, its equivalents and benefits may only be declined, returned or
    /// surrendered: keeping or paying for them is what the rules flag.
    pub fn is_cash_like_or_benefit(self) -> bool {
        !matches!(self, GiftCategory::Goods | GiftCategory::LocalSpecialty)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Beneficiary {
    /// The official themself.
    Official,
    Relative {
        relation: String,
    },
}

/// What happened to a received gift. Each step has its own date and evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Disposition {
    /// Not yet disposed of: the surrender deadline runs.
    Pending,
    /// 拒收: refused on the spot.
    Declined { date: NaiveDate },
    /// 退还: given back to the giver.
    Returned { date: NaiveDate, evidence: String },
    /// 登记上交: surrendered to the unit or the discipline office.
    Surrendered {
        date: NaiveDate,
        to: String,
        voucher_no: String,
    },
    /// 按价付款: paid for at its price.
    Paid {
        date: NaiveDate,
        amount: Fen,
        receipt_no: String,
    },
    /// Kept without payment: recorded as it happened; the rules flag it.
    Kept { date: NaiveDate },
}

impl Disposition {
    /// The variant's name as it appears in JSON (`surrendered`).
    pub fn tag(&self) -> &'static str {
        match self {
            Disposition::Pending => "pending",
            Disposition::Declined { .. } => "declined",
            Disposition::Returned { .. } => "returned",
            Disposition::Surrendered { .. } => "surrendered",
            Disposition::Paid { .. } => "paid",
            Disposition::Kept { .. } => "kept",
        }
    }

    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Disposition::Pending => None,
            Disposition::Declined { date }
            | Disposition::Returned { date, .. }
            | Disposition::Surrendered { date, .. }
            | Disposition::Paid { date, .. }
            | Disposition::Kept { date } => Some(*date),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReceivedGift {
    pub date: NaiveDate,
    /// The official who received it (or whose relative did).
    pub official_id: OfficialId,
    pub giver_name: String,
    pub counterpart_id: Option<CounterpartId>,
    pub beneficiary: Beneficiary,
    pub item: String,
    pub category: GiftCategory,
    pub quantity: u32,
    pub estimated_value: Fen,
    pub disposition: Disposition,
}

/// A ceremonial gift given by the unit at its own cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GivenGift {
    pub date: NaiveDate,
    /// The official responsible for giving it.
    pub official_id: OfficialId,
    pub recipient: String,
    pub counterpart_id: Option<CounterpartId>,
    pub occasion: String,
    pub item: String,
    pub quantity: u32,
    pub value: Fen,
    pub funding: String,
}

impl Gift {
    pub fn date(&self) -> NaiveDate {
        match self {
            Gift::Received(g) => g.date,
            Gift::Given(g) => g.date,
        }
    }

    pub fn official_id(&self) -> OfficialId {
        match self {
            Gift::Received(g) => g.official_id,
            Gift::Given(g) => g.official_id,
        }
    }

    pub fn counterpart_id(&self) -> Option<CounterpartId> {
        match self {
            Gift::Received(g) => g.counterpart_id,
            Gift::Given(g) => g.counterpart_id,
        }
    }

    pub fn value(&self) -> Fen {
        match self {
            Gift::Received(g) => g.estimated_value,
            Gift::Given(g) => g.value,
        }
    }

    pub fn search_fields(&self) -> Vec<(&'static str, &str)> {
        match self {
            Gift::Received(g) => vec![("item", &g.item), ("giverName", &g.giver_name)],
            Gift::Given(g) => vec![
                ("item", &g.item),
                ("recipient", &g.recipient),
                ("occasion", &g.occasion),
            ],
        }
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        match self {
            Gift::Received(g) => g.validate(),
            Gift::Given(g) => g.validate(),
        }
    }
}

impl ReceivedGift {
    fn validate(&self) -> Result<(), Invalid> {
        let mut checks = Checks::new();
        checks.check(required_text(
            path!["giverName"],
            &self.giver_name,
            limits::GIFT_GIVER_NAME,
        ));
        if let Beneficiary::Relative { relation } = &self.beneficiary {
            checks.check(required_text(
                path!["beneficiary", "relative", "relation"],
                relation,
                limits::GIFT_RELATION,
            ));
        }
        checks.check(required_text(path!["item"], &self.item, limits::GIFT_ITEM));
        checks.check(range(
            path!["quantity"],
            i64::from(self.quantity),
            1,
            100_000,
        ));
        checks.check(amount(path!["estimatedValue"], self.estimated_value, 0));
        let at = |field: &str| path!["disposition", self.disposition.tag(), field];
        if let Some(date) = self.disposition.date() {
            if date < self.date {
                checks.fail(at("date"), Problem::DateBefore { after: "date" });
            }
        }
        match &self.disposition {
            Disposition::Returned { evidence, .. } => {
                checks.check(optional_text(
                    at("evidence"),
                    evidence,
                    limits::GIFT_EVIDENCE,
                ));
            }
            Disposition::Surrendered { to, voucher_no, .. } => {
                checks.check(required_text(at("to"), to, limits::GIFT_SURRENDERED_TO));
                checks.check(required_text(
                    at("voucherNo"),
                    voucher_no,
                    limits::GIFT_VOUCHER_NO,
                ));
            }
            Disposition::Paid {
                amount, receipt_no, ..
            } => {
                checks.check(validation::amount(at("amount"), *amount, 1));
                checks.check(required_text(
                    at("receiptNo"),
                    receipt_no,
                    limits::GIFT_RECEIPT_NO,
                ));
            }
            Disposition::Pending | Disposition::Declined { .. } | Disposition::Kept { .. } => {}
        }
        checks.finish()
    }
}

impl GivenGift {
    fn validate(&self) -> Result<(), Invalid> {
        let mut checks = Checks::new();
        checks.check(required_text(
            path!["recipient"],
            &self.recipient,
            limits::GIFT_RECIPIENT,
        ));
        checks.check(required_text(
            path!["occasion"],
            &self.occasion,
            limits::GIFT_OCCASION,
        ));
        checks.check(required_text(path!["item"], &self.item, limits::GIFT_ITEM));
        checks.check(range(
            path!["quantity"],
            i64::from(self.quantity),
            1,
            100_000,
        ));
        checks.check(amount(path!["value"], self.value, 0));
        checks.check(required_text(
            path!["funding"],
            &self.funding,
            limits::GIFT_FUNDING,
        ));
        checks.finish()
    }
}
