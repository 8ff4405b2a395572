import type { Action } from "../api/bindings/Action";
import type { CommandName, Commands } from "../api/bindings/commands";
import type { ErrorPayload } from "../api/bindings/ErrorPayload";
import type { MonthOverviewRow } from "../api/bindings/MonthOverviewRow";
import type { OfficialRole } from "../api/bindings/OfficialRole";
import type { ProfileView } from "../api/bindings/ProfileView";
import type { ReviewAction } from "../api/bindings/ReviewAction";
import type { SessionInfo } from "../api/bindings/SessionInfo";
import type { SignatureCheck } from "../api/bindings/SignatureCheck";
import type { StoredRecord } from "../api/bindings/StoredRecord";
import type { Transition } from "../api/bindings/Transition";
import { ACTIONS, PERMITTED, type Scope } from "../api/bindings/permissions";
import { CORE_ERRORS, CORE_FORBIDDEN, CORE_ILLEGAL, CORE_PROBLEMS } from "../api/bindings/coreWords";
import { fmt } from "../i18n";
import { newId, refuse, reviewOf, type FakeCoreState } from "./fakeCore";

/**
 * The fake core's people: profiles, signing in, the permission matrix, review
 * transitions and monthly declarations, in memory and simplified (a "signature" is
 * a record of who and when). Until a profile exists everything is open, as in the core.
 */
export interface FakeProfile {
  view: ProfileView;
  passphrase: string;
}

/** The core's matrix (domain/access.rs), generated: the fake answers as the core does. */
export function permits(role: OfficialRole, administrator: boolean, action: Action, scope: Scope): boolean {
  return PERMITTED.has(`${role}/${administrator}/${action}/${scope}`);
}

const OPEN = new Set(["app_info", "set_language", "session_get", "session_sign_in", "session_sign_out", "profile_create", "passphrase_recover"]);

/** The recovery key the fake database was given (typed any way, as the core reads it). */
export const FAKE_RECOVERY_KEY = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567";
const SIGN_IN_FIRST: ErrorPayload = { code: "unauthenticated", message: CORE_ERRORS.signInRequired };
const WRONG: ErrorPayload = { code: "unauthenticated", message: CORE_ERRORS.wrongPassphrase };
const MIN_CHARS = 8;

interface Actor {
  profile: ProfileView;
  role: OfficialRole;
  departmentId: string;
}

function actorOf(state: FakeCoreState): Actor | null {
  const found = state.profiles.find((p) => p.view.id === state.session && p.view.active);
  if (!found) return null;
  const official = state.officials.find((o) => o.id === found.view.officialId)!;
  return { profile: found.view, role: official.value.role, departmentId: official.value.departmentId };
}

function scopeOf(actor: Actor, departmentId: string, officialIds: string[]): Scope {
  const elsewhere = departmentId !== actor.departmentId;
  if (officialIds.includes(actor.profile.officialId)) return elsewhere ? "ownElsewhere" : "own";
  return departmentId === actor.departmentId ? "department" : "other";
}

function officialIds(record: StoredRecord): string[] {
  const json = JSON.stringify(record.body);
  return [...json.matchAll(/"(off-[^"]+)"/g)].map((match) => match[1]!);
}

function forbidden(action: Action): never {
  throw { code: "forbidden", message: CORE_FORBIDDEN[action] } satisfies ErrorPayload;
}

function sessionInfo(state: FakeCoreState): SessionInfo {
  const actor = actorOf(state);
  return {
    profilesExist: state.profiles.length > 0,
    locked: false,
    user: actor && { profile: actor.profile },
    may: actor
      ? ACTIONS.filter((a) =>
          (["own", "department", "unscoped"] as const).some((s) => permits(actor.role, actor.profile.administrator, a, s)),
        )
      : state.profiles.length === 0
        ? [...ACTIONS]
        : [],
    profiles: state.profiles.filter((p) => p.view.active).map((p) => p.view),
  };
}

function key(name: string, at: string) {
  const fingerprint = newId("key").replace(/\W/g, "").padEnd(64, "0");
  return { id: newId("key"), fingerprint, subject: `CN=${name}`, origin: "selfSigned" as const, createdAt: at, revokedFrom: null, revokedReason: "" };
}

