import type { AttachmentInfo } from "../api/bindings/AttachmentInfo";
import type { CommandName, Commands } from "../api/bindings/commands";
import type { RecordCreateRequest } from "../api/bindings/RecordCreateRequest";
import type { RecordUpdateRequest } from "../api/bindings/RecordUpdateRequest";
import type { City } from "../api/bindings/City";
import type { Counterpart } from "../api/bindings/Counterpart";
import type { Department } from "../api/bindings/Department";
import type { ErrorPayload } from "../api/bindings/ErrorPayload";
import type { Official } from "../api/bindings/Official";
import type { RecordBody } from "../api/bindings/RecordBody";
import type { RecordFilter } from "../api/bindings/RecordFilter";
import type { RecordVersion } from "../api/bindings/RecordVersion";
import type { ReviewStatus } from "../api/bindings/ReviewStatus";
import type { SignatureCheck } from "../api/bindings/SignatureCheck";
import type { StoredRecord } from "../api/bindings/StoredRecord";
import type { Versioned } from "../api/bindings/Versioned";
import { CORE_ERRORS, CORE_ILLEGAL, CORE_PROBLEMS } from "../api/bindings/coreWords";
import { fmt } from "../i18n";
import type { FakeProfile } from "./fakeSession";

/**
 * An in-memory stand-in for the core's directory and record commands, for component
 * tests. It checks only what the tests exercise (credit codes, negative amounts,
 * required reasons), refusing the way the core does: `{code, message, field}`. Profiles,
 * signing in, reviews and months are fakeSession.ts's; this file keeps their state.
 */
export interface FakeCoreState {
  departments: Versioned<Department>[];
  officials: Versioned<Official>[];
  counterparts: Versioned<Counterpart>[];
  cities: Versioned<City>[];
  records: StoredRecord[];
  history: Record<string, RecordVersion[]>;
  attachments: AttachmentInfo[];
  bureau: string | null;
  profile: string | null;
  /** Profiles with their passphrases; none: open mode, as a database before its first profile. */
  profiles: FakeProfile[];
  /** The profile signed in. */
  session: string | null;
  /** Review state by record id; a record without one is a draft. */
  reviews: Record<string, FakeReview>;
  /** Nil declarations by `${officialId}|${month}`. */
  attestations: Record<string, SignatureCheck>;
  openDispositions: number;
}

export interface FakeReview {
  status: ReviewStatus;
  locked: boolean;
  amended: boolean;
  comment: string;
  signature: SignatureCheck | null;
}

export function reviewOf(state: FakeCoreState, id: string): FakeReview {
  return state.reviews[id] ?? { status: "draft", locked: false, amended: false, comment: "", signature: null };
}

export function emptyCore(): FakeCoreState {
  return {
    departments: [],
    officials: [],
    counterparts: [],
    cities: [],
    records: [],
    history: {},
    attachments: [],
    bureau: null,
    profile: null,
    profiles: [],
    session: null,
    reviews: {},
    attestations: {},
    openDispositions: 0,
  };
}

let sequence = 0;
export const newId = (prefix: string) => `${prefix}-${(++sequence).toString().padStart(4, "0")}`;

/** Refuses like the core: the message names the field by its path, the problem does not. */
export function refuse(problem: string, field?: (string | number)[]): never {
  const payload: ErrorPayload = field
    ? { code: "validation", message: `${field.join(".")}：${problem}`, field, problem }
    : { code: "validation", message: problem };
  throw payload;
}

function save<T>(
  list: Versioned<T>[],
  request: { id: string | null; version: number | null; value: T },
  prefix: string,
): Versioned<T> {
  if (request.id === null) {
    const entry = { id: newId(prefix), version: 1, value: request.value };
    list.push(entry);
    return entry;
  }
  const entry = list.find((e) => e.id === request.id);
  if (!entry) throw { code: "notFound", message: "not found" } satisfies ErrorPayload;
  entry.version += 1;
  entry.value = request.value;
  return entry;
}

function listOf<T extends { active?: boolean }>(list: Versioned<T>[], request: unknown) {
  const all = (request as { includeInactive: boolean }).includeInactive;
  return list.filter((e) => all || e.value.active !== false);
}

