import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { RecordBody } from "../../api/bindings/RecordBody";
import { fakePlatform } from "../../test/fakePlatform";
import { seededCore } from "../../test/fakeCore";
import { mealRecord } from "../../test/records";
import { renderWithCore } from "../../test/renderWithCore";
import { RecordForm } from "./RecordForm";
import { draftOwner } from "../common/drafts";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

function fieldItem(testId: string) {
  return screen.getByTestId(testId).closest(".ant-form-item")!;
}

async function typeAmount(testId: string, text: string) {
  const input = screen.getByTestId(testId);
  await userEvent.clear(input);
  await userEvent.type(input, text);
}

function setup(kind: "meal" | "trip" = "meal") {
  const core = seededCore();
  core.profile = "off-li";
  const fake = fakePlatform({ core });
  const onSaved = vi.fn();
  const onClose = vi.fn();
  renderWithCore(<RecordForm open kind={kind} onClose={onClose} onSaved={onSaved} />, fake.platform);
  return { fake, onSaved, onClose };
}

describe("record form", { timeout: 60_000 }, () => {
  beforeEach(() => {
    localStorage.clear();
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2025-03-15T10:00:00+08:00") });
  });

  it("starts a meal with today, me and my department", async () => {
    setup();
    const form = await screen.findByTestId("record-form-meal");
    expect(within(form).getByTestId("field-date")).toHaveValue("2025-03-15");
    expect(fieldItem("field-officialIds")).toHaveTextContent("李红（002）");
    expect(fieldItem("field-departmentId")).toHaveTextContent("招商处");
    vi.useRealTimers();
  });

  it("a canteen meal takes the enterprise's canteen rate as its per-head standard", async () => {
    // The enterprise used last (北方装备, canteen rate ¥15.00) is the new meal's default.
    localStorage.setItem(`qinqing.lastCounterpart.${draftOwner("/data/qinqing.sqlite3", null)}`, "cp-north");
    setup();
    await screen.findByTestId("record-form-meal");
    vi.useRealTimers();
    await waitFor(() => expect(screen.getByTestId("field-perPersonStandard")).toHaveValue("15.00"));
    // A figure someone typed stays as typed.
    await typeAmount("field-perPersonStandard", "20");
    expect(screen.getByTestId("field-perPersonStandard")).toHaveValue("20");
  });

  it("shows the core's refusal of a negative amount next to the field, and saves nothing", async () => {
    const { fake, onSaved } = setup();
    await screen.findByTestId("record-form-meal");
    vi.useRealTimers();
    await typeAmount("field-amountPaid", "-15");
    await userEvent.click(screen.getByTestId("form-save"));
    await waitFor(() => expect(fieldItem("field-amountPaid")).toHaveTextContent("金额不能为负数"));
    expect(fieldItem("field-amountPaid")).not.toHaveTextContent("body.meal");
    expect(fake.state.core.records).toHaveLength(0);
    expect(onSaved).not.toHaveBeenCalled();

    await typeAmount("field-amountPaid", "15");
    await userEvent.click(screen.getByTestId("form-save"));
    await waitFor(() => expect(fake.state.core.records).toHaveLength(1));
    const body = fake.state.core.records[0]!.body as Extract<RecordBody, { meal: unknown }>;
    expect(body.meal).toMatchObject({ amountPaid: 1500, date: "2025-03-15", officialIds: ["off-li"], mode: "canteenMeal" });
    expect(onSaved).toHaveBeenCalled();
  });

  it("shows every problem the core finds at once, and drops the ones corrected", async () => {
    const { fake } = setup();
    await screen.findByTestId("record-form-meal");
    vi.useRealTimers();
    await typeAmount("field-perPersonStandard", "-1");
    await typeAmount("field-amountPaid", "-15");
    await userEvent.click(screen.getByTestId("form-save"));
    await waitFor(() => expect(fieldItem("field-amountPaid")).toHaveTextContent("金额不能为负数"));
    expect(fieldItem("field-perPersonStandard")).toHaveTextContent("金额不能为负数");

    // Corrected, a field's message goes with the next refusal; the other one stays.
    await typeAmount("field-perPersonStandard", "15");
    await userEvent.click(screen.getByTestId("form-save"));
    await waitFor(() => expect(fake.calls.filter((c) => c.command === "record_create")).toHaveLength(2));
    await waitFor(() => expect(fieldItem("field-perPersonStandard")).not.toHaveTextContent("金额不能为负数"));
    expect(fieldItem("field-amountPaid")).toHaveTextContent("金额不能为负数");
    expect(fake.state.core.records).toHaveLength(0);
  });

  it("marks required fields and counts what is typed against the length the core takes", async () => {
    setup();
    await screen.findByTestId("record-form-meal");
    vi.useRealTimers();
    expect(fieldItem("field-place").querySelector(".ant-form-item-required")).not.toBeNull();
    await userEvent.type(screen.getByTestId("field-place"), "沈北职工食堂");
    expect(fieldItem("field-place")).toHaveTextContent("6 / 100");
  });

  it("asks what an arranged meal cost in all, and not for a canteen meal", async () => {
    const { fake } = setup();
    await screen.findByTestId("record-form-meal");
    vi.useRealTimers();
    expect(screen.queryByTestId("field-totalCost")).not.toBeInTheDocument();
    await userEvent.click(screen.getByTestId("field-mode-officialWorkingMeal"));
    await typeAmount("field-totalCost", "363");
    await typeAmount("field-amountPaid", "363");
    await userEvent.click(screen.getByTestId("form-save"));
    await waitFor(() => expect(fake.state.core.records).toHaveLength(1));
    const body = fake.state.core.records[0]!.body as Extract<RecordBody, { meal: unknown }>;
    expect(body.meal).toMatchObject({ mode: "officialWorkingMeal", totalCost: 36300, amountPaid: 36300 });
  });

  it("adds and removes a trip's expense lines in place", async () => {
    const { fake } = setup("trip");
    await screen.findByTestId("record-form-trip");
    vi.useRealTimers();
    await userEvent.click(screen.getByTestId("expense-add"));
    await userEvent.click(screen.getByTestId("expense-add"));
    expect(screen.getByTestId("expense-1")).toBeInTheDocument();
    // A new line names the first participant and the start date.
    expect(fieldItem("field-expenses-1-officialId")).toHaveTextContent("李红（002）");
    expect(screen.getByTestId("field-expenses-1-date")).toHaveValue("2025-03-15");
    await typeAmount("field-expenses-0-amount", "100");
    await typeAmount("field-expenses-1-amount", "260.5");
    await userEvent.click(screen.getByTestId("expense-0-remove"));
    expect(screen.queryByTestId("expense-1")).not.toBeInTheDocument();
    expect(screen.getByTestId("field-expenses-0-amount")).toHaveValue("260.50");

    await userEvent.click(screen.getByTestId("field-purpose"));
    await userEvent.paste("赴深圳招商推介");
    await userEvent.click(screen.getByTestId("form-save"));
    await waitFor(() => expect(fake.state.core.records).toHaveLength(1));
    const body = fake.state.core.records[0]!.body as Extract<RecordBody, { trip: unknown }>;
    expect(body.trip.expenses).toHaveLength(1);
    expect(body.trip.expenses[0]).toMatchObject({ amount: 26050, officialId: "off-li", category: "intercityTransport" });
  });

  it("shows a core error about an expense line on that line's field", async () => {
    setup("trip");
    await screen.findByTestId("record-form-trip");
    vi.useRealTimers();
    await userEvent.click(screen.getByTestId("expense-add"));
    await userEvent.click(screen.getByTestId("expense-add"));
    await typeAmount("field-expenses-0-amount", "10");
    await typeAmount("field-expenses-1-amount", "-1");
    await userEvent.click(screen.getByTestId("form-save"));
    await waitFor(() => expect(fieldItem("field-expenses-1-amount")).toHaveTextContent("金额不能为负数"));
    expect(fieldItem("field-expenses-0-amount")).not.toHaveTextContent("金额不能为负数");
  });

  it("keeps an unsaved form as a draft and offers it back", async () => {
    setup();
    await screen.findByTestId("record-form-meal");
    vi.useRealTimers();
    await userEvent.click(screen.getByTestId("field-place"));
    await userEvent.paste("北方装备职工食堂");
    const key = Object.keys(localStorage).find((k) => k.startsWith("qinqing.draft.") && k.endsWith(".meal"))!;
    // Kept for this database and this person only.
    expect(key).toContain(encodeURIComponent("/data/qinqing.sqlite3"));
    expect(JSON.parse(localStorage.getItem(key)!).values.place).toBe("北方装备职工食堂");

    // As after a restart: a new form offers the draft back.
    cleanup();
    setup();
    await userEvent.click(await screen.findByTestId("draft-restore"));
    expect(screen.getByTestId("field-place")).toHaveValue("北方装备职工食堂");
  });

  it("discards a draft on request", async () => {
    setup();
    await screen.findByTestId("record-form-meal");
    vi.useRealTimers();
    await userEvent.click(screen.getByTestId("field-place"));
    await userEvent.paste("旧草稿");
    cleanup();
    setup();
    await userEvent.click(await screen.findByTestId("draft-discard"));
    expect(screen.getByTestId("field-place")).toHaveValue("");
    expect(Object.keys(localStorage).filter((k) => k.startsWith("qinqing.draft."))).toEqual([]);
  });

  it("never offers another person's draft, another database's, or one kept for the whole machine", async () => {
    const draft = JSON.stringify({ savedAt: "2025-03-14T08:00:00Z", values: { place: "别人的草稿", officialIds: ["x-1"] } });
    localStorage.setItem(`qinqing.draft.${draftOwner("/data/qinqing.sqlite3", "someone-else")}.meal`, draft);
    localStorage.setItem(`qinqing.draft.${draftOwner("/elsewhere/other.sqlite3", "off-li")}.meal`, draft);
    localStorage.setItem("qinqing.draft.meal", draft);
    setup();
    await screen.findByTestId("record-form-meal");
    expect(screen.queryByTestId("draft-restore")).toBeNull();
    expect(localStorage.getItem("qinqing.draft.meal")).toBeNull();
  });

  it("asks for a reason to amend a record in a signed register", async () => {
    vi.useRealTimers();
    const core = seededCore();
    const record = mealRecord("m1", "2025-03-01", "一号食堂");
    core.records.push(record);
    core.reviews.m1 = { status: "approved", locked: true, amended: false, comment: "", signature: null };
    renderWithCore(<RecordForm open kind="meal" editing={record} onClose={() => {}} />, fakePlatform({ core }).platform);
    expect(await screen.findByTestId("form-locked")).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("form-save"));
    await waitFor(() => expect(fieldItem("field-reason")).toHaveTextContent("此项必填"));
    expect(core.records[0]!.version).toBe(1);
    await userEvent.click(screen.getByTestId("field-reason"));
    await userEvent.paste("补记收据编号");
    await userEvent.click(screen.getByTestId("form-save"));
    await waitFor(() => expect(core.records[0]!.version).toBe(2));
    expect(core.reviews.m1!.amended).toBe(true);
  });
});
