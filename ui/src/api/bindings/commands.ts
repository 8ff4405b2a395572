// Generated from the command list in src-tauri/commands/mod.rs by `make bindings`.
// Do not edit: `make test` fails when this file is stale.

import type { AppInfo } from "./AppInfo";
import type { AppInfoRequest } from "./AppInfoRequest";
import type { AuditReport } from "./AuditReport";
import type { AuditVerifyRequest } from "./AuditVerifyRequest";
import type { LanguageChanged } from "./LanguageChanged";
import type { SetLanguageRequest } from "./SetLanguageRequest";

/** Every command of the core, with its request and response types. */
export type Commands = {
  /** Version, data directory, database path and schema version of this installation */
  app_info: { request: AppInfoRequest; response: AppInfo };
  /** Save the user's language (zh-CN or en); later messages use it */
  set_language: { request: SetLanguageRequest; response: LanguageChanged };
  /** Check the audit log's hash chain and that all data equals its last audited state */
  audit_verify: { request: AuditVerifyRequest; response: AuditReport };
};

export type CommandName = keyof Commands;

export const COMMAND_NAMES: readonly CommandName[] = [
  "app_info",
  "set_language",
  "audit_verify",
];
