/**
 * A certificate's subject as people read it: `CN=赵处长,serialNumber=A-04,OU=招商服务处,
 * O=沈阳市某局` is 赵处长（A-04），招商服务处，沈阳市某局. A subject without a common name is
 * shown as it is.
 */
export function readableSubject(subject: string): string {
  const parts = new Map<string, string>();
  // RFC 4514: attributes split on commas that are not escaped.
  for (const part of subject.split(/(?<!\\),/)) {
    const at = part.indexOf("=");
    if (at > 0) parts.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim().replace(/\\(.)/g, "$1"));
  }
  const name = parts.get("cn");
  if (!name) return subject;
  const number = parts.get("serialnumber");
  return [number ? `${name}（${number}）` : name, parts.get("ou"), parts.get("o")].filter(Boolean).join("，");
}
