import { screen, waitFor } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Platform } from "../../api/platform";
import { fakePlatform } from "../../test/fakePlatform";
import { renderWithCore } from "../../test/renderWithCore";
import { NO_FILTER } from "./api";
import { ExportButton } from "./ExportButton";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

describe("export button", { timeout: 30_000 }, () => {
  it("exports the list's filter to the file chosen in the save dialog", async () => {
    const fake = fakePlatform({ savedFile: "/home/user/三月.csv" });
    const platform: Platform = {
      ...fake.platform,
      async call(command, request) {
        if (command === "records_export") {
          fake.calls.push({ command, request });
          return { path: (request as { path: string }).path, rows: 2, bytes: 300 };
        }
        return fake.platform.call(command, request);
      },
    };
    const filter = { ...NO_FILTER, from: "2026-03-01", to: "2026-03-31" };
    renderWithCore(<ExportButton filter={filter} />, platform);
    await userEvent.hover(await screen.findByTestId("record-export"));
    await userEvent.click(await screen.findByTestId("export-csv"));
    await waitFor(() => expect(fake.calls.some((c) => c.command === "records_export")).toBe(true));
    expect(fake.calls.find((c) => c.command === "records_export")!.request).toEqual({
      filter,
      format: "csv",
      path: "/home/user/三月.csv",
    });
    expect(await screen.findByText("已导出 2 条到 /home/user/三月.csv")).toBeInTheDocument();
  });

  it("prints the list: a PDF saved where chosen, in the list's order, opened in the system viewer", async () => {
    const fake = fakePlatform({ savedFile: "/home/user/登记记录（打印）.pdf" });
    const platform: Platform = {
      ...fake.platform,
      async call(command, request) {
        if (command === "records_export") {
          fake.calls.push({ command, request });
          return { path: (request as { path: string }).path, rows: 2, bytes: 30000 };
        }
        return fake.platform.call(command, request);
      },
    };
    const filter = { ...NO_FILTER, order: "amountDesc" as const };
    renderWithCore(<ExportButton filter={filter} />, platform);
    await userEvent.hover(await screen.findByTestId("record-export"));
    await userEvent.click(await screen.findByTestId("export-pdf"));
    await waitFor(() => expect(fake.state.opened).toEqual(["/home/user/登记记录（打印）.pdf"]));
    expect(fake.calls.find((c) => c.command === "records_export")!.request).toEqual({
      filter,
      format: "pdf",
      path: "/home/user/登记记录（打印）.pdf",
    });
  });
});