/** The body's date and amount, as the core derives them. */
function dateAndAmount(body: RecordBody): { date: string; amount: number } {
  if ("trip" in body)
    return { date: body.trip.startDate, amount: body.trip.expenses.reduce((sum, e) => sum + e.amount, 0) };
  if ("meal" in body) return { date: body.meal.date, amount: body.meal.amountPaid };
  if ("contact" in body) return { date: body.contact.date, amount: 0 };
  if ("received" in body.gift) return { date: body.gift.received.date, amount: body.gift.received.estimatedValue };
  return { date: body.gift.given.date, amount: body.gift.given.value };
}

/** Refuses with every problem at once, as the core does: the first, and the rest in `also`. */
function refuseAll(problems: [string, (string | number)[]][]) {
  if (problems.length === 0) return;
  const [[problem, field], ...rest] = problems as [[string, (string | number)[]], ...[string, (string | number)[]][]];
  const payload: ErrorPayload = {
    code: "validation",
    message: `${field.join(".")}：${problem}`,
    field,
    problem,
    also: rest.map(([p, f]) => ({ field: f, message: `${f.join(".")}：${p}`, problem: p })),
  };
  throw payload;
}

function checkBody(body: RecordBody) {
  if ("meal" in body)
    refuseAll([
      ...(body.meal.perPersonStandard !== null && body.meal.perPersonStandard < 0
        ? [[CORE_PROBLEMS.amountNegative, ["body", "meal", "perPersonStandard"]] as [string, string[]]]
        : []),
      ...(body.meal.amountPaid < 0 ? [[CORE_PROBLEMS.amountNegative, ["body", "meal", "amountPaid"]] as [string, string[]]] : []),
    ]);
  if ("trip" in body)
    body.trip.expenses.forEach((e, i) => {
      if (e.amount < 0) refuse(CORE_PROBLEMS.amountNegative, ["body", "trip", "expenses", i, "amount"]);
    });
  if ("contact" in body && body.contact.purpose.trim() === "") refuse(CORE_PROBLEMS.required, ["body", "contact", "purpose"]);
}

export function kindOf(body: RecordBody) {
  return Object.keys(body)[0] as "trip" | "meal" | "gift" | "contact";
}

function matches(state: FakeCoreState, record: StoredRecord, filter: RecordFilter): boolean {
  if (!filter.includeCancelled && record.cancelled) return false;
  if (filter.status && reviewOf(state, record.id).status !== filter.status) return false;
  if (filter.kind && kindOf(record.body) !== filter.kind) return false;
  if (filter.departmentId && record.departmentId !== filter.departmentId) return false;
  if (filter.from && record.date < filter.from) return false;
  if (filter.to && record.date > filter.to) return false;
  const json = JSON.stringify(record.body);
  if (filter.officialId && !json.includes(filter.officialId)) return false;
  if (filter.counterpartId && !json.includes(filter.counterpartId)) return false;
  if (filter.text && !json.includes(filter.text)) return false;
  return true;
}

function sorted(records: StoredRecord[], order: RecordFilter["order"] = "dateDesc") {
  const key = (r: StoredRecord) => (order.startsWith("date") ? r.date : String(r.amount).padStart(16, "0"));
  const way = order.endsWith("Desc") ? -1 : 1;
  return [...records].sort((a, b) => way * (key(a) === key(b) ? (a.id < b.id ? -1 : 1) : key(a) < key(b) ? -1 : 1));
}

/** Where a search matched: the first text field of the body holding the text. */
function matchOf(record: StoredRecord, text: string) {
  const body = Object.values(record.body)[0] as Record<string, unknown>;
  for (const [field, value] of Object.entries(body)) {
    if (typeof value !== "string") continue;
    const at = value.indexOf(text);
    if (at >= 0) return { field, before: value.slice(0, at), matched: text, after: value.slice(at + text.length) };
  }
  return null;
}

/** A record cancelled or restored with its reason, as a new version. */
function cancelled(state: FakeCoreState, request: { id: string; reason: string }, cancelled: boolean): StoredRecord {
  if (request.reason.trim() === "") refuse(CORE_PROBLEMS.required, ["reason"]);
  const record = state.records.find((x) => x.id === request.id);
  if (!record) throw { code: "notFound", message: "not found" } satisfies ErrorPayload;
  record.cancelled = cancelled;
  record.note = request.reason;
  record.version += 1;
  return record;
}

