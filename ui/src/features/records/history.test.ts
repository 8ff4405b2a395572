import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import { zhCN } from "../../i18n/zh-CN";
import { actionLabel, actorLabel, changesBetween, fieldLabel, reviewComment, timelineOf, valueLabel, type Names } from "./history";

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

describe("history with review steps", () => {
  const version = (seq: number, entity: string, action: string, after: unknown) => ({
    seq,
    at: "2025-03-01T08:00:00Z",
    actor: `profile:p${seq}`,
    actorName: `王明（00${seq}）`,
    entity,
    action,
    after: JSON.stringify(after),
  });

  it("names review steps in both languages, and keeps an unknown one as stored", () => {
    expect(actionLabel({ entity: "review", action: "submit" }, zhCN)).toBe(zhCN.review.history.submit);
    expect(actionLabel({ entity: "review", action: "return" }, en)).toBe(en.review.history.return);
    expect(actionLabel({ entity: "review", action: "lock" }, zhCN)).toBe("签入登记簿");
    expect(actionLabel({ entity: "review", action: "somethingNew" }, zhCN)).toBe("somethingNew");
    expect(actionLabel({ entity: "record", action: "update" }, zhCN)).toBe(zhCN.detail.actions.update);
  });

  it("compares each content change with the content before it, not with a review step", () => {
    const entries = timelineOf([
      version(1, "record", "create", { note: "", body: { meal: { place: "甲" } } }),
      version(2, "review", "submit", { status: "submitted", comment: "" }),
      version(3, "review", "return", { status: "returned", comment: "请补充收据编号" }),
      version(4, "record", "update", { note: "补充", body: { meal: { place: "乙" } } }),
    ]);
    expect(entries.map((e) => e.review)).toEqual([false, true, true, false]);
    expect(entries[0]!.changes).toBeNull();
    expect(entries[1]!.comment).toBeNull();
    expect(entries[2]!.comment).toBe("请补充收据编号");
    expect(entries[3]!.changes).toEqual([
      { path: "note", before: "", after: "补充" },
      { path: "body.meal.place", before: "甲", after: "乙" },
    ]);
  });

  it("finds a review step's comment in its stored image", () => {
    expect(reviewComment(JSON.stringify({ comment: "  退回理由 " }))).toBe("退回理由");
    expect(reviewComment(JSON.stringify({ comment: "" }))).toBeNull();
    expect(reviewComment(null)).toBeNull();
    expect(reviewComment("not json")).toBeNull();
  });
});

describe("history values", () => {
  const names: Names = {
    official: (id) => ({ o1: "李明" })[id],
    counterpart: (id) => ({ c1: "沈北星辰智能装备有限公司" })[id],
    city: (id) => ({ s1: "深圳市" })[id],
    department: (id) => ({ d1: "招商服务处" })[id],
  };

  it("words stored values as the detail view does: yuan, labels, names, yes and no", () => {
    // What an auditor read before: 金额 233000 → 248000, pending, enterprise → unit, 已作废 0 → 1.
    expect(valueLabel("amountFen", "233000", zhCN, names)).toBe("¥2,330.00");
    expect(valueLabel("body.trip.expenses.0.amount", "248000", zhCN, names)).toBe("¥2,480.00");
    expect(valueLabel("body.gift.received.disposition", "pending", zhCN, names)).toBe(zhCN.disposition.pending);
    expect(valueLabel("body.trip.expenses.1.payer", "enterprise", zhCN, names)).toBe(zhCN.payer.enterprise);
    expect(valueLabel("body.trip.expenses.1.payer", "unit", en, names)).toBe(en.payer.unit);
    expect(valueLabel("cancelled", "0", zhCN, names)).toBe(zhCN.form.no);
    expect(valueLabel("cancelled", "1", zhCN, names)).toBe(zhCN.form.yes);
    expect(valueLabel("body.meal.cigarettes", "true", en, names)).toBe(en.form.yes);
    expect(valueLabel("body.meal.mode", "canteenMeal", zhCN, names)).toBe(zhCN.mealMode.canteenMeal);
    expect(valueLabel("body.trip.expenses.0.category", "lodging", zhCN, names)).toBe(zhCN.expenseCategory.lodging);
    expect(valueLabel("body.gift.received.category", "cash", zhCN, names)).toBe(zhCN.giftCategory.cash);
    expect(valueLabel("body.meal.officialIds.0", "o1", zhCN, names)).toBe("李明");
    expect(valueLabel("body.meal.counterpartId", "c1", zhCN, names)).toBe("沈北星辰智能装备有限公司");
    expect(valueLabel("departmentId", "d1", zhCN, names)).toBe("招商服务处");
    expect(valueLabel("body.meal.officialIds.0", "gone", zhCN, names)).toBe(zhCN.common.unknown);
    // Text stays text; an empty value is empty.
    expect(valueLabel("body.meal.place", "职工食堂", zhCN, names)).toBe("职工食堂");
    expect(valueLabel("body.meal.receiptNo", "100", zhCN, names)).toBe("100");
    expect(valueLabel("body.meal.totalCost", null, zhCN, names)).toBe("");
  });

  it("names a disposition's own fields under its kind", () => {
    expect(fieldLabel("body.gift.received.disposition.surrendered.date", zhCN)).toBe(
      `${zhCN.gift.disposition} · ${zhCN.disposition.surrendered} · ${zhCN.gift.date}`,
    );
  });
});

describe("who did it", () => {
  it("names the computer account of the time before profiles, not os:unknown", () => {
    expect(actorLabel("王明（001）", zhCN)).toBe("王明（001）");
    expect(actorLabel("os:unknown", zhCN)).toBe(zhCN.detail.beforeProfiles);
    expect(actorLabel("os:wangming", en)).toBe("computer account wangming (before profiles existed)");
  });
});
