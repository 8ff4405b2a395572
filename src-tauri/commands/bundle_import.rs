//! Bringing a bundle into this database: the signature and the signer checked
//! against this directory, every record validated as if entered by hand, then all of
//! it applied in one transaction or none of it. A dry run is the same code in a
//! transaction that is rolled back, so its report is what the import would do.

use std::collections::HashMap;

use base64::Engine;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::records::check_references;
use super::{Access, Command};
use crate::bundle::witness::{self, Witness};
use crate::bundle::{self, BundleFault, BundledRecord, DirectoryPart, Payload, Purpose};
use crate::core::Core;
use crate::domain::access::{Action, Scope};
use crate::domain::directory::{City, Counterpart, Department, Official};
use crate::domain::ids::{new_id, OsEntropy};
use crate::domain::records::RecordKind;
use crate::domain::validation::fail;
use crate::domain::workflow::ReviewStatus;
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::path;
use crate::rules::Standard;
use crate::store::audit::ChainHead;
use crate::store::directory::{self, DirectoryRow, Versioned};
use crate::store::exchange::{self, CertificateOrigin, Direction, Exchange, KnownCertificate};
use crate::store::findings::{self, Facts};
use crate::store::records::{self, Amendment, StoredRecord};
use crate::store::review::{self, Review};
use crate::store::{attachments, settings, Stamp, StoreError};

/// What to do with a record that exists here with other content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Resolution {
    /// Leave the record here as it is.
    KeepMine,
    /// The bundle's content becomes a new version of the record here (reviewed
    /// again; for a record in a signed register, an amendment for the head).
    TakeTheirs,
    /// Keep the record here and add the bundle's as a separate new record, to be
    /// reviewed (and one of them cancelled) by hand.
    KeepBoth,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleImportRequest {
    pub path: String,
    /// Report what would happen and change nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// A choice for each record in conflict, by record id.
    #[serde(default)]
    pub resolutions: HashMap<Uuid, Resolution>,
    /// Accept a signer this database does not know, whose certificate has this
    /// fingerprint (read out by the signer and compared): an administrator's call.
    #[serde(default)]
    pub trust_fingerprint: Option<String>,
}

/// What happened (or would happen) to one record of the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    New,
    Unchanged,
    /// Differs from the record here; needs a resolution.
    Conflict,
    KeptMine,
    TookTheirs,
    /// Taken as an amendment of a record in a signed register, for the head.
    Amendment,
    KeptBoth,
    /// Fails validation: the whole bundle is refused.
    Invalid,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportLine {
    pub id: Uuid,
    pub kind: RecordKind,
    pub date: chrono::NaiveDate,
    #[ts(type = "number")]
    pub amount_fen: i64,
    #[ts(type = "number")]
    pub version: i64,
    /// The version here, when the record exists here.
    #[ts(type = "number | null")]
    pub version_here: Option<i64>,
    /// The record here is in a signed register.
    pub locked: bool,
    pub outcome: Outcome,
    /// Why it is invalid, localized.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportCounts {
    pub new: u32,
    pub unchanged: u32,
    pub conflicts: u32,
    pub kept_mine: u32,
    pub took_theirs: u32,
    pub amendments: u32,
    pub kept_both: u32,
    pub invalid: u32,
    /// Directory rows added, and rows matched to one here under another id (an
    /// enterprise by its credit code, an official by staff number).
    pub directory_added: u32,
    pub directory_matched: u32,
    /// Rows here changed to the hub's (a directory bundle).
    pub directory_updated: u32,
    pub certificates_added: u32,
    pub files_added: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub bundle_id: Uuid,
    pub signer_subject: String,
    pub signer_fingerprint: String,
    /// This database knows the signer's certificate. When not, only an
    /// administrator who compared the fingerprint can accept it.
    pub signer_known: bool,
    pub purpose: Purpose,
    pub exported_at: String,
    pub exporter_name: String,
    pub machine: String,
    pub source_chain: ChainHead,
    /// Whether the source's history extends what earlier bundles from it showed here.
    pub witness: Witness,
    pub dry_run: bool,
    /// Imported before: nothing was (or would be) changed.
    pub already_imported: bool,
    pub counts: ImportCounts,
    pub records: Vec<ImportLine>,
}

pub struct BundleImport;