/** A new record, or a new version of one (`id` given), checked as the core checks it. */
function saveRecord(state: FakeCoreState, req: RecordCreateRequest | RecordUpdateRequest): StoredRecord {
  const id = "id" in req ? req.id : undefined;
  const reason = "reason" in req ? req.reason : undefined;
  checkBody(req.body);
  if (!state.departments.some((d) => d.id === req.departmentId)) refuse(CORE_PROBLEMS.unknownReference, ["departmentId"]);
  const existing = id ? state.records.find((x) => x.id === id) : undefined;
  if (existing) {
    // As the core: a submitted record is frozen, a locked one changes only with a reason.
    const review = reviewOf(state, existing.id);
    if (review.status === "submitted")
      throw { code: "workflow", message: CORE_ILLEGAL.submitted.edit } satisfies ErrorPayload;
    if (review.locked && !reason?.trim())
      throw { code: "locked", message: fmt(CORE_ERRORS.locked, { id: existing.id }) } satisfies ErrorPayload;
    state.reviews[existing.id] = {
      ...review,
      status: review.status === "approved" ? "draft" : review.status,
      amended: review.amended || review.locked,
    };
  }
  const record: StoredRecord = {
    id: existing?.id ?? newId("rec"),
    version: (existing?.version ?? 0) + 1,
    departmentId: req.departmentId,
    ...dateAndAmount(req.body),
    cancelled: false,
    note: reason ?? "",
    enteredBy: "tester",
    enteredByName: "tester",
    enteredAt: "2025-03-01T08:00:00Z",
    body: req.body,
  };
  state.records = [...state.records.filter((x) => x.id !== record.id), record];
  (state.history[record.id] ??= []).push({
    seq: (state.history[record.id]?.length ?? 0) + 1,
    at: "2025-03-01T08:00:00Z",
    actor: "tester",
    actorName: "tester",
    entity: "record",
    action: existing ? "update" : "create",
    after: JSON.stringify(record),
  });
  return record;
}

type Handlers = {
  [K in CommandName]?: (state: FakeCoreState, request: Commands[K]["request"]) => Commands[K]["response"];
};

/**
 * The fake's answer to each command it knows, typed by the generated bindings: a
 * request or response that drifts from the core's fails the type check.
 */