/** Gives an official a profile with a passphrase (signed in when `signedIn`); returns its id. */
export function addProfile(
  state: FakeCoreState,
  officialId: string,
  { passphrase = "correct horse", administrator = false, signedIn = false, role }: { passphrase?: string; administrator?: boolean; signedIn?: boolean; role?: OfficialRole } = {},
): string {
  const official = state.officials.find((o) => o.id === officialId)!;
  if (role) official.value.role = role;
  const department = state.departments.find((d) => d.id === official.value.departmentId);
  const view: ProfileView = {
    id: newId("prof"),
    version: 1,
    officialId,
    name: official.value.name,
    staffNo: official.value.staffNo,
    departmentId: official.value.departmentId,
    departmentName: department?.value.name ?? "",
    role: official.value.role,
    administrator,
    active: true,
    keys: [key(official.value.name, "2025-03-01T08:00:00Z")],
  };
  state.profiles.push({ view, passphrase });
  if (signedIn) state.session = view.id;
  return view.id;
}

const label = (p: ProfileView) => `${p.name}（${p.staffNo}）`;

function signature(actor: Actor): SignatureCheck {
  const current = actor.profile.keys.find((k) => k.revokedFrom === null);
  return { status: "valid", keyFingerprint: current?.fingerprint ?? "", signedAt: "2025-03-15T09:00:00Z", signer: label(actor.profile) };
}

function checkPassphrase(state: FakeCoreState, profileId: string, given: string) {
  if (state.profiles.find((p) => p.view.id === profileId)?.passphrase !== given) throw WRONG;
}

/** A month's last Monday-to-Friday (the fake knows no holidays), as `YYYY-MM-DD`. */
function lastWeekday(month: string): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  const day = new Date(Date.UTC(year, number, 0));
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

function checkNew(field: string, value: string) {
  if ([...value].length < MIN_CHARS) refuse(CORE_PROBLEMS.passphraseTooShort, [field]);
}

/** The workflow's transitions (domain/workflow.rs), without the lock's reason. */
function legal(status: string, t: Transition): boolean {
  switch (t) {
    case "submit":
      return status === "draft" || status === "returned";
    case "withdraw":
    case "approve":
    case "return":
      return status === "submitted";
    default:
      return status !== "submitted";
  }
}

const PERMISSION: Record<Transition, Action> = {
  submit: "submitRecord",
  withdraw: "withdrawRecord",
  approve: "approveRecord",
  return: "returnRecord",
  edit: "enterRecord",
  cancel: "enterRecord",
  restore: "enterRecord",
};

function overviewRow(state: FakeCoreState, officialId: string, month: string): MonthOverviewRow {
  const official = state.officials.find((o) => o.id === officialId)!;
  const records = state.records.filter((r) => !r.cancelled && r.date.startsWith(month) && officialIds(r).includes(officialId));
  const count = (status: string) => records.filter((r) => reviewOf(state, r.id).status === status).length;
  const [drafts, submitted, approved, returned] = [count("draft"), count("submitted"), count("approved"), count("returned")];
  const declaration = state.attestations[`${officialId}|${month}`] ?? null;
  const standing =
    records.length > 0 ? (drafts + returned === 0 ? "registered" : "incomplete") : declaration ? "declaredNil" : "silent";
  return { officialId, name: official.value.name, standing, drafts, submitted, approved, returned, declaration };
}

type Handlers = {
  [K in CommandName]?: (
    state: FakeCoreState,
    request: Commands[K]["request"],
    actor: Actor | null,
  ) => Commands[K]["response"];
};

