import { BUREAU_UTC_OFFSET_SECONDS } from "../../api/bindings/bureauTime";

/** China Standard Time, the bureau's time whatever the PC's zone (the core's offset). */
const BUREAU_OFFSET_MS = BUREAU_UTC_OFFSET_SECONDS * 1000;

const two = (n: number) => String(n).padStart(2, "0");

/**
 * A stored time (RFC 3339, any offset) as people at the bureau read it, the way the
 * PDF and the backups print it: `2025-03-01 10:00` (with seconds when asked). A text
 * that is not a time is shown as it is.
 */
export function bureauTime(at: string, seconds = false): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return at;
  const d = new Date(ms + BUREAU_OFFSET_MS);
  const day = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}${seconds ? `:${two(d.getUTCSeconds())}` : ""}`;
  return `${day} ${time}`;
}

/** Today at the bureau, `2026-03-01`: the default date of a record and the month shown. */
export function bureauToday(now: number = Date.now()): string {
  return bureauTime(new Date(now).toISOString()).slice(0, 10);
}

/** The current month at the bureau, `2026-03`. */
export function bureauMonth(now: number = Date.now()): string {
  return bureauToday(now).slice(0, 7);
}