const HANDLERS: Handlers = {
  bureau_get: (state) => {
    return { name: state.bureau };
  },
  bureau_save: (state, request) => {
    state.bureau = request.name;
    return { name: state.bureau };
  },
  profile_get: (state) => {
    return { officialId: state.profile };
  },
  profile_save: (state, request) => {
    state.profile = request.officialId;
    return { officialId: state.profile };
  },
  department_list: (state, request) => {
    return listOf(state.departments, request);
  },
  official_list: (state, request) => {
    return listOf(state.officials, request);
  },
  counterpart_list: (state, request) => {
    return listOf(state.counterparts, request);
  },
  city_list: (state) => {
    return state.cities;
  },
  department_save: (state, request) => {
    return save(state.departments, request, "dep");
  },
  official_save: (state, request) => {
    return save(state.officials, request, "off");
  },
  city_save: (state, request) => {
    return save(state.cities, request, "city");
  },
  counterpart_save: (state, request) => {
    const value = request.value;
    if (value.name.trim() === "") refuse(CORE_PROBLEMS.required, ["value", "name"]);
    const code = value.creditCode?.trim() ?? "";
    if (code !== "" && code.length !== 18)
      refuse(fmt(CORE_PROBLEMS.creditCodeMalformed, { detail: `${code.length} / 18` }), ["value", "creditCode"]);
    // The fake's check character: a code ending in "0" fails it.
    if (code.endsWith("0") && !value.creditCodeConfirmed)
      refuse(fmt(CORE_PROBLEMS.creditCodeCheckUnconfirmed, { expected: "7" }), ["value", "creditCode"]);
    return save(state.counterparts, request, "cp");
  },
  record_update: (state, request) => saveRecord(state, request),
  record_create: (state, request) => saveRecord(state, request),
  record_cancel: (state, request) => cancelled(state, request, true),
  record_restore: (state, request) => cancelled(state, request, false),
  record_get: (state, request) => {
    const record = state.records.find((x) => x.id === request.id);
    if (!record) throw { code: "notFound", message: "not found" } satisfies ErrorPayload;
    return record;
  },
  record_history: (state, request) => {
    return state.history[request.id] ?? [];
  },
  record_list: (state, request) => {
    const req = request as {
      filter: RecordFilter;
      after: { date: string; amount: number; id: string } | null;
      limit: number | null;
      page: number | null;
    };
    let items = sorted(
      state.records.filter((x) => matches(state, x, req.filter)),
      req.filter.order,
    );
    if (req.page) {
      items = items.slice((req.page - 1) * (req.limit ?? 50));
  } else if (req.after) {
      const index = items.findIndex((x) => x.id === req.after!.id);
      items = items.slice(index + 1);
  }
    const limit = req.limit ?? 50;
    const page = items.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page,
      findings: page.map(() => ({ violations: 0, warnings: 0, notes: 0 })),
      reviews: page.map((x) => reviewOf(state, x.id).status),
      matches: req.filter.text ? page.map((x) => matchOf(x, req.filter.text!)) : [],
      next: items.length > limit && last ? { date: last.date, amount: last.amount, id: last.id } : null,
    };
  },
  record_totals: (state, request) => {
    const items = state.records.filter((x) => matches(state, x, request.filter));
    return { count: items.length, amount: items.reduce((sum, x) => sum + x.amount, 0) };
  },
  attachment_list: (state, request) => {
    return state.attachments.filter((a) => a.recordId === request.recordId);
  },
  attachment_add: (state, request) => {
    const req = request;
    const name = req.path.split("/").at(-1) ?? req.path;
    const info: AttachmentInfo = {
      id: newId("att"),
      recordId: req.recordId,
      sha256: "0".repeat(64),
      name,
      mediaType: name.endsWith(".pdf") ? "application/pdf" : "image/png",
      size: 68,
    };
    state.attachments.push(info);
    return info;
  },
  attachment_data: (state, request) => {
    const info = state.attachments.find((a) => a.id === request.id);
    if (!info) throw { code: "notFound", message: "not found" } satisfies ErrorPayload;
    return { info, base64: "iVBORw0KGgo=" };
  },
  attachment_remove: (state, request) => {
    const info = state.attachments.find((a) => a.id === request.id);
    if (!info) throw { code: "notFound", message: "not found" } satisfies ErrorPayload;
    state.attachments = state.attachments.filter((a) => a !== info);
    return info;
  },
  record_findings: (state, request) => {
    const record = state.records.find((x) => x.id === request.id);
    if (!record) throw { code: "notFound", message: "not found" } satisfies ErrorPayload;
    return {
      recordId: record.id,
      kind: kindOf(record.body),
      date: record.date,
      departmentId: record.departmentId,
      findings: [],
      settlement: [],
    };
  },
  home_summary: (state) => {
    const count = (kind: string) => state.records.filter((x) => kindOf(x.body) === kind && !x.cancelled).length;
    const counts = { trips: count("trip"), meals: count("meal"), gifts: count("gift"), contacts: count("contact") };
    return {
      month: "2025-03",
      today: "2025-03-15",
      records: counts,
      findings: { violations: 0, warnings: 0, notes: 0 },
      pendingGifts: [],
      perMonth: [{ month: "2025-03", counts }],
    };
  },
  demo_generate: () => {
    return { departments: 0, officials: 0, counterparts: 0, cities: 0, recordsAdded: 0, profiles: 0, passphrase: null };
  },
};

/** The fake's answer, or `undefined` for a command it does not know. */
export function fakeCoreCall(state: FakeCoreState, command: string, request: unknown): unknown {
  const handler = HANDLERS[command as CommandName] as ((state: FakeCoreState, request: unknown) => unknown) | undefined;
  return handler?.(state, request);
}

/** A small directory: one department, two officials, one enterprise with a canteen. */
export function seededCore(): FakeCoreState {
  const state = emptyCore();
  state.bureau = "沈阳市某局";
  state.departments.push({ id: "dep-a", version: 1, value: { name: "招商处", active: true } });
  const official = (id: string, name: string, staffNo: string): Versioned<Official> => ({
    id,
    version: 1,
    value: {
      name,
      staffNo,
      departmentId: "dep-a",
      position: "科员",
      role: "staff",
      travelTier: "other",
      enforcementPowers: false,
      active: true,
    },
  });
  state.officials.push(official("off-wang", "王明", "001"), official("off-li", "李红", "002"));
  state.counterparts.push({
    id: "cp-north",
    version: 1,
    value: {
      name: "北方装备制造有限公司",
      kind: "enterprise",
      creditCode: null,
      creditCodeConfirmed: false,
      creditStatus: "normal",
      canteenRate: 1500,
      address: "",
      contact: "",
      active: true,
    },
  });
  state.cities.push({ id: "city-sz", version: 1, value: { province: "广东省", name: "深圳市" } });
  return state;
}
