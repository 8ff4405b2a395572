//! Lists of records: filters, the order they run in, keyset paging, search (with where
//! each result matched) and the totals of a filtered set.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::error::StoreError;
use super::record_rows::{read_row, StoredRecord, COLUMNS};
use super::search;
use super::sql::Cached;
use crate::domain::directory::{CounterpartId, DepartmentId, OfficialId};
use crate::domain::money::Fen;
use crate::domain::records::{RecordId, RecordKind};
use crate::domain::workflow::ReviewStatus;
use crate::rules::Severity;

/// The order a list runs in: by date of the event or by amount, either way; ties by
/// record id, so that paging never skips or repeats a record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RecordOrder {
    #[default]
    DateDesc,
    DateAsc,
    AmountDesc,
    AmountAsc,
}

impl RecordOrder {
    fn column(self) -> &'static str {
        match self {
            RecordOrder::DateDesc | RecordOrder::DateAsc => "r.occurred_on",
            RecordOrder::AmountDesc | RecordOrder::AmountAsc => "r.amount_fen",
        }
    }

    fn descending(self) -> bool {
        matches!(self, RecordOrder::DateDesc | RecordOrder::AmountDesc)
    }

    fn order_by(self) -> String {
        let way = if self.descending() { "DESC" } else { "ASC" };
        format!("{} {way}, r.id {way}", self.column())
    }

    /// The rows after `cursor` in this order; `n` is the position of the cursor's
    /// second value (its id), the first one just before it.
    fn after(self, n: usize) -> String {
        let past = if self.descending() { "<" } else { ">" };
        format!("({}, r.id) {past} (?{}, ?{n})", self.column(), n - 1)
    }

    fn cursor_key(self, cursor: &Cursor) -> Value {
        match self {
            RecordOrder::DateDesc | RecordOrder::DateAsc => Value::Text(cursor.date.to_string()),
            RecordOrder::AmountDesc | RecordOrder::AmountAsc => Value::Integer(cursor.amount.0),
        }
    }
}

/// Where a page ends; the next page starts after it, in the list's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Cursor {
    pub date: NaiveDate,
    pub amount: Fen,
    pub id: RecordId,
}

impl Cursor {
    fn of(record: &StoredRecord) -> Cursor {
        Cursor {
            date: record.date,
            amount: record.amount,
            id: record.id,
        }
    }
}

/// Filters for a list of records, and its order. All are optional; lists and search
/// results run newest first unless `order` says otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct RecordFilter {
    pub kind: Option<RecordKind>,
    pub department_id: Option<DepartmentId>,
    pub official_id: Option<OfficialId>,
    pub counterpart_id: Option<CounterpartId>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub include_cancelled: bool,
    /// Any substring of names, items, places, purposes (Chinese of any length).
    pub text: Option<String>,
    /// Only records with a finding of this severity (e.g. "has violations").
    pub finding: Option<Severity>,
    /// The day findings are judged on (deadlines run); the command fills in today.
    pub as_of: Option<NaiveDate>,
    /// Only records in this review status (a head's queue: submitted).
    pub status: Option<ReviewStatus>,
    /// The order of a list (and of an export of it); totals do not depend on it.
    pub order: RecordOrder,
}

/// Where a search result matched: the field of the record and the words around the
/// match, so that a list can show why the row is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchMatch {
    /// The field's key in the record body (`purpose`, `item`, `place`…).
    pub field: String,
    pub before: String,
    pub matched: String,
    pub after: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordPage {
    pub items: Vec<StoredRecord>,
    /// Per item, the findings that hold on the filter's day (same order as `items`).
    pub findings: Vec<super::findings::FindingCounts>,
    /// Per item, its review status (same order as `items`).
    pub reviews: Vec<ReviewStatus>,
    /// For a search, per item, where it matched (none when only a directory name it
    /// lists did); empty when the list is not a search.
    pub matches: Vec<Option<SearchMatch>>,
    /// Pass back as `after` for the next page; `None` on the last page.
    pub next: Option<Cursor>,
}

impl RecordPage {
    pub fn empty() -> RecordPage {
        RecordPage {
            items: Vec::new(),
            findings: Vec::new(),
            reviews: Vec::new(),
            matches: Vec::new(),
            next: None,
        }
    }
}

/// How many records match a filter and what their amounts add up to. Separate from
/// the page, because counting a large set costs more than showing fifty of it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordTotals {
    #[ts(type = "number")]
    pub count: i64,
    pub amount: Fen,
}

/// How a query reads the tables for a filter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The records table alone (no text search).
    Records,
    /// Driven from the search index: every match is read, then sorted. Cheap when
    /// the matches are few.
    SearchIndex,
    /// The records table in the list's order, each row checked against the set of
    /// matches: stops after a page when the matches are many.
    SearchMembership,
}

