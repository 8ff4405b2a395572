//! Reading records: a page of a filtered list (by cursor or by page number), the
//! totals of a filter, and a record's history.

use crate::core::Core;
use crate::domain::records::RecordId;
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::store::records::{self, Cursor, RecordFilter, RecordPage, RecordTotals, RecordVersion};
use crate::store::StoreError;

/// Where a page starts: after a cursor, or at a page number (1-based), not both.
pub struct Paging {
    pub after: Option<Cursor>,
    /// Page size, 1–500 (default 50).
    pub limit: Option<u32>,
    pub page: Option<u32>,
}

/// A page of the records `filter` selects, as of today unless it says otherwise.
pub fn page(core: &Core, filter: RecordFilter, paging: Paging) -> Result<RecordPage, AppError> {
    let limit = paging.limit.unwrap_or(50);
    if !(1..=500).contains(&limit) {
        return Err(fail(
            path!["limit"],
            Problem::OutOfRange { min: 1, max: 500 },
        ));
    }
    check_date_range(&filter)?;
    let mut filter = filter;
    filter.as_of = filter.as_of.or(Some(core.today()));
    let reader = core.reader();
    let after = match (paging.page, paging.after) {
        (Some(_), Some(_)) => {
            return Err(fail(path!["page"], Problem::NotApplicable));
        }
        (Some(page), None) => {
            if page == 0 {
                return Err(fail(
                    path!["page"],
                    Problem::OutOfRange {
                        min: 1,
                        max: i64::from(u32::MAX),
                    },
                ));
            }
            let skip = u64::from(page - 1) * u64::from(limit);
            match records::cursor_at(&reader, &filter, skip)? {
                Some(cursor) => Some(cursor),
                // Past the last page: nothing to show.
                None if skip > 0 => return Ok(RecordPage::empty()),
                None => None,
            }
        }
        (None, after) => after,
    };
    Ok(records::list(&reader, &filter, after.as_ref(), limit)?)
}

/// How many records `filter` selects, and the sum of their amounts.
pub fn totals(core: &Core, filter: RecordFilter) -> Result<RecordTotals, AppError> {
    check_date_range(&filter)?;
    let mut filter = filter;
    filter.as_of = filter.as_of.or(Some(core.today()));
    Ok(records::totals(&core.reader(), &filter)?)
}

fn check_date_range(filter: &RecordFilter) -> Result<(), AppError> {
    if let (Some(from), Some(to)) = (filter.from, filter.to) {
        if to < from {
            return Err(fail(
                path!["filter", "to"],
                Problem::DateBefore { after: "from" },
            ));
        }
    }
    Ok(())
}

/// Every version of a record from the audit log, oldest first.
pub fn history(core: &Core, id: RecordId) -> Result<Vec<RecordVersion>, AppError> {
    let conn = core.reader();
    if records::get(&conn, id)?.is_none() {
        return Err(StoreError::not_found("record", id).into());
    }
    Ok(records::history(&conn, id)?)
}