/** The fake's answer to each command of people, review and months, typed by the generated bindings. */
const HANDLERS: Handlers = {
  session_get: (state) => {
    return sessionInfo(state);
  },
  session_sign_in: (state, request) => {
    state.session = null;
    const profile = state.profiles.find((p) => p.view.id === request.profileId && p.view.active);
    if (!profile || profile.passphrase !== request.passphrase) throw WRONG;
    state.session = profile.view.id;
    return sessionInfo(state);
  },
  session_sign_out: (state) => {
    state.session = null;
    return sessionInfo(state);
  },
  profile_list: (state) => {
    return state.profiles.map((p) => p.view);
  },
  profile_create: (state, request, actor) => {
    checkNew("passphrase", request.passphrase);
    const first = state.profiles.length === 0;
    if (first && !request.administrator) refuse(CORE_PROBLEMS.firstProfileAdministers, ["administrator"]);
    if (!first && !(actor && permits(actor.role, actor.profile.administrator, "manageProfiles", "unscoped"))) {
      if (!actor) throw SIGN_IN_FIRST;
      forbidden("manageProfiles");
    }
    if (!state.officials.some((o) => o.id === request.officialId && o.value.active)) refuse(CORE_PROBLEMS.unknownReference, ["officialId"]);
    if (state.profiles.some((p) => p.view.officialId === request.officialId)) refuse(CORE_PROBLEMS.profileExists, ["officialId"]);
    const id = addProfile(state, request.officialId, { passphrase: request.passphrase, administrator: request.administrator, signedIn: first });
    return state.profiles.find((p) => p.view.id === id)!.view;
  },
  passphrase_recover: (state, request) => {
    const canon = (text: string) => text.toUpperCase().replace(/[\s-]/g, "");
    if (canon(request.recoveryKey ?? "") !== canon(FAKE_RECOVERY_KEY)) {
      throw { code: "unauthenticated", message: CORE_ERRORS.wrongRecoveryKey } satisfies ErrorPayload;
    }
    const profile = state.profiles.find((p) => p.view.id === request.profileId && p.view.administrator && p.view.active);
    if (!profile) refuse(CORE_PROBLEMS.unknownReference, ["profileId"]);
    checkNew("newPassphrase", request.newPassphrase);
    profile.passphrase = request.newPassphrase;
    state.session = profile.view.id;
    return sessionInfo(state);
  },
  recovery_key_issue: (_state, _request, actor) => {
    if (!actor || !permits(actor.role, actor.profile.administrator, "manageProfiles", "unscoped")) forbidden("manageProfiles");
    return { recoveryKey: FAKE_RECOVERY_KEY, issuedAt: "2026-03-15T09:00:00Z", databasePath: "/data/qinqing.sqlite3" };
  },
  profile_update: (state, request, actor) => {
    if (!actor || !permits(actor.role, actor.profile.administrator, "manageProfiles", "unscoped")) forbidden("manageProfiles");
    const profile = state.profiles.find((p) => p.view.id === request.id)!;
    if (request.newPassphrase !== null) checkNew("newPassphrase", request.newPassphrase);
    const revoke = () => {
      const current = profile.view.keys.find((k) => k.revokedFrom === null);
      if (current) Object.assign(current, { revokedFrom: "2025-03-15T09:00:00Z", revokedReason: request.reason });
    };
    if (request.newPassphrase !== null) {
      revoke();
      profile.passphrase = request.newPassphrase;
      profile.view.keys.unshift(key(profile.view.name, "2025-03-15T09:00:00Z"));
    }
    if (!request.active && profile.view.active) revoke();
    Object.assign(profile.view, { administrator: request.administrator, active: request.active, version: profile.view.version + 1 });
    return profile.view;
  },
  passphrase_change: (state, request, actor) => {
    if (!actor) throw SIGN_IN_FIRST;
    checkPassphrase(state, actor.profile.id, request.current);
    checkNew("new", request.new);
    state.profiles.find((p) => p.view.id === actor.profile.id)!.passphrase = request.new;
    return actor.profile;
  },
  key_import: (state, request, actor) => {
    if (!actor) throw SIGN_IN_FIRST;
    if (!request.path) refuse(CORE_PROBLEMS.required, ["path"]);
    checkPassphrase(state, actor.profile.id, request.passphrase);
    const profile = state.profiles.find((p) => p.view.id === actor.profile.id)!;
    profile.view = {
      ...profile.view,
      keys: [
        { id: `key-${profile.view.keys.length + 1}`, fingerprint: "ca".repeat(32), subject: "CN=imported", origin: "imported", createdAt: "2026-03-15T09:30:00.000Z", revokedFrom: null, revokedReason: "" },
        ...profile.view.keys.map((k) => ({ ...k, revokedFrom: k.revokedFrom ?? "2026-03-15T09:30:00.000Z" })),
      ],
    };
    return profile.view;
  },
  review_get: (state, request, actor) => {
    const record = state.records.find((x) => x.id === request.id);
    if (!record) throw { code: "notFound", message: "not found" } satisfies ErrorPayload;
    const review = reviewOf(state, record.id);
    const allowed = (["submit", "withdraw", "approve", "return", "edit", "cancel", "restore"] as const).filter((t) => {
      const content = t === "edit" || t === "cancel" || t === "restore";
      const permitted = actor
        ? permits(actor.role, actor.profile.administrator, PERMISSION[t], scopeOf(actor, record.departmentId, officialIds(record)))
        : content;
      const open = record.cancelled ? t === "restore" || (!content && review.locked) : t !== "restore";
      return permitted && open && legal(review.status, t);
    });
    return { ...review, allowed };
  },
  record_review: (state, request, actor) => {
    const action = request.action as ReviewAction;
    const comment = String(request.comment ?? "").trim();
    if (action === "return" && comment === "") refuse(CORE_PROBLEMS.commentRequired, ["comment"]);
    if (!actor) throw SIGN_IN_FIRST;
    const records = (request.items as { id: string; version: number }[]).map((item) => {
      const record = state.records.find((x) => x.id === item.id);
      if (!record) throw { code: "notFound", message: "not found" } satisfies ErrorPayload;
      if (record.version !== item.version) throw { code: "conflict", message: fmt(CORE_ERRORS.recordChanged, { id: record.id, had: item.version, now: record.version }) } satisfies ErrorPayload;
      const scope = scopeOf(actor, record.departmentId, officialIds(record));
      if (!permits(actor.role, actor.profile.administrator, PERMISSION[action], scope)) forbidden(PERMISSION[action]);
      if (!legal(reviewOf(state, record.id).status, action))
        throw { code: "workflow", message: CORE_ILLEGAL[reviewOf(state, record.id).status][action] } satisfies ErrorPayload;
      return record;
    });
    if (action !== "withdraw") checkPassphrase(state, actor.profile.id, request.passphrase);
    const next = { submit: "submitted", withdraw: "draft", approve: "approved", return: "returned" } as const;
    for (const record of records) {
      const review = reviewOf(state, record.id);
      state.reviews[record.id] = {
        ...review,
        status: next[action],
        comment,
        signature: action === "withdraw" ? null : signature(actor),
      };
      (state.history[record.id] ??= []).push({
        seq: (state.history[record.id]?.length ?? 0) + 1,
        at: "2025-03-15T09:00:00Z",
        actor: `profile:${actor.profile.id}`,
        actorName: label(actor.profile),
        entity: "review",
        action,
        after: JSON.stringify({ status: next[action], comment }),
      });
    }
    return { changed: records.map((x) => x.id) };
  },
  month_overview: (state, request) => {
    const officials = state.officials.filter((o) => o.value.departmentId === request.departmentId);
    return {
      month: request.month,
      officials: officials.map((o) => overviewRow(state, o.id, request.month)),
      openDispositions: state.openDispositions,
    };
  },
  attest_month: (state, request, actor) => {
    const official = state.officials.find((o) => o.id === request.officialId);
    if (!official) refuse(CORE_PROBLEMS.unknownReference, ["officialId"]);
    if (!actor) throw SIGN_IN_FIRST;
    const scope = scopeOf(actor, official.value.departmentId, [official.id]);
    if (!permits(actor.role, actor.profile.administrator, "attestMonth", scope)) forbidden("attestMonth");
    const row = overviewRow(state, official.id, request.month);
    const count = row.drafts + row.submitted + row.approved + row.returned;
    if (request.nil && count > 0) refuse(fmt(CORE_PROBLEMS.monthHasRecords, { count }), ["month"]);
    if (request.nil && actor.profile.officialId !== official.id && !String(request.onBehalfReason ?? "").trim())
      refuse(CORE_PROBLEMS.required, ["onBehalfReason"]);
    // The test months are the current one, before its last working day.
    if (request.nil && !request.earlyConfirmed)
      refuse(fmt(CORE_PROBLEMS.beforeLastWorkingDay, { day: lastWeekday(request.month) }), ["earlyConfirmed"]);
    checkPassphrase(state, actor.profile.id, request.passphrase);
    if (request.nil) state.attestations[`${official.id}|${request.month}`] = signature(actor);
    else delete state.attestations[`${official.id}|${request.month}`];
    return overviewRow(state, official.id, request.month);
  },
};

/** Answers the session, profile, review and month commands; undefined for any other. */
export function fakeSessionCall(state: FakeCoreState, command: string, request: unknown): unknown {
  const actor = actorOf(state);
  if (state.profiles.length > 0 && !actor && !OPEN.has(command)) throw SIGN_IN_FIRST;
  const handler = HANDLERS[command as CommandName] as
    | ((state: FakeCoreState, request: unknown, actor: Actor | null) => unknown)
    | undefined;
  return handler?.(state, request, actor);
}
