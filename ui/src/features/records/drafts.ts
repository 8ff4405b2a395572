import { machineStorage } from "../common/machineStorage";
import type { FormKind, FormValues } from "./formValues";

/**
 * Unsaved new records survive a restart: each kind's form keeps its values in
 * localStorage until saved or discarded. Amendments keep no draft (the record is
 * the draft).
 */
export interface Draft {
  savedAt: string;
  values: FormValues;
}

const draftKey = (kind: FormKind) => `qinqing.draft.${kind}`;
const LAST_COUNTERPART = "qinqing.lastCounterpart";

export function loadDraft(kind: FormKind): Draft | null {
  const text = machineStorage()?.getItem(draftKey(kind));
  if (!text) return null;
  try {
    const draft = JSON.parse(text) as Draft;
    return typeof draft.savedAt === "string" && typeof draft.values === "object" ? draft : null;
  } catch {
    return null;
  }
}

export function saveDraft(kind: FormKind, values: FormValues, now = new Date()): void {
  try {
    machineStorage()?.setItem(draftKey(kind), JSON.stringify({ savedAt: now.toISOString(), values }));
  } catch {
    // A full or disabled storage loses the draft, never the form.
  }
}

export function clearDraft(kind: FormKind): void {
  machineStorage()?.removeItem(draftKey(kind));
}

/** The enterprise used last, for the next form's default. */
export function lastCounterpart(): string | null {
  return machineStorage()?.getItem(LAST_COUNTERPART) ?? null;
}

export function rememberCounterpart(id: string | null | undefined): void {
  if (id) machineStorage()?.setItem(LAST_COUNTERPART, id);
}
