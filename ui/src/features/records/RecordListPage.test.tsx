import { screen, waitFor, within } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { StoredRecord } from "../../api/bindings/StoredRecord";
import { fakePlatform } from "../../test/fakePlatform";
import { seededCore } from "../../test/fakeCore";
import { mealRecord } from "../../test/records";
import { renderApp } from "../../test/renderApp";
import { zhCN } from "../../i18n/zh-CN";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

const meal = (id: string, date: string, place: string, amountPaid: number): StoredRecord =>
  mealRecord(id, date, place, { amountPaid, receiptNo: "" });

function rows() {
  return [...document.querySelectorAll("[data-record-row]")];
}

describe("record list", () => {
  it("says what to do when there is nothing yet", async () => {
    renderApp(fakePlatform({ core: seededCore() }).platform, "#/meals");
    expect(await screen.findByTestId("record-empty")).toHaveTextContent(zhCN.list.emptyMeal);
  });

  it("lists, totals and searches through the core, and cancels a record with a reason", async () => {
    const core = seededCore();
    core.records.push(meal("m1", "2025-03-01", "一号食堂", 1500), meal("m2", "2025-03-02", "二号食堂", 3000));
    core.history.m1 = [
      { seq: 1, at: "2025-03-01T04:00:00Z", actor: "os:wang", actorName: "王明", entity: "record", action: "create", after: JSON.stringify(core.records[0]) },
    ];
    const fake = fakePlatform({ core });
    renderApp(fake.platform, "#/meals");
    await waitFor(() => expect(rows()).toHaveLength(2), { timeout: 8000 });
    expect(screen.getByTestId("record-totals")).toHaveTextContent("共 2 条，金额合计 ¥45.00");
    // Newest first, names instead of ids.
    expect(rows()[0]).toHaveTextContent("二号食堂");
    expect(rows()[0]).toHaveTextContent("王明");
    expect(rows()[0]).toHaveTextContent("北方装备制造有限公司");

    await userEvent.click(within(screen.getByTestId("record-filters")).getByPlaceholderText(zhCN.list.search));
    await userEvent.paste("一号");
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(fake.calls.some((c) => c.command === "record_list" && JSON.stringify(c.request).includes('"text":"一号"'))).toBe(true);

    await userEvent.click(rows()[0]!);
    const detail = await screen.findByTestId("record-detail");
    expect(detail).toHaveTextContent("一号食堂");
    expect(await within(detail).findByTestId("history-entry-0")).toHaveTextContent(zhCN.detail.actions.create);
    expect(within(detail).getByTestId("findings-empty")).toBeInTheDocument();

    await userEvent.click(await within(detail).findByTestId("detail-cancel"));
    await userEvent.click(await screen.findByTestId("cancel-confirm"));
    await waitFor(() => expect(screen.getByTestId("cancel-reason").closest(".ant-form-item")).toHaveTextContent(zhCN.form.required));
    expect(core.records.find((r) => r.id === "m1")!.cancelled).toBe(false);
    await userEvent.click(screen.getByTestId("cancel-reason"));
    await userEvent.paste("重复登记");
    await userEvent.click(screen.getByTestId("cancel-confirm"));
    await waitFor(() => expect(core.records.find((r) => r.id === "m1")!.cancelled).toBe(true));
    expect(await screen.findByTestId("detail-cancelled")).toHaveTextContent("重复登记");

    // Cancelled, it offers only a restore (no 提交审核), which needs a reason too.
    await waitFor(() => expect(within(detail).getByTestId("detail-restore")).toBeInTheDocument());
    expect(within(detail).queryByTestId("review-submit")).toBeNull();
    expect(within(detail).queryByTestId("detail-cancel")).toBeNull();
    await userEvent.click(within(detail).getByTestId("detail-restore"));
    await userEvent.click(await screen.findByTestId("restore-confirm"));
    await waitFor(() => expect(screen.getByTestId("restore-reason").closest(".ant-form-item")).toHaveTextContent(zhCN.form.required));
    expect(core.records.find((r) => r.id === "m1")!.cancelled).toBe(true);
    await userEvent.click(screen.getByTestId("restore-reason"));
    await userEvent.paste("并非重复，误作废");
    await userEvent.click(screen.getByTestId("restore-confirm"));
    await waitFor(() => expect(core.records.find((r) => r.id === "m1")!.cancelled).toBe(false));
    await waitFor(() => expect(screen.queryByTestId("detail-cancelled")).toBeNull());
    expect(fake.calls.some((c) => c.command === "record_restore")).toBe(true);
    // A whole app in a test DOM is slow; the steps themselves are quick in the window.
  }, 60_000);

  it("pages twenty at a time by default, and keeps a larger page size chosen", async () => {
    window.localStorage.removeItem("qinqing.pageSize");
    const core = seededCore();
    for (let day = 1; day <= 28; day++) {
      const date = `2025-02-${String(day).padStart(2, "0")}`;
      core.records.push(meal(`m${day}`, date, `食堂${day}`, 1000));
      core.records.push(meal(`n${day}`, date, `餐厅${day}`, 1000));
    }
    const fake = fakePlatform({ core });
    const view = renderApp(fake.platform, "#/meals");
    await waitFor(() => expect(rows()).toHaveLength(20), { timeout: 8000 });
    expect(screen.getByTestId("page-number")).toHaveTextContent("第 1 页 / 3");
    await userEvent.click(screen.getByTestId("page-next"));
    await waitFor(() => expect(screen.getByTestId("page-number")).toHaveTextContent("第 2 页 / 3"));
    await waitFor(() => expect(rows()[0]).toHaveTextContent("2025-02-18"));

    // Fifty a page: back to page 1, fifty rows asked for and shown, and remembered.
    await userEvent.click(within(screen.getByTestId("page-size")).getByRole("combobox"));
    await userEvent.click(await screen.findByText("每页 50 条"));
    await waitFor(() => expect(rows()).toHaveLength(50));
    expect(screen.getByTestId("page-number")).toHaveTextContent("第 1 页 / 2");
    expect(fake.calls.filter((c) => c.command === "record_list").at(-1)!.request).toMatchObject({ limit: 50 });
    expect(window.localStorage.getItem("qinqing.pageSize")).toBe("50");
    view.unmount();

    renderApp(fakePlatform({ core }).platform, "#/meals");
    await waitFor(() => expect(rows()).toHaveLength(50), { timeout: 8000 });
    window.localStorage.removeItem("qinqing.pageSize");
  }, 60_000);

  it("sorts by a column header, newest first by default, and shows where a search matched", async () => {
    const core = seededCore();
    core.records.push(
      meal("m1", "2025-03-01", "一号食堂", 9000),
      meal("m2", "2025-03-02", "二号餐厅", 1500),
      meal("m3", "2025-02-01", "三号食堂", 3000),
    );
    const fake = fakePlatform({ core });
    renderApp(fake.platform, "#/meals");
    await waitFor(() => expect(rows()).toHaveLength(3), { timeout: 8000 });
    const places = () => rows().map((r) => r.textContent?.match(/[一二三]号\p{Script=Han}{2}/u)?.[0]);
    expect(places()).toEqual(["二号餐厅", "一号食堂", "三号食堂"]);
    // The header cell a person clicks (a table that scrolls sideways also renders a
    // hidden copy of its header to measure the columns).
    const header = (title: string) =>
      within(screen.getByTestId("record-table")).getAllByText(title, { selector: ".ant-table-column-title" })[0]!;

    await userEvent.click(header(zhCN.list.amount));
    await waitFor(() => expect(places()).toEqual(["一号食堂", "三号食堂", "二号餐厅"]));
    expect(fake.calls.some((c) => c.command === "record_list" && JSON.stringify(c.request).includes('"order":"amountDesc"'))).toBe(true);
    await userEvent.click(header(zhCN.list.amount));
    await waitFor(() => expect(places()).toEqual(["二号餐厅", "三号食堂", "一号食堂"]));
    await userEvent.click(header(zhCN.list.date));
    await waitFor(() => expect(places()).toEqual(["二号餐厅", "一号食堂", "三号食堂"]));
    await userEvent.click(header(zhCN.list.date));
    await waitFor(() => expect(places()).toEqual(["三号食堂", "一号食堂", "二号餐厅"]));
    // Sorting is no filter: the empty text stays the one for no records at all.
    expect(screen.queryByTestId("filter-clear")).toBeNull();

    await userEvent.click(within(screen.getByTestId("record-filters")).getByPlaceholderText(zhCN.list.search));
    await userEvent.paste("食堂");
    await waitFor(() => expect(rows()).toHaveLength(2));
    const found = within(rows()[0] as HTMLElement).getByTestId("search-match");
    expect(found).toHaveTextContent("地点：三号食堂");
    expect(found.querySelector("mark")).toHaveTextContent("食堂");
  }, 30_000);
});
