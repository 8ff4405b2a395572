import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import { zhCN } from "../../i18n/zh-CN";
import { changesBetween, fieldLabel } from "./history";

describe("history labels", () => {
  it("names changed fields as the forms do, lines counted from 1", () => {
    expect(fieldLabel("body.meal.place", zhCN)).toBe(zhCN.meal.place);
    expect(fieldLabel("body.trip.expenses.1.amount", zhCN)).toBe(`${zhCN.trip.expenses} 2 · ${zhCN.trip.amount}`);
    expect(fieldLabel("body.trip.participantIds.0", en)).toBe(`${en.trip.participants} 1`);
    expect(fieldLabel("note", zhCN)).toBe(zhCN.detail.note);
  });

  it("keeps a path it has no label for", () => {
    expect(fieldLabel("body.meal.somethingNew", zhCN)).toBe(`somethingNew`);
    expect(fieldLabel("whatever", zhCN)).toBe("whatever");
  });

  it("lists what changed between two stored images, ignoring bookkeeping", () => {
    const before = JSON.stringify({ version: 1, note: "", body: { meal: { place: "甲" } } });
    const after = JSON.stringify({ version: 2, note: "更正地点", body: { meal: { place: "乙" } } });
    expect(changesBetween(before, after)).toEqual([
      { path: "note", before: "", after: "更正地点" },
      { path: "body.meal.place", before: "甲", after: "乙" },
    ]);
  });
});
