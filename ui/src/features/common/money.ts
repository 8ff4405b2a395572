import type { Fen } from "../../api/bindings/Fen";

/**
 * What the amount field accepts while typing: an optional minus (the core refuses
 * negative amounts and says so on the field), up to 12 digits of yuan and at most two
 * decimals. An input mask only: the core still validates the amount.
 */
export const AMOUNT_MASK = /^-?\d{0,12}(\.\d{0,2})?$/;

/** "12.3" → 1230 fen; "" / "-" / "." → null; anything the mask refuses → null. */
export function yuanTextToFen(text: string): Fen | null {
  const match = /^(-?)(\d*)(?:\.(\d{0,2}))?$/.exec(text.trim());
  if (!match) return null;
  const [, sign, whole = "", fraction = ""] = match;
  if (whole === "" && fraction === "") return null;
  const fen = Number(whole || "0") * 100 + Number(fraction.padEnd(2, "0"));
  if (!Number.isSafeInteger(fen)) return null;
  return sign === "-" && fen !== 0 ? -fen : fen;
}

/** 1230 → "12.30"; -5 → "-0.05". Integer arithmetic only: no floats. */
export function fenToYuanText(fen: Fen): string {
  const abs = Math.abs(fen);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
  return fen < 0 ? `-${text}` : text;
}

/** 123456 → "¥1,234.56", for tables and details. */
export function formatFen(fen: Fen): string {
  const [whole = "0", fraction] = fenToYuanText(Math.abs(fen)).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${fen < 0 ? "-" : ""}¥${grouped}.${fraction}`;
}
