import { screen, waitFor, within } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ErrorPayload } from "../../api/bindings/ErrorPayload";
import type { RuleCatalogue } from "../../api/bindings/RuleCatalogue";
import type { Standard } from "../../api/bindings/Standard";
import type { Platform } from "../../api/platform";
import { fakePlatform } from "../../test/fakePlatform";
import { renderWithCore } from "../../test/renderWithCore";
import { StandardsSection } from "./StandardsSection";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

const catalogue: RuleCatalogue = {
  document: { id: "shenyang-qinqing", title: "沈阳市构建“亲”“清”政商关系实施意见", titleEn: "Opinions", version: "2019-11-11 征求意见稿" },
  rules: [
    {
      id: "cash-like-kept",
      severity: "violation",
      citation: { document: "shenyang-qinqing", version: "2019-11-11 征求意见稿", clause: "二(二)9" },
      title: { zh: "礼金、消费卡、有价证券或利益被收下", en: "cash-like gift or benefit kept" },
      when: { zh: "留用", en: "kept" },
      standards: [],
    },
  ],
  standards: [
    { key: "travelMealAllowance", unit: "fen", label: "差旅伙食补助费（每人每天）", labelEn: "meal allowance", byCity: true, byTier: false },
    { key: "receptionMealPerPerson", unit: "fen", label: "公务接待工作餐标准（每人）", labelEn: "reception standard", byCity: false, byTier: false },
  ],
  holidaySource: "chinese-days 1.5.7",
};

/** The fake platform, with the standards commands answered like the core does. */
function withStandards(refuse?: ErrorPayload) {
  const fake = fakePlatform();
  const rows: { id: string; version: number; value: Standard }[] = [
    {
      id: "s1",
      version: 1,
      value: { key: "travelMealAllowance", tier: null, cityId: null, effectiveFrom: "2014-01-01", value: 10000, source: "财行〔2013〕531号", active: true },
    },
  ];
  const saved: unknown[] = [];
  const platform: Platform = {
    ...fake.platform,
    async call(command, request) {
      if (command === "rule_list") return catalogue;
      if (command === "standard_list") return rows;
      if (command === "standard_save") {
        saved.push(request);
        if (refuse) throw refuse;
        const value = (request as { value: Standard }).value;
        rows.push({ id: `s${rows.length + 1}`, version: 1, value });
        return rows[rows.length - 1];
      }
      return fake.platform.call(command, request);
    },
  };
  return { platform, saved };
}

async function addReceptionStandard(yuan: string, source: string) {
  await userEvent.click(await screen.findByTestId("standard-add"));
  const dialog = await screen.findByRole("dialog");
  await userEvent.click(within(screen.getByTestId("standard-key")).getByRole("combobox"));
  await userEvent.click(await screen.findByText("公务接待工作餐标准（每人）", { selector: ".ant-select-item-option-content" }));
  await userEvent.type(within(dialog).getByTestId("standard-value"), yuan);
  await userEvent.type(within(dialog).getByTestId("standard-source"), source);
  await userEvent.click(screen.getByTestId("standard-save"));
}

describe("settings: compliance standards", { timeout: 60_000 }, () => {
  it("lists the standards with their source, and the rules with their clauses", async () => {
    renderWithCore(<StandardsSection />, withStandards().platform);
    expect(await screen.findByText("财行〔2013〕531号")).toBeInTheDocument();
    expect(screen.getByText("¥100.00")).toBeInTheDocument();
    expect(await screen.findByText("二(二)9")).toBeInTheDocument();
    expect(screen.getByText("法定节假日来源：chinese-days 1.5.7")).toBeInTheDocument();
  });

  it("saves an amount typed in yuan as fen", async () => {
    const { platform, saved } = withStandards();
    renderWithCore(<StandardsSection />, platform);
    await addReceptionStandard("120.5", "本局公务接待管理办法");
    await waitFor(() => expect(saved).toHaveLength(1));
    expect((saved[0] as { value: Standard }).value).toMatchObject({ key: "receptionMealPerPerson", value: 12050, source: "本局公务接待管理办法" });
    expect(await screen.findByText("¥120.50")).toBeInTheDocument();
  });

  it("takes an effective date typed the way people write it, and edits a saved row", async () => {
    const { platform, saved } = withStandards();
    renderWithCore(<StandardsSection />, platform);
    await userEvent.click(await screen.findByTestId("standard-edit-s1"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("standard-source")).toHaveValue("财行〔2013〕531号");
    const date = within(dialog).getByTestId("standard-effectiveFrom");
    await userEvent.clear(date);
    await userEvent.type(date, "2026/1/1");
    await userEvent.click(within(dialog).getByTestId("standard-source"));
    await userEvent.clear(within(dialog).getByTestId("standard-value"));
    await userEvent.type(within(dialog).getByTestId("standard-value"), "120");
    await userEvent.click(screen.getByTestId("standard-save"));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({
      id: "s1",
      version: 1,
      value: { key: "travelMealAllowance", effectiveFrom: "2026-01-01", value: 12000, source: "财行〔2013〕531号", active: true },
    });
  });

  it("shows the core's refusal on the field it names", async () => {
    const refusal: ErrorPayload = { code: "validation", message: "一个生效日期只能有一个数值", field: ["value", "effectiveFrom"] };
    renderWithCore(<StandardsSection />, withStandards(refusal).platform);
    await addReceptionStandard("120", "本局规定");
    expect(await screen.findByText("一个生效日期只能有一个数值")).toBeInTheDocument();
    expect(screen.getByRole("dialog")).toBeInTheDocument();
  });
});
