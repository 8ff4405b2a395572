/** China Standard Time: UTC+8 all year, the bureau's time whatever the PC's zone. */
const BUREAU_OFFSET_MS = 8 * 3600 * 1000;

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
