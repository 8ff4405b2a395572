/**
 * This machine's browser storage, for what the person leaves behind between runs
 * (drafts, the enterprise used last, a list's page size); `null` where a locked-down
 * profile forbids it, and then those are simply not kept.
 */
export function machineStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
