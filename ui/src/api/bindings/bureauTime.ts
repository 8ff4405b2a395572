// Generated from src-tauri/domain/bureau_time.rs by `make bindings`.
// Do not edit: `make test` fails when this file is stale.

/** The bureau's offset from UTC (China Standard Time, no daylight saving). */
export const BUREAU_UTC_OFFSET_SECONDS = 28800;
