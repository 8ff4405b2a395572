// Generated from the command list in src-tauri/commands/mod.rs by `make bindings`.
// Do not edit: `make test` fails when this file is stale.

import type { AppInfo } from "./AppInfo";
import type { AppInfoRequest } from "./AppInfoRequest";
import type { AttachmentAddRequest } from "./AttachmentAddRequest";
import type { AttachmentData } from "./AttachmentData";
import type { AttachmentIdRequest } from "./AttachmentIdRequest";
import type { AttachmentInfo } from "./AttachmentInfo";
import type { AttachmentListRequest } from "./AttachmentListRequest";
import type { AttestRequest } from "./AttestRequest";
import type { AuditReport } from "./AuditReport";
import type { AuditVerifyRequest } from "./AuditVerifyRequest";
import type { BackupCreateRequest } from "./BackupCreateRequest";
import type { BackupDailyRequest } from "./BackupDailyRequest";
import type { BackupList } from "./BackupList";
import type { BackupListRequest } from "./BackupListRequest";
import type { BackupMade } from "./BackupMade";
import type { BackupRetentionRequest } from "./BackupRetentionRequest";
import type { BundleExportRequest } from "./BundleExportRequest";
import type { BundleExported } from "./BundleExported";
import type { BundleImportRequest } from "./BundleImportRequest";
import type { Bureau } from "./Bureau";
import type { BureauGetRequest } from "./BureauGetRequest";
import type { BureauSetting } from "./BureauSetting";
import type { CaCreateRequest } from "./CaCreateRequest";
import type { CaExportRequest } from "./CaExportRequest";
import type { CaExported } from "./CaExported";
import type { CaGetRequest } from "./CaGetRequest";
import type { CaImportRequest } from "./CaImportRequest";
import type { CaStatus } from "./CaStatus";
import type { CalendarDay } from "./CalendarDay";
import type { City } from "./City";
import type { Counterpart } from "./Counterpart";
import type { DemoReport } from "./DemoReport";
import type { DemoRequest } from "./DemoRequest";
import type { Department } from "./Department";
import type { DirectoryBundleExportRequest } from "./DirectoryBundleExportRequest";
import type { DirectoryListRequest } from "./DirectoryListRequest";
import type { HomeSummary } from "./HomeSummary";
import type { HomeSummaryRequest } from "./HomeSummaryRequest";
import type { ImportReport } from "./ImportReport";
import type { IssuedRegisterView } from "./IssuedRegisterView";
import type { KeyImportRequest } from "./KeyImportRequest";
import type { LanguageChanged } from "./LanguageChanged";
import type { ListFindingsRequest } from "./ListFindingsRequest";
import type { MonthFindings } from "./MonthFindings";
import type { MonthOverview } from "./MonthOverview";
import type { MonthOverviewRequest } from "./MonthOverviewRequest";
import type { MonthOverviewRow } from "./MonthOverviewRow";
import type { Official } from "./Official";
import type { PassphraseChangeRequest } from "./PassphraseChangeRequest";
import type { Profile } from "./Profile";
import type { ProfileCreateRequest } from "./ProfileCreateRequest";
import type { ProfileGetRequest } from "./ProfileGetRequest";
import type { ProfileListRequest } from "./ProfileListRequest";
import type { ProfileUpdateRequest } from "./ProfileUpdateRequest";
import type { ProfileView } from "./ProfileView";
import type { RecordCancelRequest } from "./RecordCancelRequest";
import type { RecordCreateRequest } from "./RecordCreateRequest";
import type { RecordFindings } from "./RecordFindings";
import type { RecordFindingsRequest } from "./RecordFindingsRequest";
import type { RecordIdRequest } from "./RecordIdRequest";
import type { RecordListRequest } from "./RecordListRequest";
import type { RecordPage } from "./RecordPage";
import type { RecordPrintRequest } from "./RecordPrintRequest";
import type { RecordPrinted } from "./RecordPrinted";
import type { RecordRestoreRequest } from "./RecordRestoreRequest";
import type { RecordTotals } from "./RecordTotals";
import type { RecordTotalsRequest } from "./RecordTotalsRequest";
import type { RecordUpdateRequest } from "./RecordUpdateRequest";
import type { RecordVersion } from "./RecordVersion";
import type { RecordsExportRequest } from "./RecordsExportRequest";
import type { RecordsExported } from "./RecordsExported";
import type { RecoverRequest } from "./RecoverRequest";
import type { RecoveryKeyIssueRequest } from "./RecoveryKeyIssueRequest";
import type { RecoveryKeyIssued } from "./RecoveryKeyIssued";
import type { RegisterCountersignRequest } from "./RegisterCountersignRequest";
import type { RegisterDraft } from "./RegisterDraft";
import type { RegisterDraftRequest } from "./RegisterDraftRequest";
import type { RegisterIssued } from "./RegisterIssued";
import type { RegisterListRequest } from "./RegisterListRequest";
import type { RegisterPdf } from "./RegisterPdf";
import type { RegisterPdfRequest } from "./RegisterPdfRequest";
import type { RegisterPreview } from "./RegisterPreview";
import type { RegisterPreviewRequest } from "./RegisterPreviewRequest";
import type { RegisterSaveRequest } from "./RegisterSaveRequest";
import type { RegisterSignRequest } from "./RegisterSignRequest";
import type { RegisterVerification } from "./RegisterVerification";
import type { RegisterVerifyRequest } from "./RegisterVerifyRequest";
import type { RestoreReport } from "./RestoreReport";
import type { RestoreRequest } from "./RestoreRequest";
import type { ReviewGetRequest } from "./ReviewGetRequest";
import type { ReviewOutcome } from "./ReviewOutcome";
import type { ReviewRequest } from "./ReviewRequest";
import type { ReviewView } from "./ReviewView";
import type { RuleCatalogue } from "./RuleCatalogue";
import type { RuleListRequest } from "./RuleListRequest";
import type { SaveCalendarDay } from "./SaveCalendarDay";
import type { SaveCity } from "./SaveCity";
import type { SaveCounterpart } from "./SaveCounterpart";
import type { SaveDepartment } from "./SaveDepartment";
import type { SaveOfficial } from "./SaveOfficial";
import type { SaveStandard } from "./SaveStandard";
import type { SessionGetRequest } from "./SessionGetRequest";
import type { SessionInfo } from "./SessionInfo";
import type { SetLanguageRequest } from "./SetLanguageRequest";
import type { SheetImportReport } from "./SheetImportReport";
import type { SheetImportRequest } from "./SheetImportRequest";
import type { SheetInspectRequest } from "./SheetInspectRequest";
import type { SheetInspection } from "./SheetInspection";
import type { SignInRequest } from "./SignInRequest";
import type { SignOutRequest } from "./SignOutRequest";
import type { Standard } from "./Standard";
import type { StoredRecord } from "./StoredRecord";
import type { Versioned } from "./Versioned";

