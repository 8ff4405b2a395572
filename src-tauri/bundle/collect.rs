//! What an export puts in a bundle: the selected records with their review status,
//! history and attachments, and every directory row they refer to.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::directory::{
    City, Counterpart, CounterpartId, Department, DepartmentId, Official, OfficialId,
};

use crate::domain::id::Id;
use base64::Engine;
use rusqlite::Connection;

use super::payload::{BundledFile, BundledLink, BundledRecord, DirectoryPart};
use crate::domain::records::RecordBody;
use crate::store::directory::{self, DirectoryRow, Versioned};
use crate::store::exchange::{self, Selection};
use crate::store::{attachments, records, review, StoreError};

/// The records, directory rows and files of a bundle.
pub struct Collected {
    pub records: Vec<BundledRecord>,
    pub directory: DirectoryPart,
    pub files: Vec<BundledFile>,
}

pub fn collect(conn: &Connection, selection: &Selection) -> Result<Collected, StoreError> {
    let ids = exchange::selected(conn, selection)?;
    let mut bundled = Vec::with_capacity(ids.len());
    let mut files: BTreeMap<String, BundledFile> = BTreeMap::new();
    let mut refs = References::default();
    for id in ids {
        let record = records::get(conn, id)?
            .ok_or_else(|| StoreError::Bug(format!("record {id} vanished during export")))?;
        refs.note(record.department_id, &record.body);
        let mut links = Vec::new();
        for info in attachments::list(conn, id)? {
            if !files.contains_key(&info.sha256) {
                let (_, data) = attachments::data(conn, info.id)?
                    .ok_or_else(|| StoreError::Bug(format!("attachment {} vanished", info.id)))?;
                files.insert(
                    info.sha256.clone(),
                    BundledFile {
                        sha256: info.sha256.clone(),
                        media_type: info.media_type.clone(),
                        data: base64::engine::general_purpose::STANDARD.encode(data),
                    },
                );
            }
            links.push(BundledLink {
                id: info.id,
                name: info.name,
                sha256: info.sha256,
            });
        }
        let status = review::get(conn, id)?.state.status;
        let history = exchange::history(conn, id)?;
        bundled.push(BundledRecord::from_stored(record, status, history, links));
    }
    let officials: Vec<Versioned<Official>> = rows(conn, &refs.officials)?;
    // An official's department travels with them, so the row can be stored.
    refs.departments
        .extend(officials.iter().map(|o| o.value.department_id));
    Ok(Collected {
        records: bundled,
        directory: DirectoryPart {
            departments: rows::<Department>(conn, &refs.departments)?,
            officials,
            counterparts: rows::<Counterpart>(conn, &refs.counterparts)?,
            cities: rows::<City>(conn, &refs.cities)?,
        },
        files: files.into_values().collect(),
    })
}

#[derive(Default)]
struct References {
    departments: BTreeSet<DepartmentId>,
    officials: BTreeSet<OfficialId>,
    counterparts: BTreeSet<CounterpartId>,
    cities: BTreeSet<Id<City>>,
}

impl References {
    fn note(&mut self, department: DepartmentId, body: &RecordBody) {
        self.departments.insert(department);
        self.officials.extend(body.official_ids());
        self.counterparts.extend(body.counterpart_ids());
        if let RecordBody::Trip(trip) = body {
            self.cities
                .extend(trip.destination_city_id.map(Id::from_uuid));
        }
    }
}

fn rows<T: DirectoryRow>(
    conn: &Connection,
    ids: &BTreeSet<Id<T>>,
) -> Result<Vec<Versioned<T>>, StoreError> {
    ids.iter()
        .map(|id| {
            directory::get::<T>(conn, *id)?.ok_or_else(|| {
                StoreError::Bug(format!("{} {id} is referenced but missing", T::ENTITY))
            })
        })
        .collect()
}