impl Command for BundleImport {
    const NAME: &'static str = "bundle_import";
    const ACCESS: Access = Access::Needs(Action::ImportBundle);
    const SUMMARY: &'static str =
        "Import a signed bundle (all or nothing); with dryRun, report what would happen";
    type Request = BundleImportRequest;
    type Response = ImportReport;

    fn run(core: &Core, request: BundleImportRequest) -> Result<ImportReport, AppError> {
        let path = request.path.trim();
        if path.is_empty() {
            return Err(fail(path!["path"], Problem::Required));
        }
        let bytes = super::read_chosen_file(std::path::Path::new(path), bundle::MAX_BYTES)?;
        let opened = bundle::open(&bytes).map_err(refused)?;
        let payload: Payload = serde_json::from_slice(&opened.payload).map_err(|e| {
            refused(BundleFault::Malformed {
                detail: e.to_string(),
            })
        })?;
        let mut seen = std::collections::HashSet::new();
        if let Some(twice) = payload.records.iter().find(|r| !seen.insert(r.id)) {
            return Err(refused(BundleFault::Malformed {
                detail: format!("record {} appears twice", twice.id),
            }));
        }
        let stamp = core.stamp();
        let lang = core.lang();
        let run = |tx: &rusqlite::Transaction<'_>| {
            core.authorize(tx, Action::ImportBundle, |_| Scope::Unscoped)?;
            let (signer_known, accept) = trust(core, tx, &opened, &request)?;
            let mut report = ImportReport {
                bundle_id: payload.id,
                signer_subject: opened.subject(),
                signer_fingerprint: opened.fingerprint.clone(),
                signer_known,
                purpose: payload.purpose,
                exported_at: payload.exported_at.clone(),
                exporter_name: payload.exporter.name.clone(),
                machine: payload.machine.clone(),
                source_chain: payload.chain_head.clone(),
                witness: Witness::First,
                dry_run: request.dry_run,
                already_imported: false,
                counts: ImportCounts::default(),
                records: Vec::with_capacity(payload.records.len()),
            };
            if exchange::imported(tx, payload.id)? {
                report.already_imported = true;
                report.counts.unchanged = payload.records.len() as u32;
                return Ok(report);
            }
            // A source rolled back or rewritten since its last bundle here is refused,
            // the dry run included: nothing else about it can be trusted.
            let seen = exchange::witnessed(tx, &payload.source_database)?;
            report.witness = witness::check(seen.as_ref(), &payload.chain_head, &payload.chain)
                .map_err(refused)?;
            let mut import = Import {
                tx,
                stamp: &stamp,
                lang,
                payload: &payload,
                ids: HashMap::new(),
                files: HashMap::new(),
                update: payload.purpose == Purpose::Directory,
                report,
            };
            import.directory(&payload.directory)?;
            if payload.purpose == Purpose::Directory {
                import.hub(&payload)?;
            }
            if accept {
                import.accept_signer(&opened)?;
            }
            import.files()?;
            let mut facts = Facts::load(tx)?;
            for record in &payload.records {
                import.record(record, &request.resolutions, &mut facts)?;
            }
            let mut report = import.report;
            if !request.dry_run {
                if report.counts.invalid > 0 {
                    let first = report
                        .records
                        .iter()
                        .find_map(|l| l.problem.clone())
                        .unwrap_or_default();
                    return Err(refused(BundleFault::RecordsInvalid {
                        count: report.counts.invalid,
                        first,
                    }));
                }
                if report.counts.conflicts > 0 {
                    return Err(refused(BundleFault::ConflictsUnresolved {
                        count: report.counts.conflicts,
                    }));
                }
                let carried: Vec<(Uuid, i64)> =
                    payload.records.iter().map(|r| (r.id, r.version)).collect();
                exchange::note(
                    tx,
                    &stamp,
                    &Exchange {
                        id: payload.id,
                        direction: Direction::Import,
                        payload_sha256: opened.payload_sha256.clone(),
                        signer_fingerprint: opened.fingerprint.clone(),
                        source_database: payload.source_database.clone(),
                        source_chain: payload.chain_head.clone(),
                        summary: serde_json::to_string(&report.counts)
                            .map_err(|e| AppError::Internal(e.to_string()))?,
                    },
                    &carried,
                )?;
            }
            report.records.shrink_to_fit();
            Ok(report)
        };
        core.store().write_or_rehearse(request.dry_run, run)
    }
}

