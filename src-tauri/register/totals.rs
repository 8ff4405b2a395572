//! The month's amounts, each for what it is. A reader of the register must never take
//! a declined ¥50,000 offer for ¥50,000 received: offers declined or given back are
//! listed and totalled apart, and the grand total says exactly what it adds up.

use serde::Serialize;
use ts_rs::TS;

use crate::domain::money::Fen;
use crate::domain::records::gift::{Disposition, Gift};
use crate::domain::records::RecordBody;
use crate::store::records::StoredRecord;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// Trips' costs, whoever paid.
    pub trips: Fen,
    /// The part of them an enterprise paid (each is also a finding).
    pub trips_enterprise_paid: Fen,
    /// What was paid for meals.
    pub meals_paid: Fen,
    /// Gifts received and kept, or not yet disposed of: their estimated value.
    pub gifts_kept: Fen,
    /// Gifts received and paid for at their price: their estimated value.
    pub gifts_paid_for: Fen,
    /// Gifts received and surrendered: their estimated value.
    pub gifts_surrendered: Fen,
    /// Offers declined, or given back: listed, never counted as received.
    pub gifts_declined_or_returned: Fen,
    /// Gifts the unit gave.
    pub gifts_given: Fen,
    /// Everything above but the declined and returned offers.
    pub grand: Fen,
}

/// The totals of the month's records (cancelled ones count for nothing).
pub fn of(records: &[StoredRecord]) -> Totals {
    let mut t = Totals::default();
    let add = |sum: &mut Fen, amount: Fen| sum.0 += amount.0;
    for record in records.iter().filter(|r| !r.cancelled) {
        match &record.body {
            RecordBody::Trip(trip) => {
                for expense in &trip.expenses {
                    add(&mut t.trips, expense.amount);
                    if expense.payer == crate::domain::records::trip::Payer::Enterprise {
                        add(&mut t.trips_enterprise_paid, expense.amount);
                    }
                }
            }
            RecordBody::Meal(meal) => add(&mut t.meals_paid, meal.amount_paid),
            RecordBody::Gift(Gift::Received(gift)) => {
                let sum = match gift.disposition {
                    Disposition::Pending | Disposition::Kept { .. } => &mut t.gifts_kept,
                    Disposition::Paid { .. } => &mut t.gifts_paid_for,
                    Disposition::Surrendered { .. } => &mut t.gifts_surrendered,
                    Disposition::Declined { .. } | Disposition::Returned { .. } => {
                        &mut t.gifts_declined_or_returned
                    }
                };
                add(sum, gift.estimated_value);
            }
            RecordBody::Gift(Gift::Given(gift)) => add(&mut t.gifts_given, gift.value),
            RecordBody::Contact(_) => {}
        }
    }
    t.grand = Fen(t.trips.0
        + t.meals_paid.0
        + t.gifts_kept.0
        + t.gifts_paid_for.0
        + t.gifts_surrendered.0
        + t.gifts_given.0);
    t
}

impl Totals {
    /// Each total as the register prints it, in order: its label and amount. The
    /// enterprise-paid part and the declined or returned offers are shown but are not
    /// in the grand total (the first is inside the trips' costs, the second was never
    /// received).
    pub fn lines(&self) -> [(&'static str, Fen); 8] {
        [
            ("随企出行费用", self.trips),
            ("其中企业承担", self.trips_enterprise_paid),
            ("就餐支付", self.meals_paid),
            ("收受礼品：留存或待处置", self.gifts_kept),
            ("收受礼品：按价付款", self.gifts_paid_for),
            ("收受礼品：登记上交", self.gifts_surrendered),
            ("拒收、退还（不计入合计）", self.gifts_declined_or_returned),
            ("对外赠礼", self.gifts_given),
        ]
    }

    /// What the grand total adds up, as the register says it.
    pub const GRAND_LABEL: &'static str =
        "本月登记金额合计（随企出行费用、就餐支付、收受并留存、付款或上交的礼品与对外赠礼；拒收、退还的不计入）";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::gift::ReceivedGift;
    use chrono::NaiveDate;
    use uuid::Uuid;

    fn received(value: i64, disposition: Disposition) -> StoredRecord {
        let date = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let json = serde_json::json!({"gift": {"received": {
            "date": "2026-03-05", "officialId": Uuid::nil(), "giverName": "王某", "counterpartId": null,
            "beneficiary": "official", "item": "礼品", "category": "localSpecialty", "quantity": 1,
            "estimatedValue": value, "disposition": "pending"
        }}});
        let mut body: RecordBody = serde_json::from_value(json).unwrap();
        if let RecordBody::Gift(Gift::Received(ReceivedGift { disposition: d, .. })) = &mut body {
            *d = disposition;
        }
        StoredRecord {
            id: Uuid::nil().into(),
            version: 1,
            department_id: Uuid::nil().into(),
            date,
            amount: Fen(value),
            cancelled: false,
            note: String::new(),
            entered_by: String::new(),
            entered_by_name: String::new(),
            entered_at: String::new(),
            body,
        }
    }

    #[test]
    fn a_declined_offer_is_listed_but_never_counted_as_received() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 6).unwrap();
        let mut cancelled = received(7_00, Disposition::Kept { date: day });
        cancelled.cancelled = true;
        let totals = of(&[
            received(5_000_000, Disposition::Declined { date: day }),
            received(
                30_000,
                Disposition::Returned {
                    date: day,
                    evidence: "快递单".into(),
                },
            ),
            received(
                60_000,
                Disposition::Surrendered {
                    date: day,
                    to: "纪检组".into(),
                    voucher_no: "1".into(),
                },
            ),
            received(20_000, Disposition::Pending),
            cancelled,
        ]);
        assert_eq!(totals.gifts_declined_or_returned, Fen(5_030_000));
        assert_eq!(totals.gifts_surrendered, Fen(60_000));
        assert_eq!(totals.gifts_kept, Fen(20_000));
        assert_eq!(totals.grand, Fen(80_000));
    }
}
