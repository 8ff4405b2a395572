import { describe, expect, it } from "vitest";
import { AMOUNT_MASK, fenToYuanText, formatFen, yuanTextToFen } from "./money";

describe("money", () => {
  it("reads yuan with up to two decimals as integer fen", () => {
    expect(yuanTextToFen("12")).toBe(1200);
    expect(yuanTextToFen("12.3")).toBe(1230);
    expect(yuanTextToFen("12.34")).toBe(1234);
    expect(yuanTextToFen("0.07")).toBe(7);
    expect(yuanTextToFen(".5")).toBe(50);
    expect(yuanTextToFen("-1.5")).toBe(-150);
    // 0.1 + 0.2 style float errors cannot happen: no float arithmetic on the fraction.
    expect(yuanTextToFen("1.13")).toBe(113);
    expect(yuanTextToFen("")).toBeNull();
    expect(yuanTextToFen("-")).toBeNull();
    expect(yuanTextToFen("1.234")).toBeNull();
    expect(yuanTextToFen("abc")).toBeNull();
  });

  it("writes fen as yuan with two decimals", () => {
    expect(fenToYuanText(1230)).toBe("12.30");
    expect(fenToYuanText(7)).toBe("0.07");
    expect(fenToYuanText(-150)).toBe("-1.50");
    expect(formatFen(123456789)).toBe("¥1,234,567.89");
    expect(formatFen(0)).toBe("¥0.00");
  });

  it("masks what may be typed", () => {
    for (const ok of ["", "1", "12.", "12.3", "12.34", "-", "-3.5", ".5"]) expect(AMOUNT_MASK.test(ok), ok).toBe(true);
    for (const bad of ["12.345", "1a", "1.2.3", "¥5", "--1"]) expect(AMOUNT_MASK.test(bad), bad).toBe(false);
  });
});
