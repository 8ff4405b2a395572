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
