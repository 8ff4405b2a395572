import { screen, waitFor, within } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { useState } from "react";
import { fakePlatform } from "../../test/fakePlatform";
import { seededCore } from "../../test/fakeCore";
import { renderWithCore } from "../../test/renderWithCore";
import { zhCN } from "../../i18n/zh-CN";
import { CityPicker, CounterpartPicker, OfficialPicker } from "./pickers";

function Picked({ children }: { children: (value: unknown, set: (v: unknown) => void) => React.ReactNode }) {
  const [value, setValue] = useState<unknown>(null);
  return (
    <>
      {children(value, setValue)}
      <output data-testid="picked">{JSON.stringify(value)}</output>
    </>
  );
}

// The pointer-events check walks computed styles up the tree: slow in jsdom with antd.
const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

function visibleOptions() {
  return [...document.querySelectorAll(".ant-select-item-option")].map((o) => o.textContent);
}

describe("directory pickers", { timeout: 60_000 }, () => {
  it("search the officials as you type", async () => {
    const { platform } = fakePlatform({ core: seededCore() });
    renderWithCore(
      <Picked>{(value, set) => <OfficialPicker data-testid="who" value={value as string} onChange={set} />}</Picked>,
      platform,
    );
    const box = within(screen.getByTestId("who")).getByRole("combobox");
    await userEvent.click(box);
    await waitFor(() => expect(visibleOptions()).toEqual(["王明（001）", "李红（002）"]));
    await userEvent.type(box, "002");
    await waitFor(() => expect(visibleOptions()).toEqual(["李红（002）"]));
    await userEvent.click(document.querySelector(".ant-select-item-option")!);
    expect(screen.getByTestId("picked")).toHaveTextContent('"off-li"');
  });

  it("add a missing enterprise in place, showing the core's credit-code refusals on the field", async () => {
    const fake = fakePlatform({ core: seededCore() });
    renderWithCore(
      <Picked>{(value, set) => <CounterpartPicker data-testid="cp" value={value as string} onChange={set} />}</Picked>,
      fake.platform,
    );
    await userEvent.click(await screen.findByTestId("cp-add"));
    const modal = await screen.findByTestId("entry-modal-counterpart");
    await userEvent.click(within(modal).getByTestId("entry-name"));
    await userEvent.paste("沈北新材料有限公司");
    const code = within(modal).getByTestId("entry-creditCode");
    await userEvent.click(code);
    await userEvent.paste("91210100");
    await userEvent.click(screen.getByTestId("entry-save"));
    const field = code.closest(".ant-form-item")!;
    await waitFor(() => expect(field).toHaveTextContent("不是有效的统一社会信用代码（8 / 18）"));
    expect(fake.state.core.counterparts).toHaveLength(1);

    // A code whose check character fails: the core asks for a confirmation.
    await userEvent.clear(code);
    await userEvent.click(code);
    await userEvent.paste("91210100MA0QXY3120");
    await userEvent.click(screen.getByTestId("entry-save"));
    await waitFor(() => expect(field).toHaveTextContent("校验位不符"));
    await userEvent.click(within(modal).getByTestId("entry-creditCodeConfirmed"));
    await userEvent.click(screen.getByTestId("entry-save"));
    await waitFor(() => expect(fake.state.core.counterparts).toHaveLength(2));
    const added = fake.state.core.counterparts[1]!;
    expect(added.value).toMatchObject({ name: "沈北新材料有限公司", creditCode: "91210100MA0QXY3120", creditCodeConfirmed: true });
    await waitFor(() => expect(screen.getByTestId("picked")).toHaveTextContent(added.id));
    expect(zhCN.picker.addCounterpart).toBeTruthy();
  });

  it("adds a missing city in place from the trip form's picker, and picks it", async () => {
    const fake = fakePlatform({ core: seededCore() });
    renderWithCore(<Picked>{(value, set) => <CityPicker data-testid="city" value={value as string} onChange={set} />}</Picked>, fake.platform);
    await userEvent.click(await screen.findByTestId("city-add"));
    const modal = await screen.findByTestId("entry-modal-city");
    await userEvent.click(within(modal).getByTestId("entry-province"));
    await userEvent.paste("辽宁省");
    await userEvent.click(within(modal).getByTestId("entry-name"));
    await userEvent.paste("沈抚改革创新示范区");
    await userEvent.click(screen.getByTestId("entry-save"));
    await waitFor(() => expect(fake.state.core.cities).toHaveLength(2));
    const added = fake.state.core.cities[1]!;
    expect(added.value).toEqual({ province: "辽宁省", name: "沈抚改革创新示范区" });
    await waitFor(() => expect(screen.getByTestId("picked")).toHaveTextContent(added.id));
  });
});
