//! The receiving database as a witness of its sources' histories. Each bundle carries
//! its source's chain head and the audit rows since the source's previous export; the
//! receiver keeps the furthest head each source showed it (`bundle_exchange`). A later
//! bundle must extend that head: its rows must hold (each hashes to itself and links to
//! the one before), end at its head, and pass through the head seen before with the
//! same hash. A source restored from an older copy, or whose history was rewritten and
//! re-hashed, shows another hash there, or a shorter chain, and is refused.

use serde::Serialize;
use ts_rs::TS;

use super::BundleFault;
use crate::store::audit::{ChainHead, ChainRow};

/// What the receiver could tell about the source's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Witness {
    /// The first bundle from this source here: its head is remembered from now on.
    First,
    /// It extends the history seen before.
    Extends,
    /// Its rows do not reach back to the head seen before (a bundle in between went
    /// elsewhere): nothing contradicts it, nothing proves it.
    Unverified,
}

/// Checks a bundle's chain (`head`, `rows`) against what was `seen` of its source.
pub fn check(
    seen: Option<&ChainHead>,
    head: &ChainHead,
    rows: &[ChainRow],
) -> Result<Witness, BundleFault> {
    for (i, row) in rows.iter().enumerate() {
        let links = i
            .checked_sub(1)
            .map(|j| &rows[j])
            .is_none_or(|before| row.seq == before.seq + 1 && row.prev_hash == before.hash);
        if !row.holds() || !links {
            return Err(BundleFault::ChainBroken { seq: row.seq });
        }
    }
    if let Some(last) = rows.last() {
        if last.seq != head.seq || last.hash != head.hash {
            return Err(BundleFault::ChainBroken { seq: last.seq });
        }
    }
    let Some(seen) = seen else {
        return Ok(Witness::First);
    };
    let forked = || BundleFault::HistoryForked {
        seen_seq: seen.seq,
        seen_hash: seen.hash.clone(),
        now_seq: head.seq,
        now_hash: head.hash.clone(),
    };
    if head.seq < seen.seq {
        return Err(forked());
    }
    let there = if seen.seq == head.seq {
        Some(head.hash.as_str())
    } else {
        rows.iter()
            .find(|r| r.seq == seen.seq)
            .map(|r| r.hash.as_str())
            .or_else(|| {
                rows.first()
                    .filter(|r| r.seq == seen.seq + 1)
                    .map(|r| r.prev_hash.as_str())
            })
    };
    match there {
        Some(hash) if hash == seen.hash => Ok(Witness::Extends),
        Some(_) => Err(forked()),
        None => Ok(Witness::Unverified),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(seq: i64, prev: &str, actor: &str) -> ChainRow {
        let mut row = ChainRow {
            seq,
            at: "2026-03-15T09:30:00.000Z".into(),
            actor: actor.into(),
            action: "create".into(),
            entity: "record".into(),
            entity_id: format!("r{seq}"),
            before: None,
            after: Some("{}".into()),
            prev_hash: prev.into(),
            hash: String::new(),
        };
        // The hash the store would have stored, found by holding the row to it.
        row.hash = crate::digest::sha256_hex(
            serde_json::json!([
                row.seq,
                row.at,
                row.actor,
                row.action,
                row.entity,
                row.entity_id,
                row.before,
                row.after,
                row.prev_hash
            ])
            .to_string()
            .as_bytes(),
        );
        assert!(row.holds());
        row
    }

    fn chain(from: i64, to: i64, prev: &str, actor: &str) -> Vec<ChainRow> {
        let mut rows: Vec<ChainRow> = Vec::new();
        for seq in from..=to {
            let prev = rows.last().map_or(prev.to_owned(), |r| r.hash.clone());
            rows.push(row(seq, &prev, actor));
        }
        rows
    }

    fn head(rows: &[ChainRow]) -> ChainHead {
        let last = rows.last().unwrap();
        ChainHead {
            seq: last.seq,
            hash: last.hash.clone(),
        }
    }

    #[test]
    fn a_chain_that_passes_through_what_was_seen_extends_it() {
        let first = chain(1, 5, "0", "a");
        let seen = head(&first);
        let next = chain(6, 9, &seen.hash, "a");
        assert_eq!(check(None, &seen, &[]), Ok(Witness::First));
        assert_eq!(
            check(Some(&seen), &head(&next), &next),
            Ok(Witness::Extends)
        );
        assert_eq!(check(Some(&seen), &seen, &[]), Ok(Witness::Extends));
        // Rows from further back that include the seen row extend it too.
        let mut long = first.clone();
        long.extend(next.clone());
        assert_eq!(
            check(Some(&seen), &head(&long), &long[2..]),
            Ok(Witness::Extends)
        );
        // Rows starting after a bundle that went elsewhere: nothing to compare.
        assert_eq!(
            check(Some(&seen), &head(&next), &next[2..]),
            Ok(Witness::Unverified)
        );
    }

    #[test]
    fn a_rolled_back_or_rewritten_source_is_refused() {
        let seen = head(&chain(1, 5, "0", "a"));
        // Rolled back: shorter than what was seen.
        let older = chain(1, 3, "0", "a");
        assert!(matches!(
            check(Some(&seen), &head(&older), &older),
            Err(BundleFault::HistoryForked {
                seen_seq: 5,
                now_seq: 3,
                ..
            })
        ));
        // Rewritten and re-hashed: the row seen has another hash now.
        let rewritten = chain(1, 8, "0", "b");
        assert!(matches!(
            check(Some(&seen), &head(&rewritten), &rewritten),
            Err(BundleFault::HistoryForked {
                seen_seq: 5,
                now_seq: 8,
                ..
            })
        ));
        // Rows that do not hold, or do not link, are broken where they break.
        let mut forged = chain(6, 9, &seen.hash, "a");
        forged[1].actor = "someone else".into();
        assert_eq!(
            check(Some(&seen), &head(&forged), &forged),
            Err(BundleFault::ChainBroken { seq: 7 })
        );
        let mut unlinked = chain(6, 9, &seen.hash, "a");
        unlinked.remove(1);
        assert_eq!(
            check(Some(&seen), &head(&unlinked), &unlinked),
            Err(BundleFault::ChainBroken { seq: 8 })
        );
    }
}
