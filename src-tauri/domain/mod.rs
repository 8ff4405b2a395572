//! Value types and validation of the domain (ids, money, dates, credit codes,
//! record kinds): pure, no I/O, no clock reads. The records issue fills it in.