/// Whether the signer is known here, and whether an unknown one is to be accepted.
/// A dry run reports an unknown signer instead of refusing, so the person can
/// compare the fingerprint; the import refuses it unless an administrator accepts
/// that very fingerprint.
fn trust(
    core: &Core,
    tx: &Connection,
    opened: &bundle::Opened,
    request: &BundleImportRequest,
) -> Result<(bool, bool), AppError> {
    let known = exchange::certificate_by_fingerprint(tx, &opened.fingerprint)?;
    let der = known
        .as_ref()
        .map(|(certificate, _)| base64::engine::general_purpose::STANDARD.decode(certificate))
        .transpose()
        .map_err(|e| StoreError::Corrupt(format!("certificate {}: {e}", opened.fingerprint)))?;
    let revoked_from = known
        .as_ref()
        .and_then(|(_, revoked)| revoked.as_deref())
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&chrono::Utc));
    let verdict = opened.trusted(
        der.as_deref()
            .map(|der| crate::signing::KnownCertificate { der, revoked_from }),
    );
    match verdict {
        Ok(()) => Ok((true, false)),
        Err(BundleFault::UnknownSigner { .. }) if request.dry_run => Ok((false, false)),
        Err(BundleFault::UnknownSigner { .. })
            if request.trust_fingerprint.as_deref() == Some(opened.fingerprint.as_str()) =>
        {
            core.authorize(tx, Action::ManageProfiles, |_| Scope::Unscoped)?;
            Ok((false, true))
        }
        Err(fault) => Err(refused(fault)),
    }
}

fn refused(fault: BundleFault) -> AppError {
    fail(path!["path"], Problem::Bundle(fault))
}

/// One import in progress, inside its transaction.
struct Import<'a> {
    tx: &'a Connection,
    stamp: &'a Stamp,
    lang: Lang,
    payload: &'a Payload,
    /// The bundle's directory ids → this database's.
    ids: HashMap<Uuid, Uuid>,
    /// Attachment contents by SHA-256: media type and bytes.
    files: HashMap<&'a str, (&'a str, Vec<u8>)>,
    /// A directory bundle: rows here that differ take the hub's content.
    update: bool,
    report: ImportReport,
}

