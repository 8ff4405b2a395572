//! How many characters each text field takes. One table for the core's validation and
//! the window's counters (exported to `ui/src/api/bindings/limits.ts` by `make
//! bindings`), so a form never counts towards a length the core then refuses.

macro_rules! text_limits {
    ($($(#[$doc:meta])* $name:ident = $key:literal: $max:literal;)*) => {
        $($(#[$doc])* pub const $name: usize = $max;)*

        /// Every limit by its key in the window (`form.field`).
        pub const ALL: &[(&str, usize)] = &[$(($key, $max)),*];
    };
}

text_limits! {
    TRIP_PURPOSE = "trip.purpose": 200;
    TRIP_DESTINATION = "trip.destination": 100;
    /// A trip expense line's receipt number.
    TRIP_RECEIPT_NO = "trip.receiptNo": 60;
    MEAL_PLACE = "meal.place": 100;
    MEAL_RECEIPT_NO = "meal.receiptNo": 60;
    GIFT_GIVER_NAME = "gift.giverName": 60;
    /// The relative a gift was given to: 配偶, 子女 …
    GIFT_RELATION = "gift.relation": 20;
    GIFT_ITEM = "gift.item": 100;
    GIFT_EVIDENCE = "gift.evidence": 200;
    /// Where a surrendered gift went (the unit that took it in).
    GIFT_SURRENDERED_TO = "gift.to": 60;
    GIFT_VOUCHER_NO = "gift.voucherNo": 60;
    GIFT_RECEIPT_NO = "gift.receiptNo": 60;
    GIFT_RECIPIENT = "gift.recipient": 60;
    GIFT_OCCASION = "gift.occasion": 100;
    GIFT_FUNDING = "gift.funding": 60;
    CONTACT_PURPOSE = "contact.purpose": 300;
    CONTACT_OUTCOME = "contact.outcome": 1000;
    /// The bureau's name, the 填报单位 on every register.
    BUREAU_NAME = "bureau.name": 60;
    DEPARTMENT_NAME = "department.name": 60;
    OFFICIAL_NAME = "official.name": 40;
    OFFICIAL_STAFF_NO = "official.staffNo": 32;
    OFFICIAL_POSITION = "official.position": 60;
    COUNTERPART_NAME = "counterpart.name": 100;
    COUNTERPART_ADDRESS = "counterpart.address": 200;
    COUNTERPART_CONTACT = "counterpart.contact": 100;
    CITY_PROVINCE = "city.province": 20;
    CITY_NAME = "city.name": 30;
    HOLIDAY_NAME = "holiday.name": 30;
    STANDARD_SOURCE = "standard.source": 200;
    /// Why a record is amended, cancelled or restored.
    RECORD_REASON = "record.reason": 500;
    REVIEW_COMMENT = "review.comment": 500;
    /// Why someone declares a colleague's month empty for them.
    ON_BEHALF_REASON = "attestation.onBehalfReason": 200;
    /// Why a profile's key is revoked (a reset passphrase, a deactivation).
    PROFILE_REASON = "profile.reason": 200;
}

/// Most people a record can name (officials or counterparts).
pub const MAX_PEOPLE: usize = 200;

/// The TypeScript the window imports: `TEXT_LIMITS.meal.place` and so on.
pub fn typescript() -> String {
    let mut forms: Vec<(&str, Vec<(&str, usize)>)> = Vec::new();
    for (key, max) in ALL {
        let (form, field) = key.split_once('.').expect("limit keys are form.field");
        match forms.iter_mut().find(|(name, _)| *name == form) {
            Some((_, fields)) => fields.push((field, *max)),
            None => forms.push((form, vec![(field, *max)])),
        }
    }
    let mut out = super::typescript::header("src-tauri/domain/limits.rs");
    out.push_str(
        "/** How many characters each text field takes (the core refuses more). */\n\
         export const TEXT_LIMITS = {\n",
    );
    for (form, fields) in forms {
        let entries = fields
            .into_iter()
            .map(|(f, max)| (f.to_owned(), max.to_string()));
        super::typescript::object(&mut out, 2, form, entries);
    }
    out.push_str("} as const;\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_a_form_and_a_field_and_said_once() {
        for (i, (key, max)) in ALL.iter().enumerate() {
            let (form, field) = key.split_once('.').expect(key);
            assert!(
                !form.is_empty() && !field.is_empty() && !field.contains('.'),
                "{key}"
            );
            assert!(*max > 0, "{key}");
            assert!(
                !ALL[..i].iter().any(|(other, _)| other == key),
                "{key} twice"
            );
        }
        let ts = typescript();
        assert!(
            ts.contains("  meal: {\n    place: 100,\n    receiptNo: 60,\n  },\n"),
            "{ts}"
        );
    }
}
