//! A record's references into the directory: its department (active), officials,
//! counterparts and destination city must exist here. Checked for every record that
//! comes in — by hand, from a spreadsheet, from a bundle — and the names found are what
//! the record is searched by.

use rusqlite::Connection;

use super::directory::{self, DirectoryRow};
use crate::domain::directory::{City, Counterpart, Department, DepartmentId, Official};
use crate::domain::id::Id;
use crate::domain::records::RecordBody;
use crate::error::{fail, AppError, PathSegment, Problem};
use crate::path;

/// Checks a record against the directory and returns the names to search it by.
pub fn check_references(
    conn: &Connection,
    department_id: DepartmentId,
    body: &RecordBody,
) -> Result<String, AppError> {
    let department = directory::get::<Department>(conn, department_id)?
        .filter(|d| d.value.active)
        .ok_or_else(|| fail(path!["departmentId"], Problem::UnknownReference))?;
    let mut names = vec![department.value.name];
    // Paths name the field in the request: ["body", "trip", "participantIds", 1].
    let field = |name: &str, index: Option<usize>| -> Vec<PathSegment> {
        let mut path: Vec<PathSegment> = vec!["body".into()];
        path.extend(body.path_prefix().into_iter().map(PathSegment::from));
        path.push(name.into());
        path.extend(index.map(|i| PathSegment::Index(i as u32)));
        path
    };
    let (official_field, officials_listed) = match body {
        RecordBody::Trip(_) => ("participantIds", true),
        RecordBody::Gift(_) => ("officialId", false),
        _ => ("officialIds", true),
    };
    names.extend(referenced_names::<Official>(
        conn,
        &body.official_ids(),
        |o| &o.name,
        |i| field(official_field, officials_listed.then_some(i)),
    )?);
    let (counterpart_field, counterparts_listed) = match body {
        RecordBody::Trip(_) | RecordBody::Contact(_) => ("counterpartIds", true),
        _ => ("counterpartId", false),
    };
    names.extend(referenced_names::<Counterpart>(
        conn,
        &body.counterpart_ids(),
        |c| &c.name,
        |i| field(counterpart_field, counterparts_listed.then_some(i)),
    )?);
    if let RecordBody::Trip(trip) = body {
        if let Some(city) = trip.destination_city_id {
            if !directory::exists::<City>(conn, city.into())? {
                return Err(fail(
                    field("destinationCityId", None),
                    Problem::UnknownReference,
                ));
            }
        }
    }
    Ok(names.join(" "))
}

/// The names of the directory entries `ids` refer to; an unknown id is a validation
/// error on the field `field(index)` names.
fn referenced_names<T: DirectoryRow>(
    conn: &Connection,
    ids: &[Id<T>],
    name: impl Fn(&T) -> &str,
    field: impl Fn(usize) -> Vec<PathSegment>,
) -> Result<Vec<String>, AppError> {
    ids.iter()
        .enumerate()
        .map(|(i, id)| {
            directory::get::<T>(conn, *id)?
                .map(|entry| name(&entry.value).to_owned())
                .ok_or_else(|| fail(field(i), Problem::UnknownReference))
        })
        .collect()
}
