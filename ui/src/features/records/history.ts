import type { RecordVersion } from "../../api/bindings/RecordVersion";
import type { Messages } from "../../i18n/messages";
import { fmt } from "../../i18n";
import { formatFen } from "../common/money";

/** Leaves of a JSON value by dotted path: {"body":{"meal":{"place":"A"}}} → body.meal.place = "A". */
export function flatten(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0) out.set(prefix, Array.isArray(value) ? "[]" : "{}");
    for (const [key, child] of entries) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value === null ? "null" : String(value));
  }
  return out;
}

export interface Change {
  path: string;
  before: string | null;
  after: string | null;
}

/** Bookkeeping fields every version changes; not what the user changed. */
const IGNORED = /^(version|enteredAt|enteredBy|updatedAt|updatedBy|seq)$/;

function parse(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/** What changed between two stored images of a record (JSON, as the audit log keeps them). */
export function changesBetween(before: string | null, after: string | null): Change[] {
  const a = flatten(parse(before));
  const b = flatten(parse(after));
  const changes: Change[] = [];
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    if (IGNORED.test(path)) continue;
    const x = a.get(path) ?? null;
    const y = b.get(path) ?? null;
    if (x !== y) changes.push({ path, before: x, after: y });
  }
  return changes;
}

/** Form keys whose catalogue label is named without the id suffix. */
const LABEL_KEYS: Record<string, string> = {
  officialIds: "officials",
  participantIds: "participants",
  counterpartIds: "counterparts",
  counterpartId: "counterpart",
  destinationCityId: "destinationCity",
  officialId: "official",
};

/** The record envelope's own fields, by where their label lives. */
const ENVELOPE: Record<string, (m: Messages) => string> = {
  note: (m) => m.detail.note,
  departmentId: (m) => m.detail.department,
  amountFen: (m) => m.detail.amount,
  cancelled: (m) => m.detail.cancelled,
  occurredOn: (m) => m.list.date,
};

/**
 * A changed field's path as people read it: `body.trip.expenses.1.amount` → "费用明细 2 ·
 * 金额（元）"; a path without a known label stays as it is.
 */
export function fieldLabel(path: string, m: Messages): string {
  const parts = path.split(".");
  if (parts[0] !== "body") return ENVELOPE[path]?.(m) ?? path;
  const kind = parts[1] as "trip" | "meal" | "gift" | "contact";
  const section = (m as unknown as Record<string, Record<string, unknown> | undefined>)[kind];
  if (!section) return path;
  const words: string[] = [];
  // Gifts nest one level deeper ({"gift": {"received": {…}}}).
  let before: string | undefined;
  for (const part of parts.slice(kind === "gift" ? 3 : 2)) {
    if (/^\d+$/.test(part)) {
      words[words.length - 1] = `${words[words.length - 1]} ${Number(part) + 1}`;
      continue;
    }
    // A disposition's kind is a key of the stored image: 登记上交 · 日期.
    const label =
      before === "disposition" && part in m.disposition
        ? m.disposition[part as keyof Messages["disposition"]]
        : section[LABEL_KEYS[part] ?? part];
    words.push(typeof label === "string" ? label : part);
    before = part;
  }
  return words.join(" · ") || path;
}

/** One entry of a record's history as shown: a version of its content, or a review step. */
export interface TimelineEntry {
  version: RecordVersion;
  /** A review step (submitted, approved, returned…) rather than a change of content. */
  review: boolean;
  /** What a content change changed since the record's previous content; null for its first version and review steps. */
  changes: Change[] | null;
  /** A review step's comment (a return's reason, an amendment's), when it has one. */
  comment: string | null;
}

/** The comment kept with a review step: the `comment` of its stored image. */
export function reviewComment(after: string | null): string | null {
  const image = parse(after);
  const comment = image !== null && typeof image === "object" ? (image as { comment?: unknown }).comment : undefined;
  return typeof comment === "string" && comment.trim() !== "" ? comment.trim() : null;
}

/**
 * A record's history, oldest first, with review steps between its versions: each
 * content change is compared with the content before it, not with a review step.
 */
export function timelineOf(versions: RecordVersion[]): TimelineEntry[] {
  let previous: string | null | undefined;
  return versions.map((version) => {
    if (version.entity === "review") {
      return { version, review: true, changes: null, comment: reviewComment(version.after) };
    }
    const changes = previous === undefined ? null : changesBetween(previous, version.after);
    previous = version.after;
    return { version, review: false, changes, comment: null };
  });
}

/** An entry's action in words: 登记 / 修改 / 作废, or 提交审核 / 审核通过 / 退回 …; unknown ones as stored. */
export function actionLabel(entry: Pick<RecordVersion, "entity" | "action">, m: Messages): string {
  if (entry.entity === "review") {
    const steps = m.review.history as Record<string, string>;
    return steps[entry.action] ?? entry.action;
  }
  const known = m.detail.actions as Record<string, string>;
  const key = Object.keys(known).find((k) => entry.action.toLowerCase().includes(k));
  return key ? known[key]! : entry.action;
}

/** Directory names for the ids a record names. */
export interface Names {
  official: (id: string) => string | undefined;
  counterpart: (id: string) => string | undefined;
  city: (id: string) => string | undefined;
  department: (id: string) => string | undefined;
}

/** Amounts in fen, as the stored image keeps them. */
const MONEY = new Set(["amountFen", "amount", "amountPaid", "perPersonStandard", "totalCost", "estimatedValue", "value"]);

/**
 * A stored value as the record's detail view shows it: yuan for fen, labels for
 * choices, names for ids, 是/否 for flags; anything else as it is.
 */
export function valueLabel(path: string, raw: string | null, m: Messages, names: Names): string {
  if (raw === null || raw === "null") return "";
  const parts = path.split(".");
  const words = parts.filter((p) => !/^\d+$/.test(p));
  const key = words[words.length - 1] ?? "";
  const kind = parts[0] === "body" ? parts[1] : undefined;
  if (key === "cancelled" || raw === "true" || raw === "false") {
    return raw === "true" || raw === "1" ? m.form.yes : m.form.no;
  }
  if (MONEY.has(key) && /^-?\d+$/.test(raw)) return formatFen(Number(raw));
  const named = (name: string | undefined) => name ?? m.common.unknown;
  switch (key) {
    case "officialIds":
    case "participantIds":
    case "officialId":
      return named(names.official(raw));
    case "counterpartIds":
    case "counterpartId":
      return named(names.counterpart(raw));
    case "destinationCityId":
      return named(names.city(raw));
    case "departmentId":
      return named(names.department(raw));
  }
  const choices: Record<string, Record<string, string> | undefined> = {
    mode: m.mealMode,
    payer: m.payer,
    category: kind === "trip" ? m.expenseCategory : kind === "gift" ? m.giftCategory : undefined,
    disposition: m.disposition,
    activity: m.activity,
    initiatedBy: m.initiator,
    beneficiary: { official: m.gift.beneficiaryOfficial },
  };
  return choices[key]?.[raw] ?? raw;
}

/**
 * Who did something, as people read it: a profile's 姓名（工号） as the core gives it;
 * the operating-system account that worked before the first profile existed (`os:…`)
 * named as such, not as a code.
 */
export function actorLabel(name: string, m: Messages): string {
  if (!name.startsWith("os:")) return name;
  const account = name.slice(3);
  return account === "" || account === "unknown" ? m.detail.beforeProfiles : fmt(m.detail.osAccount, { account });
}
