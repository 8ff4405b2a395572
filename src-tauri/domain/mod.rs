//! Value types and validation of the domain: pure, no I/O, no clock reads (time and
//! randomness are passed in).

pub mod access;
pub mod access_matrix;
pub mod bureau_time;
pub mod cities;
pub mod credit_code;
pub mod directory;
pub mod enum_words;
pub mod id;
pub mod ids;
pub mod invalid;
pub mod limits;
pub mod money;
pub mod records;
pub mod typescript;
pub mod validation;
pub mod workflow;