impl Import<'_> {
    fn local(&self, id: Uuid) -> Uuid {
        self.ids.get(&id).copied().unwrap_or(id)
    }

    /// Departments, cities, officials, then counterparts: each by id, else by what
    /// names it uniquely here, else added (validated as if entered by hand).
    fn directory(&mut self, part: &DirectoryPart) -> Result<(), AppError> {
        for row in &part.departments {
            self.merge(
                row,
                |tx, d: &Department| {
                    directory::find_by(tx, Department::ENTITY, "name", d.name.trim())
                },
                |d| d.validate().map(|()| d),
            )?;
        }
        for row in &part.cities {
            self.merge(
                row,
                |tx, c: &City| directory::find_city(tx, &c.province, &c.name),
                |c| c.validate().map(|()| c),
            )?;
        }
        for row in &part.officials {
            let mut row = row.clone();
            row.value.department_id = self.local(row.value.department_id);
            self.merge(
                &row,
                |tx, o: &Official| {
                    directory::find_by(tx, Official::ENTITY, "staff_no", o.staff_no.trim())
                },
                |o| o.validate().map(|()| o),
            )?;
        }
        for row in &part.counterparts {
            self.merge(
                row,
                |tx, c: &Counterpart| match c.credit_code.as_deref() {
                    Some(code) if !code.trim().is_empty() => directory::find_by(
                        tx,
                        Counterpart::ENTITY,
                        "credit_code",
                        &code.trim().to_uppercase(),
                    ),
                    _ => Ok(None),
                },
                Counterpart::validated,
            )?;
        }
        Ok(())
    }

    fn merge<T: DirectoryRow + Clone + PartialEq>(
        &mut self,
        row: &Versioned<T>,
        same: impl Fn(&Connection, &T) -> Result<Option<Uuid>, StoreError>,
        validated: impl Fn(T) -> Result<T, AppError>,
    ) -> Result<(), AppError> {
        if let Some(here) = directory::get::<T>(self.tx, row.id)? {
            if self.update && here.value != row.value {
                let value =
                    validated(row.value.clone()).map_err(|e| self.malformed::<T>(row.id, e))?;
                directory::update(self.tx, self.stamp, row.id, here.version, value)?;
                self.report.counts.directory_updated += 1;
            }
            return Ok(());
        }
        if let Some(here) = same(self.tx, &row.value)? {
            self.ids.insert(row.id, here);
            self.report.counts.directory_matched += 1;
            return Ok(());
        }
        let value = validated(row.value.clone()).map_err(|e| self.malformed::<T>(row.id, e))?;
        directory::insert(self.tx, self.stamp, row.id, value)?;
        self.report.counts.directory_added += 1;
        Ok(())
    }

    fn malformed<T: DirectoryRow>(&self, id: Uuid, e: AppError) -> AppError {
        refused(BundleFault::Malformed {
            detail: format!("{} {id}: {}", T::ENTITY, e.to_payload(self.lang).message),
        })
    }

    /// What only a directory bundle carries: the bureau's name, the standards and
    /// the officials' certificates.
    fn hub(&mut self, payload: &Payload) -> Result<(), AppError> {
        if let Some(name) = payload.bureau.as_deref().filter(|n| !n.trim().is_empty()) {
            settings::set(self.tx, self.stamp, settings::BUREAU_NAME, name)?;
        }
        for row in &payload.standards {
            self.merge(row, |_, _: &Standard| Ok(None), Standard::validated)?;
        }
        for certificate in &payload.certificates {
            let certificate = KnownCertificate {
                official_id: self.local(certificate.official_id),
                ..certificate.clone()
            };
            let der = base64::engine::general_purpose::STANDARD
                .decode(&certificate.certificate)
                .map_err(|e| {
                    refused(BundleFault::Malformed {
                        detail: e.to_string(),
                    })
                })?;
            if crate::signing::keys::fingerprint(&der) != certificate.fingerprint
                || !directory::exists(self.tx, Official::ENTITY, &certificate.official_id)?
            {
                return Err(refused(BundleFault::Malformed {
                    detail: format!("certificate {}", certificate.fingerprint),
                }));
            }
            if exchange::know_certificate(
                self.tx,
                self.stamp,
                &certificate,
                CertificateOrigin::Directory,
            )? {
                self.report.counts.certificates_added += 1;
            }
        }
        Ok(())
    }

    /// Keeps the certificate of a signer an administrator accepted, for the official
    /// who exported the bundle.
    fn accept_signer(&mut self, opened: &bundle::Opened) -> Result<(), AppError> {
        let official = self.local(self.payload.exporter.official_id);
        if !directory::exists(self.tx, Official::ENTITY, &official)? {
            return Err(refused(BundleFault::Malformed {
                detail: format!("the exporter {official} is not in the directory"),
            }));
        }
        let certificate = KnownCertificate {
            official_id: official,
            fingerprint: opened.fingerprint.clone(),
            certificate: base64::engine::general_purpose::STANDARD.encode(&opened.certificate_der),
            revoked_from: None,
        };
        if exchange::know_certificate(
            self.tx,
            self.stamp,
            &certificate,
            CertificateOrigin::Accepted,
        )? {
            self.report.counts.certificates_added += 1;
        }
        Ok(())
    }

    /// Decodes the attachment contents and checks each against its hash.
    fn files(&mut self) -> Result<(), AppError> {
        for file in &self.payload.files {
            let data = base64::engine::general_purpose::STANDARD
                .decode(&file.data)
                .map_err(|e| {
                    refused(BundleFault::Malformed {
                        detail: e.to_string(),
                    })
                })?;
            if crate::digest::sha256_hex(&data) != file.sha256 {
                return Err(refused(BundleFault::Malformed {
                    detail: format!("attachment {} does not match its hash", file.sha256),
                }));
            }
            self.files
                .insert(file.sha256.as_str(), (file.media_type.as_str(), data));
        }
        Ok(())
    }

    fn record(
        &mut self,
        incoming: &BundledRecord,
        resolutions: &HashMap<Uuid, Resolution>,
        facts: &mut Facts,
    ) -> Result<(), AppError> {
        let mut theirs = incoming.to_stored();
        theirs.department_id = self.local(theirs.department_id);
        theirs.body.remap(&|id| self.local(id));
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
            .map_err(|e| e.within("body"))
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
        record_id: Uuid,
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
    fn attach(&mut self, incoming: &BundledRecord, record_id: Uuid) -> Result<(), AppError> {
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
                refused(BundleFault::Malformed {
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

    fn refresh(&self, facts: &mut Facts, id: Uuid) -> Result<(), AppError> {
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
