//! The records of an import, each validated as if entered by hand (the body's own
//! rules, then its references here). A record not here is added as it was; one here
//! with the same content is unchanged; one here with other content is a conflict until
//! the person chooses (see [`Resolution`]).

use std::collections::HashMap;

use super::{Import, ImportLine, Outcome, Resolution};
use crate::bundle::{BundleFault, BundledRecord};
use crate::domain::ids::{new_id, OsEntropy};
use crate::domain::records::RecordId;
use crate::domain::workflow::ReviewStatus;
use crate::error::AppError;
use crate::store::exchange;
use crate::store::findings::{self, Facts};
use crate::store::records::{self, Amendment, StoredRecord};
use crate::store::references::check_references;
use crate::store::review::{self, Review};
use crate::store::{attachments, StoreError};

impl Import<'_> {
    pub(super) fn record(
        &mut self,
        incoming: &BundledRecord,
        resolutions: &HashMap<RecordId, Resolution>,
        facts: &mut Facts,
    ) -> Result<(), AppError> {
        let mut theirs = incoming.to_stored();
        theirs.department_id = self.local(theirs.department_id);
        theirs.body.remap(&|id| self.local_uuid(id));
        let here = records::get(self.tx, theirs.id)?;
        let locked = match &here {
            Some(_) => review::get(self.tx, theirs.id)?.state.locked,
            None => false,
        };
        let mut line = ImportLine {
            id: theirs.id,
            kind: theirs.body.kind(),
            date: theirs.body.date(),
            amount_fen: theirs.body.amount().0,
            version: theirs.version,
            version_here: here.as_ref().map(|r| r.version),
            locked,
            outcome: Outcome::New,
            problem: None,
        };
        // Validated as if entered by hand: the body, then its directory references.
        let names = match theirs
            .body
            .validate()
            .map_err(|e| AppError::from(e.within("body")))
            .and_then(|()| check_references(self.tx, theirs.department_id, &theirs.body))
        {
            Ok(names) => names,
            Err(e) => {
                line.outcome = Outcome::Invalid;
                line.problem = Some(e.to_payload(self.lang).message);
                self.report.counts.invalid += 1;
                self.report.records.push(line);
                return Ok(());
            }
        };
        line.outcome = match here {
            None => {
                exchange::insert_record(self.tx, self.stamp, &theirs, &names)?;
                self.set_review(theirs.id, theirs.version, arriving(incoming.review), false)?;
                self.attach(incoming, theirs.id)?;
                // Stored exactly as given: no need to read it back for the rules.
                findings::refresh(self.tx, facts, &theirs)?;
                self.report.counts.new += 1;
                Outcome::New
            }
            Some(mine) if same_content(&mine, &theirs) => {
                self.attach(incoming, mine.id)?;
                self.report.counts.unchanged += 1;
                Outcome::Unchanged
            }
            Some(mine) => match resolutions.get(&mine.id) {
                None => {
                    self.report.counts.conflicts += 1;
                    Outcome::Conflict
                }
                Some(Resolution::KeepMine) => {
                    self.report.counts.kept_mine += 1;
                    Outcome::KeptMine
                }
                // A record cancelled here stays cancelled: theirs is kept beside it.
                Some(Resolution::KeepBoth) => self.keep_both(incoming, &theirs, &names, facts)?,
                Some(Resolution::TakeTheirs) if mine.cancelled => {
                    self.keep_both(incoming, &theirs, &names, facts)?
                }
                Some(Resolution::TakeTheirs) => {
                    self.take_theirs(incoming, &mine, &theirs, &names, locked, facts)?
                }
            },
        };
        self.report.records.push(line);
        Ok(())
    }

    fn take_theirs(
        &mut self,
        incoming: &BundledRecord,
        mine: &StoredRecord,
        theirs: &StoredRecord,
        names: &str,
        locked: bool,
        facts: &mut Facts,
    ) -> Result<Outcome, AppError> {
        let reason = self.lang.pick(
            format!("按交换包 {} 更新", self.payload.id),
            format!("taken from bundle {}", self.payload.id),
        );
        let updated = records::update(
            self.tx,
            self.stamp,
            &Amendment {
                id: mine.id,
                expected_version: mine.version,
                department_id: theirs.department_id,
                body: &theirs.body,
                reason: &reason,
                names,
            },
        )?;
        let updated = if theirs.cancelled {
            records::cancel(self.tx, self.stamp, mine.id, updated.version, &theirs.note)?
        } else {
            updated
        };
        // A change to a record in a signed register waits for the head's approval.
        let status = if locked {
            ReviewStatus::Submitted
        } else {
            arriving(incoming.review)
        };
        self.set_review(mine.id, updated.version, status, locked)?;
        self.attach(incoming, mine.id)?;
        self.refresh(facts, mine.id)?;
        if locked {
            self.report.counts.amendments += 1;
            Ok(Outcome::Amendment)
        } else {
            self.report.counts.took_theirs += 1;
            Ok(Outcome::TookTheirs)
        }
    }

    fn keep_both(
        &mut self,
        incoming: &BundledRecord,
        theirs: &StoredRecord,
        names: &str,
        facts: &mut Facts,
    ) -> Result<Outcome, AppError> {
        let copy = StoredRecord {
            id: new_id(self.stamp.at, &mut OsEntropy),
            version: 1,
            note: self.lang.pick(
                format!(
                    "与登记 {} 内容不同，按交换包 {} 一并保留",
                    theirs.id, self.payload.id
                ),
                format!(
                    "differs from record {}; kept beside it from bundle {}",
                    theirs.id, self.payload.id
                ),
            ),
            ..theirs.clone()
        };
        exchange::insert_record(self.tx, self.stamp, &copy, names)?;
        self.set_review(copy.id, 1, ReviewStatus::Draft, false)?;
        self.attach(incoming, copy.id)?;
        self.refresh(facts, copy.id)?;
        self.report.counts.kept_both += 1;
        Ok(Outcome::KeptBoth)
    }

    fn set_review(
        &self,
        record_id: RecordId,
        version: i64,
        status: ReviewStatus,
        amended: bool,
    ) -> Result<(), AppError> {
        let mut review = review::get(self.tx, record_id)?;
        if review.state.status == status && !amended {
            return Ok(());
        }
        review.state.status = status;
        review.state.amended |= amended;
        review.record_version = version;
        review.signature = None;
        review::set(
            self.tx,
            self.stamp,
            record_id,
            &Review { ..review },
            "import",
        )?;
        Ok(())
    }

    /// Links the record's attachments that are not linked here yet.
    fn attach(&mut self, incoming: &BundledRecord, record_id: RecordId) -> Result<(), AppError> {
        if incoming.attachments.is_empty() {
            return Ok(());
        }
        let present: Vec<String> = attachments::list(self.tx, record_id)?
            .into_iter()
            .map(|a| a.sha256)
            .collect();
        for link in &incoming.attachments {
            if present.contains(&link.sha256) {
                continue;
            }
            let (media_type, data) = self.files.get(link.sha256.as_str()).ok_or_else(|| {
                super::refused(BundleFault::Malformed {
                    detail: format!("attachment {} is not in the bundle", link.sha256),
                })
            })?;
            let id = if record_id == incoming.id {
                link.id
            } else {
                new_id(self.stamp.at, &mut OsEntropy)
            };
            attachments::attach(
                self.tx, self.stamp, id, record_id, &link.name, media_type, data,
            )?;
            self.report.counts.files_added += 1;
        }
        Ok(())
    }

    fn refresh(&self, facts: &mut Facts, id: RecordId) -> Result<(), AppError> {
        let record = records::get(self.tx, id)?
            .ok_or_else(|| StoreError::Bug(format!("record {id} vanished during import")))?;
        findings::refresh(self.tx, facts, &record)?;
        Ok(())
    }
}

/// The status a record arrives with: approval is given in the database whose
/// register it goes into, so an approved record arrives submitted.
fn arriving(status: ReviewStatus) -> ReviewStatus {
    match status {
        ReviewStatus::Approved => ReviewStatus::Submitted,
        other => other,
    }
}

fn same_content(mine: &StoredRecord, theirs: &StoredRecord) -> bool {
    mine.department_id == theirs.department_id
        && mine.body == theirs.body
        && mine.cancelled == theirs.cancelled
}
