import { screen, waitFor } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Platform } from "../../api/platform";
import type { ErrorPayload } from "../../api/bindings/ErrorPayload";
import { fakePlatform } from "../../test/fakePlatform";
import { renderWithCore } from "../../test/renderWithCore";
import { PrintRecordButton } from "./PrintRecordButton";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

function printing(answer: (path: string) => unknown, savedFile?: string | null) {
  const fake = fakePlatform({ savedFile });
  const platform: Platform = {
    ...fake.platform,
    async call(command, request) {
      if (command === "record_print") {
        fake.calls.push({ command, request });
        return answer((request as { path: string }).path);
      }
      return fake.platform.call(command, request);
    },
  };
  return { fake, platform };
}

describe("printing a record", { timeout: 30_000 }, () => {
  it("saves the record's sheet where chosen and opens it in the system viewer", async () => {
    const { fake, platform } = printing((path) => ({ path, bytes: 40000 }));
    renderWithCore(<PrintRecordButton id="r-1" />, platform);
    await userEvent.click(await screen.findByTestId("detail-print"));
    await waitFor(() => expect(fake.state.opened).toEqual(["/home/user/登记记录单.pdf"]));
    expect(fake.calls.find((c) => c.command === "record_print")!.request).toEqual({
      id: "r-1",
      path: "/home/user/登记记录单.pdf",
    });
    expect(await screen.findByText("已生成登记记录单 /home/user/登记记录单.pdf，已用系统阅读器打开")).toBeInTheDocument();
  });

  it("does nothing when the save dialog is cancelled", async () => {
    const { fake, platform } = printing((path) => ({ path, bytes: 1 }), null);
    renderWithCore(<PrintRecordButton id="r-1" />, platform);
    await userEvent.click(await screen.findByTestId("detail-print"));
    await waitFor(() => expect(screen.getByTestId("detail-print")).not.toHaveClass("ant-btn-loading"));
    expect(fake.calls.some((c) => c.command === "record_print")).toBe(false);
    expect(fake.state.opened).toEqual([]);
  });

  it("says the core's refusal and opens nothing", async () => {
    const refusal: ErrorPayload = { code: "validation", message: "文件无法写入：权限不足", field: ["path"] };
    const { fake, platform } = printing(() => {
      throw refusal;
    });
    renderWithCore(<PrintRecordButton id="r-1" />, platform);
    await userEvent.click(await screen.findByTestId("detail-print"));
    expect(await screen.findByText("文件无法写入：权限不足")).toBeInTheDocument();
    expect(fake.state.opened).toEqual([]);
  });
});
