import type { FormInstance } from "antd";
import type { PathSegment } from "../../api/bindings/PathSegment";
import { CoreError } from "../../api/client";

/** Tagged unions the forms show as a `type` select plus the variant's fields. */
const TAGGED = new Set(["disposition", "beneficiary"]);
const KINDS = new Set(["trip", "meal", "contact"]);

/**
 * The form field a core error names. The core names the field in its request:
 * `["body", "meal", "amountPaid"]`, `["body", "gift", "received", "disposition",
 * "paid", "amount"]`, `["value", "creditCode"]`; the forms keep the body's fields at
 * their top level and flatten tagged variants, so these become `["amountPaid"]`,
 * `["disposition", "amount"]` and `["creditCode"]`. Null when nothing is left.
 */
export function corePathToFormPath(path: readonly PathSegment[] | undefined): PathSegment[] | null {
  if (!path || path.length === 0) return null;
  let rest = [...path];
  if (rest[0] === "body") {
    rest = rest.slice(1);
    if (rest[0] === "gift") rest = rest.slice(2);
    else if (typeof rest[0] === "string" && KINDS.has(rest[0])) rest = rest.slice(1);
  } else if (rest[0] === "value") {
    rest = rest.slice(1);
  }
  const out: PathSegment[] = [];
  for (let i = 0; i < rest.length; i++) {
    const segment = rest[i]!;
    out.push(segment);
    // ["disposition", "paid", "amount"]: drop the variant's tag.
    if (typeof segment === "string" && TAGGED.has(segment) && typeof rest[i + 1] === "string" && i + 2 < rest.length)
      i++;
  }
  return out.length > 0 ? out : null;
}

/**
 * Shows a core refusal on the field it names. Returns true when a field of the form
 * took the message; false when the caller must show it elsewhere (not a CoreError,
 * no field, or a field the form does not have). A form that asks for the passphrase
 * names its field: a wrong passphrase (`unauthenticated`, no field) is said there and
 * the field emptied, to be typed again.
 */
export function applyCoreError(form: FormInstance, error: unknown, passphraseField?: string): boolean {
  if (!(error instanceof CoreError)) return false;
  if (passphraseField && error.code === "unauthenticated" && !error.field) {
    form.setFields([{ name: passphraseField, value: "", errors: [error.message] }]);
    return true;
  }
  // What an earlier refusal said no longer holds: every field is judged afresh.
  form.setFields(form.getFieldsError().map(({ name }) => ({ name, errors: [] })));
  const name = corePathToFormPath(error.field);
  if (!name) return false;
  // Every problem at once, each on its field.
  const others = error.also
    .map((p) => ({ name: corePathToFormPath(p.field), errors: [p.problem] }))
    .filter((f): f is { name: PathSegment[]; errors: string[] } => f.name !== null);
  form.setFields([{ name, errors: [error.fieldMessage] }, ...others]);
  if (form.getFieldError(name).length === 0) return false;
  try {
    form.scrollToField(name);
  } catch {
    // Scrolling is a convenience; the message is already on the field.
  }
  return true;
}
