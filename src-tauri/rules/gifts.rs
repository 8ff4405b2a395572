//! Gifts (二(一)5, 二(二)9): what was received must be declined, returned, surrendered
//! or paid for at its price within the deadline; cash and its equivalents and
//! benefits may only be declined, returned or surrendered. Gifts the unit gives stay
//! within the ceremonial-gift cap.

use chrono::{Days, Months, NaiveDate};

use super::catalogue::RuleId;
use super::context::Context;
use super::finding::{at, money, standard_missing, Finding, Found, ANY_SCOPE};
use super::standards::StandardKey;
use super::text::Text;
use crate::domain::invalid::PathSegment;
use crate::domain::records::gift::{Beneficiary, Disposition, Gift, GivenGift, ReceivedGift};

const RECEIVED: &[&str] = &["gift", "received"];
const GIVEN: &[&str] = &["gift", "given"];

pub fn check(gift: &Gift, context: &Context<'_>) -> Vec<Finding> {
    match gift {
        Gift::Received(g) => received(g, context),
        Gift::Given(g) => given(g, context),
    }
}

fn field(rest: &[&str]) -> Vec<PathSegment> {
    at(
        RECEIVED,
        &rest
            .iter()
            .map(|s| PathSegment::from(*s))
            .collect::<Vec<_>>(),
    )
}

/// "（受益人：亲属（配偶））" when a relative benefited.
fn beneficiary(g: &ReceivedGift) -> (String, String) {
    match &g.beneficiary {
        Beneficiary::Official => (String::new(), String::new()),
        Beneficiary::Relative { relation } => (
            format!("（受益人：亲属“{relation}”）"),
            format!(" (beneficiary: a relative, {relation})"),
        ),
    }
}

/// The last day a gift may still be disposed of: receipt + the months in force.
fn deadline(g: &ReceivedGift, context: &Context<'_>) -> Option<NaiveDate> {
    let months = context
        .standards
        .value(StandardKey::SurrenderDeadlineMonths, g.date)?;
    g.date
        .checked_add_months(Months::new(u32::try_from(months).ok()?))
}

fn received(g: &ReceivedGift, context: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let (who_zh, who_en) = beneficiary(g);
    let disposition = || field(&["disposition", g.disposition.tag()]);
    let value = money(g.estimated_value.0);
    let cash_like = g.category.is_cash_like_or_benefit();

    if cash_like
        && matches!(
            g.disposition,
            Disposition::Kept { .. } | Disposition::Paid { .. }
        )
    {
        let how = if matches!(g.disposition, Disposition::Paid { .. }) {
            ("付款留用", "paid for and kept")
        } else {
            ("留用", "kept")
        };
        out.push(
            Found::new(
                RuleId::CashLikeKept,
                disposition(),
                Text::new(
                    format!("“{}”（估价 {value}）属礼金、消费卡、有价证券或利益，被{}{who_zh}；只能拒收、退还或登记上交", g.item, how.0),
                    format!("“{}” (estimated {value}) is cash-like or a benefit and was {}{who_en}; it may only be declined, returned or surrendered", g.item, how.1),
                ),
            )
            .done(),
        );
    }
    if !cash_like {
        match &g.disposition {
            Disposition::Kept { .. } => out.push(
                Found::new(
                    RuleId::GiftKeptUnpaid,
                    disposition(),
                    Text::new(
                        format!("“{}”（估价 {value}）既未登记上交也未按价付款而留用{who_zh}", g.item),
                        format!("“{}” (estimated {value}) was kept without surrender or payment{who_en}", g.item),
                    ),
                )
                .done(),
            ),
            Disposition::Paid { amount, .. } => {
                if *amount < g.estimated_value {
                    out.push(
                        Found::new(
                            RuleId::GiftPaidBelowValue,
                            field(&["disposition", "paid", "amount"]),
                            Text::new(
                                format!("“{}”估价 {value}，实付 {}，少付 {}", g.item, money(amount.0), money(g.estimated_value.0 - amount.0)),
                                format!("“{}” is estimated at {value} but {} was paid ({} short)", g.item, money(amount.0), money(g.estimated_value.0 - amount.0)),
                            ),
                        )
                        .done(),
                    );
                }
                match context.standards.value(StandardKey::GiftSurrenderThreshold, g.date) {
                    Some(threshold) if g.estimated_value.0 >= threshold => out.push(
                        Found::new(
                            RuleId::GiftHighValuePaid,
                            disposition(),
                            Text::new(
                                format!("“{}”估价 {value}，达到须上交标准 {}，应登记上交而非付款留用", g.item, money(threshold)),
                                format!("“{}” is estimated at {value}, at or above the surrender threshold of {}: it must be surrendered, not paid for", g.item, money(threshold)),
                            ),
                        )
                        .done(),
                    ),
                    Some(_) => {}
                    None => out.push(standard_missing(RuleId::GiftHighValuePaid, StandardKey::GiftSurrenderThreshold, disposition(), ANY_SCOPE)),
                }
            }
            _ => {}
        }
    }
    out.extend(deadline_findings(g, context, cash_like));
    out
}

