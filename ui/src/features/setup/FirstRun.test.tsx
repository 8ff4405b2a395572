import { screen, waitFor } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakePlatform } from "../../test/fakePlatform";
import { renderApp } from "../../test/renderApp";
import { zhCN } from "../../i18n/zh-CN";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

async function paste(testId: string, text: string) {
  await userEvent.click(screen.getByTestId(testId));
  await userEvent.paste(text);
}

describe("first run", { timeout: 60_000 }, () => {
  it("sets up the bureau and the first profile, an administrator signed in with the passphrase", async () => {
    const fake = fakePlatform();
    renderApp(fake.platform);
    await screen.findByTestId("first-run");
    expect(screen.getByTestId("setup-role")).toHaveTextContent(zhCN.role.departmentHead);
    await paste("setup-bureau", "沈阳市某局");
    await paste("setup-department", "招商服务处");
    await paste("setup-name", "王明");
    await paste("setup-staffNo", "E001");
    await paste("setup-position", "处长");
    await paste("setup-passphrase", "short");
    await paste("setup-passphrase2", "short");
    await userEvent.click(screen.getByTestId("setup-submit"));
    // The core's rule, beside the passphrase; what was saved is not saved twice on retry.
    // (The hint says it too; the refusal is the field's error.)
    await waitFor(() =>
      expect(
        screen.getByTestId("setup-passphrase").closest(".ant-form-item")!.querySelector(".ant-form-item-explain-error"),
      ).toHaveTextContent("至少 8 个字符"),
    );

    await userEvent.clear(screen.getByTestId("setup-passphrase"));
    await userEvent.clear(screen.getByTestId("setup-passphrase2"));
    await paste("setup-passphrase", "correct horse");
    await paste("setup-passphrase2", "correct horse");
    await userEvent.click(screen.getByTestId("setup-submit"));
    // The recovery key is shown once, and the setup ends only once it is kept.
    expect(await screen.findByTestId("recovery-key", {}, { timeout: 8000 })).toHaveTextContent("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567");
    expect(screen.getByTestId("recovery-done")).toBeDisabled();
    await userEvent.click(screen.getByTestId("recovery-kept"));
    await userEvent.click(screen.getByTestId("recovery-done"));
    expect(await screen.findByTestId("session-user", {}, { timeout: 8000 })).toHaveTextContent("王明（E001）");
    await waitFor(() => expect(screen.queryByTestId("first-run")).not.toBeInTheDocument());

    const core = fake.state.core;
    expect(core.departments).toHaveLength(1);
    expect(core.officials).toHaveLength(1);
    expect(core.officials[0]!.value.role).toBe("departmentHead");
    expect(fake.calls.filter((c) => c.command === "profile_create").at(-1)!.request).toEqual({
      officialId: core.officials[0]!.id,
      administrator: true,
      passphrase: "correct horse",
    });
    expect(screen.queryByTestId("no-profiles-banner")).not.toBeInTheDocument();
  });

  it("loads the number of demo records it says, and keeps the demo passphrase on screen", async () => {
    const fake = fakePlatform();
    const requests: unknown[] = [];
    const platform = {
      ...fake.platform,
      async call(command: string, request: unknown) {
        if (command === "demo_generate") {
          requests.push(request);
          const records = (request as { records: number }).records;
          return { departments: 3, officials: 12, counterparts: 20, cities: 5, recordsAdded: records, profiles: 4, passphrase: "demo-passphrase" };
        }
        return fake.platform.call(command as never, request as never);
      },
    } as typeof fake.platform;
    renderApp(platform);
    await screen.findByTestId("first-run");
    expect(screen.getByTestId("first-run")).toHaveTextContent("生成 300 条虚构登记");
    await userEvent.click(screen.getByTestId("setup-demo"));
    const loaded = await screen.findByTestId("setup-demo-done");
    expect(requests).toEqual([expect.objectContaining({ records: 300 })]);
    expect(loaded).toHaveTextContent("300 条登记");
    expect(loaded).toHaveTextContent("demo-passphrase");
    expect(screen.getByTestId("setup-demo-continue")).toHaveTextContent(zhCN.setup.demoContinue);
  });

  it("marks what is required, says the passphrase minimum up front, and sends nothing empty", async () => {
    const fake = fakePlatform();
    renderApp(fake.platform);
    await screen.findByTestId("first-run");
    const item = (testId: string) => screen.getByTestId(testId).closest(".ant-form-item")!;
    expect(item("setup-passphrase")).toHaveTextContent("至少 8 个字符");
    for (const field of ["setup-bureau", "setup-department", "setup-name", "setup-staffNo", "setup-passphrase"]) {
      expect(item(field).querySelector(".ant-form-item-required")).not.toBeNull();
    }
    await userEvent.click(screen.getByTestId("setup-submit"));
    // Every missing field at once, each on its own field; nothing reached the core.
    await waitFor(() => expect(item("setup-bureau")).toHaveTextContent(zhCN.form.required));
    expect(item("setup-department")).toHaveTextContent(zhCN.form.required);
    expect(item("setup-passphrase")).toHaveTextContent(zhCN.form.required);
    expect(fake.calls.some((c) => c.command === "bureau_save")).toBe(false);
    expect(screen.getByTestId("first-run")).not.toHaveTextContent("missing field");
  });
});
