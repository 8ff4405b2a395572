import { screen, waitFor, within } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Platform } from "../../api/platform";
import type { SheetImportReport } from "../../api/bindings/SheetImportReport";
import type { SheetInspection } from "../../api/bindings/SheetInspection";
import type { SheetMapping } from "../../api/bindings/SheetMapping";
import { seededCore } from "../../test/fakeCore";
import { fakePlatform } from "../../test/fakePlatform";
import { addProfile } from "../../test/fakeSession";
import { renderWithCore } from "../../test/renderWithCore";
import { SheetImport } from "./SheetImport";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

const suggested: SheetMapping = {
  sheet: "公务活动登记",
  layout: "register",
  headerRow: 3,
  columns: {
    date: 1, category: 2, counterpart: 3, purpose: 4, amount: 5, payment: 6, receipt: null, destination: null,
    note: 7, official: null, item: null, quantity: null, value: null, disposition: null, voucher: null,
  },
  officialId: null,
  officialName: "王建国",
};

const inspection: SheetInspection = {
  sheets: [
    {
      name: "公务活动登记",
      rowCount: 22,
      rows: [["招商一处 2026年10月 政商交往登记表"], ["填报单位：…", "", "", "", "", "填报人：王建国"], ["序号", "日期", "事项类别", "企业（商会）名称", "事由", "金额", "付款方式", "备注"]],
      suggested,
    },
  ],
};

function report(dryRun: boolean): SheetImportReport {
  return {
    dryRun,
    accepted: 1,
    skipped: 1,
    rejected: 1,
    counterpartsAdded: 1,
    rows: [
      { sheet: "公务活动登记", row: 4, outcome: "rejected", kind: "trip", date: "2026-10-03", amountFen: 203542, reason: "出行须有目的地，本表未映射目的地列" },
      { sheet: "公务活动登记", row: 5, outcome: dryRun ? "accepted" : "imported", kind: "meal", date: "2026-10-08", amountFen: 156252, reason: null },
      { sheet: "公务活动登记", row: 13, outcome: "skipped", kind: null, date: null, amountFen: 0, reason: "空行" },
    ],
  };
}

function sheetPlatform() {
  const core = seededCore();
  addProfile(core, "off-li", { passphrase: "correct horse", role: "clerk", administrator: false, signedIn: true });
  const fake = fakePlatform({ core, pickedFile: "/home/user/登记表.xlsx" });
  const platform: Platform = {
    ...fake.platform,
    async call(command, request) {
      if (command === "sheet_inspect" || command === "sheet_import") {
        fake.calls.push({ command, request });
        if (command === "sheet_inspect") return inspection;
        return report((request as { dryRun: boolean }).dryRun);
      }
      return fake.platform.call(command, request);
    },
  };
  return { ...fake, platform };
}

describe("spreadsheet import", { timeout: 60_000 }, () => {
  it("maps, checks, and imports only once the rejected rows are agreed to be skipped", async () => {
    const fake = sheetPlatform();
    renderWithCore(<SheetImport />, fake.platform);
    await userEvent.click(await screen.findByTestId("sheet-import", {}, { timeout: 8000 }));
    const sheet = await screen.findByTestId("sheet-公务活动登记");
    expect(within(sheet).getByText("工作表“公务活动登记”（22 行）")).toBeInTheDocument();
    // The check needs the department first.
    expect(screen.getByTestId("sheet-check")).toBeDisabled();
    await userEvent.click(within(screen.getByTestId("sheet-department")).getByRole("combobox"));
    await userEvent.click((await screen.findAllByText("招商处")).at(-1)!);
    // The person maps the place column themselves.
    await userEvent.click(within(screen.getByTestId("sheet-公务活动登记-destination")).getByRole("combobox"));
    await userEvent.click((await screen.findAllByText("H 备注")).at(-1)!);
    await userEvent.click(screen.getByTestId("sheet-check"));
    const shown = await screen.findByTestId("sheet-report");
    expect(shown).toHaveTextContent("可导入 1 行，跳过 1 行（空行、合计行），无法导入 1 行");
    expect(shown).toHaveTextContent("出行须有目的地");
    const check = fake.calls.filter((c) => c.command === "sheet_import").at(-1)!.request as { dryRun: boolean; sheets: SheetMapping[] };
    expect(check.dryRun).toBe(true);
    expect(check.sheets[0]!.columns.destination).toBe(7);
    const apply = screen.getByTestId("sheet-apply");
    expect(apply).toBeDisabled();
    await userEvent.click(screen.getByTestId("sheet-skip"));
    await waitFor(() => expect(screen.getByTestId("sheet-apply")).toBeEnabled());
    await userEvent.click(screen.getByTestId("sheet-apply"));
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.command === "sheet_import").at(-1)!.request).toMatchObject({ dryRun: false, skipRejected: true }),
    );
    expect(await screen.findByText(/已导入 1 条登记/)).toBeInTheDocument();
  });
});
