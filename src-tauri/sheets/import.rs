//! Importing an Excel register, the service: `inspect` shows the sheets with the
//! mapping their headers suggest; `import` turns the rows into records — every row
//! validated as if entered by hand, the ones that cannot be taken reported with why,
//! the rest written in one transaction or not at all. Its dry run is the same code in a
//! transaction that is rolled back.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::{Layout, RowProblem, Sheet, SheetMapping, WorkbookError};
use crate::core::Core;
use crate::domain::directory::{
    Counterpart, CounterpartId, CounterpartKind, Department, DepartmentId, Official,
};
use crate::domain::id::Id;
use crate::domain::ids::{new_id, OsEntropy};
use crate::domain::records::RecordKind;
use crate::error::{fail, AppError, FieldFault, Problem};
use crate::files::chosen::read_chosen_file;
use crate::i18n::Lang;
use crate::path;
use crate::sheets;
use crate::store::directory::{self, Versioned};
use crate::store::records;
use crate::store::references::check_references;

/// Rows of a sheet shown while mapping it.
const PREVIEW_ROWS: usize = 15;
const PREVIEW_COLUMNS: usize = 16;

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SheetPreview {
    pub name: String,
    /// The first rows as the sheet shows them.
    pub rows: Vec<Vec<String>>,
    pub row_count: u32,
    pub suggested: SheetMapping,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SheetInspection {
    pub sheets: Vec<SheetPreview>,
}

/// The sheets of the workbook at `path`, each with its first rows and the mapping its
/// headers suggest (the official matched by name in the directory).
pub fn inspect(core: &Core, path: &str) -> Result<SheetInspection, AppError> {
    let workbook = read(path)?;
    let reader = core.reader();
    let officials = directory::list::<Official>(&reader, true)?;
    let sheets = workbook
        .iter()
        .map(|sheet| {
            let mut suggested = sheets::suggest(sheet);
            suggested.official_id = officials
                .iter()
                .find(|o| {
                    !suggested.official_name.is_empty() && o.value.name == suggested.official_name
                })
                .map(|o| o.id);
            SheetPreview {
                name: sheet.name.clone(),
                rows: sheet
                    .rows
                    .iter()
                    .take(PREVIEW_ROWS)
                    .map(|r| r.iter().take(PREVIEW_COLUMNS).map(|c| c.text()).collect())
                    .collect(),
                row_count: sheet.rows.len() as u32,
                suggested,
            }
        })
        .collect();
    Ok(SheetInspection { sheets })
}

/// What to import, and how.
pub struct ImportOrder<'a> {
    pub path: &'a str,
    /// The department the records belong to.
    pub department_id: DepartmentId,
    pub sheets: &'a [SheetMapping],
    pub dry_run: bool,
    /// Import the rows that can be taken although others cannot.
    pub skip_rejected: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RowOutcome {
    Imported,
    /// Would be imported (dry run).
    Accepted,
    /// A blank or totals row.
    Skipped,
    Rejected,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SheetRow {
    pub sheet: String,
    /// The row number in the sheet (1-based, as Excel shows it).
    pub row: u32,
    pub outcome: RowOutcome,
    pub kind: Option<RecordKind>,
    pub date: Option<NaiveDate>,
    #[ts(type = "number")]
    pub amount_fen: i64,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SheetImportReport {
    pub dry_run: bool,
    pub accepted: u32,
    pub skipped: u32,
    pub rejected: u32,
    /// Enterprises not in the directory, added by name (no credit code).
    pub counterparts_added: u32,
    pub rows: Vec<SheetRow>,
}

/// Imports the rows of the mapped sheets (or, on a dry run, says what would happen).
pub fn import(core: &Core, request: ImportOrder<'_>) -> Result<SheetImportReport, AppError> {
    let workbook = read(request.path)?;
    for (i, mapping) in request.sheets.iter().enumerate() {
        if !workbook.iter().any(|s| s.name == mapping.sheet) {
            return Err(fail(
                path!["sheets", i as u32, "sheet"],
                Problem::UnknownReference,
            ));
        }
        if mapping.header_row == 0 {
            return Err(fail(
                path!["sheets", i as u32, "headerRow"],
                Problem::OutOfRange {
                    min: 1,
                    max: sheets::workbook::MAX_ROWS as i64,
                },
            ));
        }
    }
    let stamp = core.stamp();
    let lang = core.lang();
    let run = |tx: &rusqlite::Transaction<'_>| -> Result<SheetImportReport, AppError> {
        directory::get::<Department>(tx, request.department_id)?
            .filter(|d| d.value.active)
            .ok_or_else(|| fail(path!["departmentId"], Problem::UnknownReference))?;
        let people = Names::of(directory::list::<Official>(tx, true)?, |o| &o.name);
        let mut enterprises = Names::of(directory::list::<Counterpart>(tx, true)?, |c| &c.name);
        let mut report = SheetImportReport {
            dry_run: request.dry_run,
            ..SheetImportReport::default()
        };
        for mapping in request.sheets.iter().filter(|m| m.layout != Layout::Ignore) {
            let sheet = workbook
                .iter()
                .find(|s| s.name == mapping.sheet)
                .expect("checked above");
            for index in mapping.header_row as usize..sheet.rows.len() {
                let mut line = SheetRow {
                    sheet: sheet.name.clone(),
                    row: index as u32 + 1,
                    outcome: RowOutcome::Rejected,
                    kind: None,
                    date: None,
                    amount_fen: 0,
                    reason: None,
                };
                let parsed = sheets::parse_row(sheet, mapping, index);
                if let Ok(p) = &parsed {
                    line.kind = Some(p.kind);
                    line.date = Some(p.date);
                    line.amount_fen = p.amount.0;
                }
                let written = parsed.and_then(|parsed| {
                    if let Some(problem) = parsed.lacks() {
                        return Err(problem);
                    }
                    let official = match &parsed.official {
                        Some(name) => people
                            .find(name)
                            .ok_or_else(|| RowProblem::OfficialUnknown(name.clone()))?,
                        None => mapping.official_id.ok_or(RowProblem::OfficialMissing)?,
                    };
                    // Checked before an enterprise is added for it.
                    let placeholder = parsed
                        .counterpart
                        .as_ref()
                        .map(|_| CounterpartId::from_uuid(Uuid::nil()));
                    parsed
                        .body(official, placeholder)
                        .validate()
                        .map_err(|e| RowProblem::Invalid(AppError::from(e).message(lang)))?;
                    let counterpart = match &parsed.counterpart {
                        Some(name) => Some(match enterprises.find(name) {
                            Some(id) => id,
                            None => {
                                let id = add_counterpart(tx, &stamp, name, lang)?;
                                enterprises.add(name, id);
                                report.counterparts_added += 1;
                                id
                            }
                        }),
                        None => None,
                    };
                    let body = parsed.body(official, counterpart);
                    let names = check_references(tx, request.department_id, &body)
                        .map_err(|e| RowProblem::Invalid(e.message(lang)))?;
                    let id = new_id(stamp.at, &mut OsEntropy);
                    records::insert(tx, &stamp, id, request.department_id, &body, &names).map_err(
                        |e| RowProblem::Invalid(AppError::from(e).to_payload(lang).message),
                    )?;
                    Ok(())
                });
                match written {
                    Ok(()) => {
                        report.accepted += 1;
                        line.outcome = if request.dry_run {
                            RowOutcome::Accepted
                        } else {
                            RowOutcome::Imported
                        };
                    }
                    Err(problem) => {
                        if problem.is_skip() {
                            report.skipped += 1;
                            line.outcome = RowOutcome::Skipped;
                        } else {
                            report.rejected += 1;
                        }
                        line.reason = Some(problem.message(lang));
                    }
                }
                report.rows.push(line);
            }
        }
        if !request.dry_run && report.rejected > 0 && !request.skip_rejected {
            return Err(fail(
                path!["skipRejected"],
                Problem::RowsRejected {
                    count: report.rejected,
                },
            ));
        }
        Ok(report)
    };
    core.store().write_or_rehearse(request.dry_run, run)
}

fn read(path: &str) -> Result<Vec<Sheet>, AppError> {
    let path = path.trim();
    if path.is_empty() {
        return Err(fail(path!["path"], Problem::Required));
    }
    let bytes = read_chosen_file(
        std::path::Path::new(path),
        sheets::workbook::MAX_BYTES as u64,
    )?;
    sheets::read(&bytes).map_err(|e| {
        let problem = match e {
            WorkbookError::TooLarge { max_mib } => Problem::FileTooLarge { max_mib },
            WorkbookError::Damaged => Problem::WorkbookDamaged,
            WorkbookError::Unreadable(detail) => Problem::FileUnreadable { detail },
            WorkbookError::Oversize(oversize) => {
                return AppError::Refused {
                    field: path!["path"],
                    fault: FieldFault::Workbook(oversize),
                }
            }
        };
        fail(path!["path"], problem)
    })
}

/// An enterprise named in a register but not in the directory: added by name, its
/// credit code left for someone to fill in.
fn add_counterpart(
    tx: &rusqlite::Connection,
    stamp: &crate::store::Stamp,
    name: &str,
    lang: Lang,
) -> Result<CounterpartId, RowProblem> {
    let association = ["商会", "协会", "联合会"].iter().any(|w| name.contains(w));
    let kind = if association {
        CounterpartKind::Association
    } else {
        CounterpartKind::Enterprise
    };
    let counterpart = Counterpart::named(name, kind)
        .validated()
        .map_err(|e| RowProblem::Invalid(AppError::from(e).message(lang)))?;
    let id = new_id(stamp.at, &mut OsEntropy);
    directory::insert(tx, stamp, id, counterpart)
        .map_err(|e| RowProblem::Invalid(e.to_string()))?;
    Ok(id)
}

/// Directory rows by name (spaces ignored), for the names a spreadsheet gives.
struct Names<T>(HashMap<String, Id<T>>);

impl<T> Names<T> {
    fn of(rows: Vec<Versioned<T>>, name: impl Fn(&T) -> &String) -> Names<T> {
        let mut map = HashMap::new();
        for row in rows {
            map.entry(key(name(&row.value))).or_insert(row.id);
        }
        Names(map)
    }

    fn find(&self, name: &str) -> Option<Id<T>> {
        self.0.get(&key(name)).copied()
    }

    fn add(&mut self, name: &str, id: Id<T>) {
        self.0.insert(key(name), id);
    }
}

fn key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}
