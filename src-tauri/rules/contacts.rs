//! Contacts (二(一)8, 二(二)3): red-listed enterprises are not inspected uninvited
//! (非请不扰); inspections by officials with enforcement powers just before a
//! statutory holiday are watched.

use super::catalogue::RuleId;
use super::context::Context;
use super::finding::{at, standard_missing, Finding, Found, ANY_SCOPE};
use super::standards::StandardKey;
use super::text::Text;
use crate::domain::directory::CreditStatus;
use crate::domain::invalid::PathSegment;
use crate::domain::records::contact::{Activity, Contact, Initiator};

pub fn check(contact: &Contact, context: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    if contact.activity != Activity::Inspection {
        return out;
    }
    if contact.initiated_by == Initiator::Us {
        for (i, id) in contact.counterpart_ids.iter().enumerate() {
            let Some(counterpart) = context.counterparts.get(id) else {
                continue;
            };
            if counterpart.credit_status == CreditStatus::Red {
                out.push(
                    Found::new(
                        RuleId::UninvitedRedListInspection,
                        at(&["contact"], &["counterpartIds".into(), PathSegment::from(i as u32)]),
                        Text::new(
                            format!("{} 在信用红名单上，本次检查并非应其邀请（非请不扰，法定必要检查执法除外）", counterpart.name),
                            format!("{} is on the credit red list and did not invite this inspection (unless it is a statutory inspection)", counterpart.name),
                        ),
                    )
                    .done(),
                );
            }
        }
    }
    let enforcers: Vec<_> = contact
        .official_ids
        .iter()
        .filter_map(|id| {
            context
                .officials
                .get(id)
                .filter(|o| o.enforcement_powers)
                .map(|o| (*id, o))
        })
        .collect();
    if enforcers.is_empty() {
        return out;
    }
    let field = at(&["contact"], &["date".into()]);
    let Some(days) = context
        .standards
        .value(StandardKey::PreHolidayDays, contact.date)
    else {
        out.push(standard_missing(
            RuleId::PreHolidayInspection,
            StandardKey::PreHolidayDays,
            field,
            ANY_SCOPE,
        ));
        return out;
    };
    let Some((holiday, zh, en)) = context
        .calendar
        .next_holiday_start(contact.date, days.unsigned_abs())
    else {
        return out;
    };
    let until = (holiday - contact.date).num_days();
    for (id, official) in enforcers {
        out.push(
            Found::new(
                RuleId::PreHolidayInspection,
                field.clone(),
                Text::new(
                    format!("具有执法权的{}在{zh}（{holiday}）前 {until} 天检查企业", official.name),
                    format!("{}, who holds enforcement powers, inspected {until} days before {en} ({holiday})", official.name),
                ),
            )
            .official(id)
            .done(),
        );
    }
    out
}