impl Source {
    fn tables(self) -> &'static str {
        match self {
            Source::SearchIndex => "record_search JOIN record r ON r.seq = record_search.rowid",
            Source::Records | Source::SearchMembership => "record r",
        }
    }
}

/// Up to this many matches, a search page sorts all of them; beyond, it walks the
/// order's index (measured on 1,000,000 records: see `tests/benches/records.rs`).
const FEW_MATCHES: i64 = 2_000;

/// The cheapest way to read a page of `filter` (a bounded count of the matches
/// decides for a search).
fn page_source(conn: &Connection, filter: &RecordFilter) -> Result<Source, StoreError> {
    let Some(expression) = match_expression(filter) else {
        return Ok(Source::Records);
    };
    let matches: i64 = conn.one(
        "SELECT COUNT(*) FROM (SELECT 1 FROM record_search WHERE record_search MATCH ?1 LIMIT ?2)",
        rusqlite::params![expression, FEW_MATCHES + 1],
        |r| r.get(0),
    )?;
    Ok(if matches > FEW_MATCHES {
        Source::SearchMembership
    } else {
        Source::SearchIndex
    })
}

fn match_expression(filter: &RecordFilter) -> Option<String> {
    filter.text.as_deref().and_then(search::match_expression)
}

/// The WHERE clause for a filter read from `source`, and its parameters.
fn filter_clause(filter: &RecordFilter, source: Source) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    let mut bind = |clause: &str, value: Value, clauses: &mut Vec<String>| {
        values.push(value);
        clauses.push(clause.replace('?', &format!("?{}", values.len())));
    };
    if !filter.include_cancelled {
        clauses.push("r.cancelled = 0".into());
    }
    if let Some(kind) = filter.kind {
        bind("r.kind = ?", Value::Text(kind.tag().into()), &mut clauses);
    }
    if let Some(department) = filter.department_id {
        bind(
            "r.department_id = ?",
            Value::Text(department.to_string()),
            &mut clauses,
        );
    }
    if let Some(official) = filter.official_id {
        bind(
            "r.id IN (SELECT record_id FROM record_official WHERE official_id = ?)",
            Value::Text(official.to_string()),
            &mut clauses,
        );
    }
    if let Some(counterpart) = filter.counterpart_id {
        bind(
            "r.id IN (SELECT record_id FROM record_counterpart WHERE counterpart_id = ?)",
            Value::Text(counterpart.to_string()),
            &mut clauses,
        );
    }
    if let Some(from) = filter.from {
        bind(
            "r.occurred_on >= ?",
            Value::Text(from.to_string()),
            &mut clauses,
        );
    }
    if let Some(to) = filter.to {
        bind(
            "r.occurred_on <= ?",
            Value::Text(to.to_string()),
            &mut clauses,
        );
    }
    if let Some(expression) = match_expression(filter) {
        let clause = match source {
            // `+` keeps the planner from driving the query from the matches (which,
            // with statistics gathered, it prefers, and which sorts all of them): the
            // walk must follow the order's index and stop after a page.
            Source::SearchMembership => {
                "+r.seq IN (SELECT rowid FROM record_search WHERE record_search MATCH ?)"
            }
            Source::Records | Source::SearchIndex => "record_search MATCH ?",
        };
        bind(clause, Value::Text(expression), &mut clauses);
    }
    match filter.status {
        // Drafts have no review row, or one saying draft.
        Some(ReviewStatus::Draft) => clauses.push(
            "r.id NOT IN (SELECT record_id FROM record_review WHERE status <> 'draft')".into(),
        ),
        Some(status) => bind(
            "r.id IN (SELECT record_id FROM record_review WHERE status = ?)",
            Value::Text(status.tag().into()),
            &mut clauses,
        ),
        None => {}
    }
    if let (Some(severity), Some(day)) = (filter.finding, filter.as_of) {
        values.push(Value::Text(severity.tag().into()));
        values.push(Value::Text(day.to_string()));
        clauses.push(super::findings::holds_condition(
            values.len() - 1,
            values.len(),
        ));
    }
    let filtered = if clauses.is_empty() {
        "1".to_owned()
    } else {
        clauses.join(" AND ")
    };
    (filtered, values)
}