/** Every command of the core, with its request and response types. */
export type Commands = {
  /** Version, data directory, database path and schema version of this installation */
  app_info: { request: AppInfoRequest; response: AppInfo };
  /** Save the user's language (zh-CN or en); later messages use it */
  set_language: { request: SetLanguageRequest; response: LanguageChanged };
  /** Check the audit log's hash chain and that all data equals its last audited state */
  audit_verify: { request: AuditVerifyRequest; response: AuditReport };
  /** The bureau's name (填报单位 on every register) */
  bureau_get: { request: BureauGetRequest; response: BureauSetting };
  /** Set the bureau's name (audited) */
  bureau_save: { request: Bureau; response: BureauSetting };
  /** Who is signed in, what they may do, and who could sign in */
  session_get: { request: SessionGetRequest; response: SessionInfo };
  /** Sign in as a profile with its passphrase */
  session_sign_in: { request: SignInRequest; response: SessionInfo };
  /** Sign out */
  session_sign_out: { request: SignOutRequest; response: SessionInfo };
  /** Create a profile for an official, with a passphrase and a new key and certificate */
  profile_create: { request: ProfileCreateRequest; response: ProfileView };
  /** Every profile with its keys and certificates (revoked ones too) */
  profile_list: { request: ProfileListRequest; response: Array<ProfileView> };
  /** Change a profile's administrator flag, deactivate it, or reset its passphrase and key */
  profile_update: { request: ProfileUpdateRequest; response: ProfileView };
  /** Change one's own passphrase (the key stays the same, re-encrypted) */
  passphrase_change: { request: PassphraseChangeRequest; response: ProfileView };
  /** Replace one's own key with a bureau CA's (.p12, ECDSA P-256); the old key is revoked from now */
  key_import: { request: KeyImportRequest; response: ProfileView };
  /** Issue the database's recovery key (shown once); a previous one stops working */
  recovery_key_issue: { request: RecoveryKeyIssueRequest; response: RecoveryKeyIssued };
  /** With the recovery key, give an administrator a new passphrase (signs them in) */
  passphrase_recover: { request: RecoverRequest; response: SessionInfo };
  /** The bureau's root certificate, and whether its key is open */
  ca_get: { request: CaGetRequest; response: CaStatus };
  /** Create the bureau's root (a database made before it had one) and certify every profile's key */
  ca_create: { request: CaCreateRequest; response: CaStatus };
  /** Write the bureau's root certificate (PEM or DER), for verifying registers elsewhere */
  ca_export: { request: CaExportRequest; response: CaExported };
  /** Make a CA's key (.p12) the bureau's root and certify every profile's key by it */
  ca_import: { request: CaImportRequest; response: CaStatus };
  /** Who uses this machine (the official forms default to) */
  profile_get: { request: ProfileGetRequest; response: Profile };
  /** Choose who uses this machine (an active official, audited) */
  profile_save: { request: Profile; response: Profile };
  /** Create or amend a department */
  department_save: { request: SaveDepartment; response: Versioned<Department> };
  /** List departments (active only unless includeInactive) */
  department_list: { request: DirectoryListRequest; response: Array<Versioned<Department>> };
  /** Create or amend an official */
  official_save: { request: SaveOfficial; response: Versioned<Official> };
  /** List officials (active only unless includeInactive) */
  official_list: { request: DirectoryListRequest; response: Array<Versioned<Official>> };
  /** Create or amend an enterprise or business association (credit code checked) */
  counterpart_save: { request: SaveCounterpart; response: Versioned<Counterpart> };
  /** List enterprises and associations (active only unless includeInactive) */
  counterpart_list: { request: DirectoryListRequest; response: Array<Versioned<Counterpart>> };
  /** Create or amend a destination city */
  city_save: { request: SaveCity; response: Versioned<City> };
  /** List destination cities */
  city_list: { request: DirectoryListRequest; response: Array<Versioned<City>> };
  /** Add or amend an effective-dated standard (audited; findings are evaluated again) */
  standard_save: { request: SaveStandard; response: Versioned<Standard> };
  /** List the standards the rules use (active only unless includeInactive) */
  standard_list: { request: DirectoryListRequest; response: Array<Versioned<Standard>> };
  /** Correct the holiday calendar: add a holiday, or take a shipped day out (audited) */
  holiday_save: { request: SaveCalendarDay; response: Versioned<CalendarDay> };
  /** List the administrator's corrections to the holiday calendar */
  holiday_list: { request: DirectoryListRequest; response: Array<Versioned<CalendarDay>> };
  /** Register a trip, meal, gift or contact (version 1) */
  record_create: { request: RecordCreateRequest; response: StoredRecord };
  /** Amend a record: a new version, the old one kept in its history */
  record_update: { request: RecordUpdateRequest; response: StoredRecord };
  /** Cancel a record with a reason (records are never deleted) */
  record_cancel: { request: RecordCancelRequest; response: StoredRecord };
  /** Restore a cancelled record with a reason: a new version, audited like a cancellation */
  record_restore: { request: RecordRestoreRequest; response: StoredRecord };
  /** One record as stored now */
  record_get: { request: RecordIdRequest; response: StoredRecord };
  /** A page of records, filtered, searched and in the order asked (newest first unless told otherwise; totals: record_totals) */
  record_list: { request: RecordListRequest; response: RecordPage };
  /** How many records match a filter, and the sum of their amounts */
  record_totals: { request: RecordTotalsRequest; response: RecordTotals };
  /** Every version of a record from the audit log, oldest first */
  record_history: { request: RecordIdRequest; response: Array<RecordVersion> };
  /** Export the records a filter selects to XLSX or CSV (Chinese headers, number and date cells), or print them as a PDF list */
  records_export: { request: RecordsExportRequest; response: RecordsExported };
  /** Print one record whole as a PDF: its fields, expenses and settlement, findings, attachments and history */
  record_print: { request: RecordPrintRequest; response: RecordPrinted };
  /** Submit, withdraw, approve or return records (all or none; signed with the passphrase) */
  record_review: { request: ReviewRequest; response: ReviewOutcome };
  /** A record's review status, its last signature checked, and what the actor may do to it */
  review_get: { request: ReviewGetRequest; response: ReviewView };
  /** Declare (or withdraw) that an official has nothing to register in a month; signed */
  attest_month: { request: AttestRequest; response: MonthOverviewRow };
  /** Per official of a department and month: registered, incomplete, declared empty or silent */
  month_overview: { request: MonthOverviewRequest; response: MonthOverview };
  /** A department's monthly register as it stands: sections, totals, findings, blockers, manifest hash */
  register_preview: { request: RegisterPreviewRequest; response: RegisterPreview };
  /** Write a department's monthly register as an unsigned draft PDF (to read and check before signing) */
  register_draft_pdf: { request: RegisterDraftRequest; response: RegisterDraft };
  /** A register's PDF for the preview: an issued one as stored, or a month's unsigned draft */
  register_pdf: { request: RegisterPdfRequest; response: RegisterPdf };
  /** Sign a department's monthly register (every record approved): PDF signature, records locked */
  register_sign: { request: RegisterSignRequest; response: RegisterIssued };
  /** Countersign an issued register (the leader in charge): a second PDF signature appended */
  register_countersign: { request: RegisterCountersignRequest; response: RegisterIssued };
  /** The issued (signed) registers, newest month first */
  register_list: { request: RegisterListRequest; response: Array<IssuedRegisterView> };
  /** Write an issued register's PDF (as signed and countersigned) to a file; audited */
  register_save: { request: RegisterSaveRequest; response: RegisterIssued };
  /** Verify a register PDF or QR text: each signature, the whole document, the records against the database */
  register_verify: { request: RegisterVerifyRequest; response: RegisterVerification };
  /** A record's compliance findings (with clauses) and, for a trip, its settlement */
  record_findings: { request: RecordFindingsRequest; response: RecordFindings };
  /** The findings of a month's records (optionally one department), as of a day */
  list_findings: { request: ListFindingsRequest; response: MonthFindings };
  /** The compliance rules, their clauses and the standards they use */
  rule_list: { request: RuleListRequest; response: RuleCatalogue };
  /** This month at a glance: records by kind, findings, gifts awaiting disposition, 12 months */
  home_summary: { request: HomeSummaryRequest; response: HomeSummary };
  /** Attach a JPEG, PNG or PDF file (≤ 10 MiB, checked by content) to a record */
  attachment_add: { request: AttachmentAddRequest; response: AttachmentInfo };
  /** The attachments of a record */
  attachment_list: { request: AttachmentListRequest; response: Array<AttachmentInfo> };
  /** An attachment's bytes (base64), for a preview */
  attachment_data: { request: AttachmentIdRequest; response: AttachmentData };
  /** Unlink an attachment from its record (the file stays in the history) */
  attachment_remove: { request: AttachmentIdRequest; response: AttachmentInfo };
  /** Back up the whole database now (a consistent copy, while the app runs) */
  backup_create: { request: BackupCreateRequest; response: BackupMade };
  /** The backups in the backups folder, newest first, and the retention */
  backup_list: { request: BackupListRequest; response: BackupList };
  /** How many daily automatic backups to keep (audited) */
  backup_retention_save: { request: BackupRetentionRequest; response: BackupList };
  /** Make today's automatic backup if there is none yet, and apply the retention */
  backup_daily: { request: BackupDailyRequest; response: BackupMade | null };
  /** Check a backup (integrity, schema, audit chain) and restore it; the replaced database is kept */
  backup_restore: { request: RestoreRequest; response: RestoreReport };
  /** Export records (by dates, kinds, or not yet exported) to a bundle signed with your key */
  bundle_export: { request: BundleExportRequest; response: BundleExported };
  /** Export the whole directory (bureau, departments, officials and their certificates, counterparts, cities, standards) for the spokes */
  directory_bundle_export: { request: DirectoryBundleExportRequest; response: BundleExported };
  /** Import a signed bundle (all or nothing); with dryRun, report what would happen */
  bundle_import: { request: BundleImportRequest; response: ImportReport };
  /** Read an Excel register: its sheets and the column mapping their headers suggest */
  sheet_inspect: { request: SheetInspectRequest; response: SheetInspection };
  /** Import an Excel register through a column mapping (all or nothing); with dryRun, report every row */
  sheet_import: { request: SheetImportRequest; response: SheetImportReport };
  /** Add deterministic demo records (and the demo directory when there is none) */
  demo_generate: { request: DemoRequest; response: DemoReport };
};

