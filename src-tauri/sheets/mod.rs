//! Importing the Excel registers units keep today (`../shared/samples/legacy-
//! register.xlsx` is one): the workbook read into cells, a column mapping (suggested
//! from the header, corrected by the person), and each row turned into a record or
//! into the reason it cannot be one. What is written is the command's
//! (`commands::sheet_import`); nothing here touches the database.

pub mod archive;
pub mod import;
pub mod mapping;
pub mod rows;
pub mod workbook;

pub use mapping::{suggest, Columns, Layout, SheetMapping};
pub use rows::{parse_row, Parsed, RowProblem};
pub use workbook::{read, Cell, Sheet, WorkbookError};
