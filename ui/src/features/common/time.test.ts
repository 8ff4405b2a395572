import { describe, expect, it } from "vitest";
import { bureauMonth, bureauTime, bureauToday } from "./time";

describe("bureau time", () => {
  it("shows a stored time in China Standard Time whatever its offset", () => {
    expect(bureauTime("2025-03-01T02:00:00Z")).toBe("2025-03-01 10:00");
    expect(bureauTime("2025-03-01T02:00:05.123Z", true)).toBe("2025-03-01 10:00:05");
    expect(bureauTime("2025-02-28T20:30:00+00:00")).toBe("2025-03-01 04:30");
    expect(bureauTime("2025-03-01T10:00:00+08:00")).toBe("2025-03-01 10:00");
  });

  it("leaves a text that is not a time as it is", () => {
    expect(bureauTime("D:20250301")).toBe("D:20250301");
  });

  it("reckons today and this month at the bureau: 20:30 UTC on the last of February is March there", () => {
    const evening = Date.parse("2025-02-28T20:30:00Z");
    expect(bureauToday(evening)).toBe("2025-03-01");
    expect(bureauMonth(evening)).toBe("2025-03");
    expect(bureauToday(Date.parse("2025-02-28T15:59:00Z"))).toBe("2025-02-28");
  });
});