export type CommandName = keyof Commands;

export const COMMAND_NAMES: readonly CommandName[] = [
  "app_info",
  "set_language",
  "audit_verify",
  "bureau_get",
  "bureau_save",
  "session_get",
  "session_sign_in",
  "session_sign_out",
  "profile_create",
  "profile_list",
  "profile_update",
  "passphrase_change",
  "key_import",
  "recovery_key_issue",
  "passphrase_recover",
  "ca_get",
  "ca_create",
  "ca_export",
  "ca_import",
  "profile_get",
  "profile_save",
  "department_save",
  "department_list",
  "official_save",
  "official_list",
  "counterpart_save",
  "counterpart_list",
  "city_save",
  "city_list",
  "standard_save",
  "standard_list",
  "holiday_save",
  "holiday_list",
  "record_create",
  "record_update",
  "record_cancel",
  "record_restore",
  "record_get",
  "record_list",
  "record_totals",
  "record_history",
  "records_export",
  "record_print",
  "record_review",
  "review_get",
  "attest_month",
  "month_overview",
  "register_preview",
  "register_draft_pdf",
  "register_pdf",
  "register_sign",
  "register_countersign",
  "register_list",
  "register_save",
  "register_verify",
  "record_findings",
  "list_findings",
  "rule_list",
  "home_summary",
  "attachment_add",
  "attachment_list",
  "attachment_data",
  "attachment_remove",
  "backup_create",
  "backup_list",
  "backup_retention_save",
  "backup_daily",
  "backup_restore",
  "bundle_export",
  "directory_bundle_export",
  "bundle_import",
  "sheet_inspect",
  "sheet_import",
  "demo_generate",
];