pub fn totals(conn: &Connection, filter: &RecordFilter) -> Result<RecordTotals, StoreError> {
    // Counting reads every match whichever way; from the index it reads no others.
    let source = match match_expression(filter) {
        Some(_) => Source::SearchIndex,
        None => Source::Records,
    };
    let (filtered, values) = filter_clause(filter, source);
    let (count, amount): (i64, i64) = conn.one(
        &format!(
            "SELECT COUNT(*), COALESCE(SUM(r.amount_fen), 0) FROM {} WHERE {filtered}",
            source.tables()
        ),
        params_from_iter(values.iter()),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(RecordTotals {
        count,
        amount: Fen(amount),
    })
}

/// One page of records matching `filter`, after `after`, at most `limit` long.
pub fn list(
    conn: &Connection,
    filter: &RecordFilter,
    after: Option<&Cursor>,
    limit: u32,
) -> Result<RecordPage, StoreError> {
    let source = page_source(conn, filter)?;
    let (mut page_clause, mut values) = filter_clause(filter, source);
    let order = filter.order;
    if let Some(cursor) = after {
        values.push(order.cursor_key(cursor));
        values.push(Value::Text(cursor.id.to_string()));
        page_clause = format!("{page_clause} AND {}", order.after(values.len()));
    }
    let limit = limit.clamp(1, 500);
    values.push(Value::Integer(i64::from(limit) + 1));
    let sql = format!(
        "SELECT {}, {} FROM {} WHERE {page_clause} ORDER BY {} LIMIT ?{}",
        COLUMNS
            .split(", ")
            .map(|c| format!("r.{c}"))
            .collect::<Vec<_>>()
            .join(", "),
        super::profiles::actor_name_sql("r.entered_by"),
        source.tables(),
        order.order_by(),
        values.len()
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut items: Vec<StoredRecord> = stmt
        .query_map(params_from_iter(values.iter()), |row| Ok(read_row(row)))?
        .collect::<Result<Result<_, _>, _>>()??;
    let next = if items.len() > limit as usize {
        items.truncate(limit as usize);
        items.last().map(Cursor::of)
    } else {
        None
    };
    let findings = match filter.as_of {
        Some(day) => items
            .iter()
            .map(|r| super::findings::count_for(conn, r.id, day))
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let reviews = items
        .iter()
        .map(|r| super::review::get(conn, r.id).map(|review| review.state.status))
        .collect::<Result<_, _>>()?;
    let matches = match filter.text.as_deref() {
        Some(query) if source != Source::Records => {
            items.iter().map(|r| search_match(r, query)).collect()
        }
        _ => Vec::new(),
    };
    Ok(RecordPage {
        items,
        findings,
        reviews,
        matches,
        next,
    })
}

/// Characters of context shown on either side of a match.
const CONTEXT_BEFORE: usize = 10;
const CONTEXT_AFTER: usize = 20;

/// The first field of `record` in which `query` matches, with the words around it.
fn search_match(record: &StoredRecord, query: &str) -> Option<SearchMatch> {
    record
        .body
        .search_fields()
        .into_iter()
        .find_map(|(field, text)| {
            let found = search::find(text, query)?;
            let before = &text[..found.start];
            let after = &text[found.end..];
            let skipped = before.chars().count().saturating_sub(CONTEXT_BEFORE);
            let kept_after: String = after.chars().take(CONTEXT_AFTER).collect();
            Some(SearchMatch {
                field: field.to_owned(),
                before: if skipped > 0 {
                    format!("…{}", before.chars().skip(skipped).collect::<String>())
                } else {
                    before.to_owned()
                },
                matched: text[found].to_owned(),
                after: if kept_after.len() < after.len() {
                    format!("{kept_after}…")
                } else {
                    kept_after
                },
            })
        })
}

/// Where the page after the first `offset` matches starts, for jumping to a deep page
/// without walking the cursors before it: an index-only count past the skipped rows.
pub fn cursor_at(
    conn: &Connection,
    filter: &RecordFilter,
    offset: u64,
) -> Result<Option<Cursor>, StoreError> {
    if offset == 0 {
        return Ok(None);
    }
    let source = page_source(conn, filter)?;
    let (filtered, mut values) = filter_clause(filter, source);
    values.push(Value::Integer(
        i64::try_from(offset - 1).unwrap_or(i64::MAX),
    ));
    let sql = format!(
        "SELECT r.occurred_on, r.amount_fen, r.id FROM {} WHERE {filtered}
         ORDER BY {} LIMIT 1 OFFSET ?{}",
        source.tables(),
        filter.order.order_by(),
        values.len()
    );
    let found: Option<(String, i64, String)> = conn
        .one(&sql, params_from_iter(values.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    found
        .map(|(date, amount, id)| {
            Ok(Cursor {
                date: date
                    .parse()
                    .map_err(|e: chrono::ParseError| StoreError::Corrupt(e.to_string()))?,
                amount: Fen(amount),
                id: super::sql::stored_id(&id)?,
            })
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyset_follows_the_order() {
        assert_eq!(
            RecordOrder::DateDesc.after(3),
            "(r.occurred_on, r.id) < (?2, ?3)"
        );
        assert_eq!(
            RecordOrder::AmountAsc.after(5),
            "(r.amount_fen, r.id) > (?4, ?5)"
        );
        assert_eq!(
            RecordOrder::AmountDesc.order_by(),
            "r.amount_fen DESC, r.id DESC"
        );
    }
}
