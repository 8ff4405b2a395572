import { machineStorage } from "./machineStorage";

/**
 * Unsaved new records survive a restart: each kind's form keeps its values in
 * localStorage until saved or discarded. Amendments keep no draft (the record is
 * the draft). A draft belongs to one person on one database (`DraftOwner`): the next
 * person at a shared PC, or the same person on another database, is never offered it,
 * and signing out clears the drafts of whoever signs out.
 */
export interface Draft<V> {
  savedAt: string;
  values: V;
}

/** Which form a draft is of (a record kind's, for instance). */
type FormKind = string;

/** Whose drafts: a database (its path on this machine) and a profile (none in open mode). */
export type DraftOwner = string;

export function draftOwner(databasePath: string, profileId: string | null): DraftOwner {
  return `${encodeURIComponent(databasePath)}|${profileId ?? "open"}`;
}

const PREFIX = "qinqing.draft.";
const draftKey = (owner: DraftOwner, kind: FormKind) => `${PREFIX}${owner}.${kind}`;
const counterpartKey = (owner: DraftOwner) => `qinqing.lastCounterpart.${owner}`;

/** Drafts kept for the whole machine by earlier versions: nobody's, so never offered. */
function dropMachineWide(kind: FormKind) {
  machineStorage()?.removeItem(`${PREFIX}${kind}`);
  machineStorage()?.removeItem("qinqing.lastCounterpart");
}

export function loadDraft<V>(owner: DraftOwner | null, kind: FormKind): Draft<V> | null {
  dropMachineWide(kind);
  if (owner === null) return null;
  const text = machineStorage()?.getItem(draftKey(owner, kind));
  if (!text) return null;
  try {
    const draft = JSON.parse(text) as Draft<V>;
    return typeof draft.savedAt === "string" && typeof draft.values === "object" ? draft : null;
  } catch {
    return null;
  }
}

export function saveDraft<V>(owner: DraftOwner | null, kind: FormKind, values: V, now = new Date()): void {
  if (owner === null) return;
  try {
    machineStorage()?.setItem(draftKey(owner, kind), JSON.stringify({ savedAt: now.toISOString(), values }));
  } catch {
    // A full or disabled storage loses the draft, never the form.
  }
}

export function clearDraft(owner: DraftOwner | null, kind: FormKind): void {
  if (owner !== null) machineStorage()?.removeItem(draftKey(owner, kind));
}

/** Every draft and remembered enterprise of `owner` (at sign-out). */
export function clearDraftsOf(owner: DraftOwner): void {
  const storage = machineStorage();
  if (!storage) return;
  const mine = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter(
    (key): key is string => key !== null && key.startsWith(`${PREFIX}${owner}.`),
  );
  for (const key of mine) storage.removeItem(key);
  storage.removeItem(counterpartKey(owner));
}

/** The enterprise `owner` used last, for the next form's default. */
export function lastCounterpart(owner: DraftOwner | null): string | null {
  return owner === null ? null : (machineStorage()?.getItem(counterpartKey(owner)) ?? null);
}

export function rememberCounterpart(owner: DraftOwner | null, id: string | null | undefined): void {
  if (owner !== null && id) machineStorage()?.setItem(counterpartKey(owner), id);
}