/// The deadline: a reminder before it, a violation after it while nothing was done,
/// and a violation for a disposition that came late.
fn deadline_findings(g: &ReceivedGift, context: &Context<'_>, cash_like: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let disposition = field(&["disposition", g.disposition.tag()]);
    if matches!(
        g.disposition,
        Disposition::Declined { .. } | Disposition::Kept { .. }
    ) {
        return out;
    }
    let Some(deadline) = deadline(g, context) else {
        if g.disposition == Disposition::Pending {
            out.push(standard_missing(
                RuleId::GiftOverdue,
                StandardKey::SurrenderDeadlineMonths,
                disposition,
                ANY_SCOPE,
            ));
        }
        return out;
    };
    let after = deadline.checked_add_days(Days::new(1));
    match g.disposition.date() {
        None => {
            let notice = context
                .standards
                .value(StandardKey::DeadlineNoticeDays, g.date)
                .unwrap_or(0);
            if cash_like {
                out.push(
                    Found::new(
                        RuleId::CashLikePending,
                        disposition.clone(),
                        Text::new(
                            format!("“{}”属礼金、消费卡、有价证券或利益，只能退还或登记上交，须于 {deadline} 前处置", g.item),
                            format!("“{}” is cash-like or a benefit: it may only be returned or surrendered, by {deadline}", g.item),
                        ),
                    )
                    .between(None, Some(deadline))
                    .done(),
                );
            } else if notice > 0 {
                let from = deadline.checked_sub_days(Days::new(notice as u64));
                out.push(
                    Found::new(
                        RuleId::GiftDeadlineNear,
                        disposition.clone(),
                        Text::new(
                            format!("“{}”须于 {deadline} 前登记上交、退还或按价付款", g.item),
                            format!(
                                "“{}” must be surrendered, returned or paid for by {deadline}",
                                g.item
                            ),
                        ),
                    )
                    .between(from.map(|d| d.max(g.date)), Some(deadline))
                    .done(),
                );
            }
            out.push(
                Found::new(
                    RuleId::GiftOverdue,
                    disposition,
                    Text::new(
                        format!("“{}”于 {} 收受，上交期限 {deadline} 已过，仍未处置", g.item, g.date),
                        format!("“{}” was received on {} and is still not disposed of after the deadline of {deadline}", g.item, g.date),
                    ),
                )
                .between(after, None)
                .done(),
            );
        }
        Some(done) if done > deadline => {
            let late = (done - deadline).num_days();
            out.push(
                Found::new(
                    RuleId::GiftOverdue,
                    field(&["disposition", g.disposition.tag(), "date"]),
                    Text::new(
                        format!("“{}”于 {done} 才处置，超过上交期限 {deadline} 共 {late} 天", g.item),
                        format!("“{}” was disposed of on {done}, {late} days after the deadline of {deadline}", g.item),
                    ),
                )
                .done(),
            );
        }
        Some(_) => {}
    }
    out
}

fn given(g: &GivenGift, context: &Context<'_>) -> Vec<Finding> {
    let field = at(GIVEN, &["value".into()]);
    let Some(cap) = context
        .standards
        .value(StandardKey::CeremonialGiftCap, g.date)
    else {
        return vec![standard_missing(
            RuleId::CeremonialGiftOverCap,
            StandardKey::CeremonialGiftCap,
            field,
            ANY_SCOPE,
        )];
    };
    let quantity = i64::from(g.quantity.max(1));
    if g.value.0 <= cap.saturating_mul(quantity) {
        return Vec::new();
    }
    let per_item = g.value.0 / quantity;
    vec![Found::new(
        RuleId::CeremonialGiftOverCap,
        field,
        Text::new(
            format!(
                "赠送“{}”{} 件共 {}，每件约 {}，超过礼节性礼品限额 {}",
                g.item,
                g.quantity,
                money(g.value.0),
                money(per_item),
                money(cap)
            ),
            format!(
                "“{}”: {} items for {}, about {} each, above the ceremonial-gift cap of {}",
                g.item,
                g.quantity,
                money(g.value.0),
                money(per_item),
                money(cap)
            ),
        ),
    )
    .done()]
}
