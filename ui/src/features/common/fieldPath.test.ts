import { describe, expect, it } from "vitest";
import { corePathToFormPath } from "./fieldPath";

describe("core error path → form field", () => {
  it("drops the body and the kind's tag", () => {
    expect(corePathToFormPath(["body", "meal", "amountPaid"])).toEqual(["amountPaid"]);
    expect(corePathToFormPath(["body", "trip", "expenses", 2, "amount"])).toEqual(["expenses", 2, "amount"]);
    expect(corePathToFormPath(["body", "contact", "counterpartIds", 0])).toEqual(["counterpartIds", 0]);
  });

  it("drops a gift's direction and flattens tagged variants", () => {
    expect(corePathToFormPath(["body", "gift", "received", "item"])).toEqual(["item"]);
    expect(corePathToFormPath(["body", "gift", "given", "value"])).toEqual(["value"]);
    expect(corePathToFormPath(["body", "gift", "received", "disposition", "paid", "amount"])).toEqual([
      "disposition",
      "amount",
    ]);
    expect(corePathToFormPath(["body", "gift", "received", "beneficiary", "relative", "relation"])).toEqual([
      "beneficiary",
      "relation",
    ]);
  });

  it("drops a directory save's value wrapper and keeps top-level fields", () => {
    expect(corePathToFormPath(["value", "creditCode"])).toEqual(["creditCode"]);
    expect(corePathToFormPath(["departmentId"])).toEqual(["departmentId"]);
    expect(corePathToFormPath(["reason"])).toEqual(["reason"]);
  });

  it("names nothing when there is no field", () => {
    expect(corePathToFormPath(undefined)).toBeNull();
    expect(corePathToFormPath([])).toBeNull();
    expect(corePathToFormPath(["body", "meal"])).toBeNull();
  });
});
