import { screen, waitFor, within } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakePlatform } from "../../test/fakePlatform";
import { seededCore } from "../../test/fakeCore";
import { addProfile } from "../../test/fakeSession";
import { renderWithCore } from "../../test/renderWithCore";
import { zhCN } from "../../i18n/zh-CN";
import { ProfilesSection } from "./ProfilesSection";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

async function paste(testId: string, text: string) {
  await userEvent.click(screen.getByTestId(testId));
  await userEvent.paste(text);
}

describe("settings: users and keys", { timeout: 60_000 }, () => {
  it("lets an administrator add a profile; the core's refusal lands on its field", async () => {
    const core = seededCore();
    addProfile(core, "off-wang", { administrator: true, signedIn: true });
    const fake = fakePlatform({ core });
    renderWithCore(<ProfilesSection />, fake.platform);

    const section = await screen.findByTestId("profiles-section");
    await waitFor(() => expect(section).toHaveTextContent("王明"));
    expect(within(section).getByTestId(`profile-reset-${core.profiles[0]!.view.id}`)).toBeInTheDocument();
    await userEvent.click(await screen.findByTestId("profile-add"));
    await screen.findByTestId("profile-passphrase");

    // Only officials without a profile are offered.
    await userEvent.click(within(screen.getByTestId("profile-official")).getByRole("combobox"));
    await waitFor(() => expect(document.querySelectorAll(".ant-select-item-option")).toHaveLength(1));
    await userEvent.click(document.querySelector(".ant-select-item-option")!);

    // Typing checks: the confirmation must match.
    await paste("profile-passphrase", "short");
    await paste("profile-passphrase2", "shorter");
    await userEvent.click(screen.getByTestId("profile-save"));
    await waitFor(() => expect(screen.getByTestId("profile-passphrase2").closest(".ant-form-item")).toHaveTextContent(zhCN.profiles.mismatch));
    expect(fake.calls.some((c) => c.command === "profile_create")).toBe(false);

    // The core's rule: too short, said beside the passphrase.
    await userEvent.clear(screen.getByTestId("profile-passphrase2"));
    await paste("profile-passphrase2", "short");
    await userEvent.click(screen.getByTestId("profile-save"));
    await waitFor(() => expect(screen.getByTestId("profile-passphrase").closest(".ant-form-item")).toHaveTextContent("至少 8 个字符"));

    await userEvent.clear(screen.getByTestId("profile-passphrase"));
    await userEvent.clear(screen.getByTestId("profile-passphrase2"));
    await paste("profile-passphrase", "battery staple");
    await paste("profile-passphrase2", "battery staple");
    await userEvent.click(screen.getByTestId("profile-admin"));
    await userEvent.click(screen.getByTestId("profile-save"));
    await waitFor(() => expect(core.profiles).toHaveLength(2));
    expect(fake.calls.filter((c) => c.command === "profile_create").at(-1)!.request).toEqual({
      officialId: "off-li",
      administrator: true,
      passphrase: "battery staple",
    });
    await waitFor(() => expect(section).toHaveTextContent("李红"));
  });

  it("offers someone who does not manage profiles only their own passphrase", async () => {
    const core = seededCore();
    addProfile(core, "off-li", { passphrase: "correct horse", signedIn: true });
    const fake = fakePlatform({ core });
    renderWithCore(<ProfilesSection />, fake.platform);
    await userEvent.click(await screen.findByTestId("passphrase-change"));
    expect(screen.queryByTestId("profile-add")).not.toBeInTheDocument();
    await screen.findByTestId("passphrase-current");
    await paste("passphrase-current", "wrong horse");
    await paste("passphrase-new", "new battery");
    await paste("passphrase-new2", "new battery");
    await userEvent.click(screen.getByTestId("passphrase-save"));
    await waitFor(() => expect(screen.getByTestId("passphrase-current").closest(".ant-form-item")).toHaveTextContent("口令不正确"));
    await paste("passphrase-current", "correct horse");
    await userEvent.click(screen.getByTestId("passphrase-save"));
    await waitFor(() => expect(core.profiles[0]!.passphrase).toBe("new battery"));
  });

  it("imports a CA certificate picked with the system dialog, under one's own passphrase", async () => {
    const core = seededCore();
    addProfile(core, "off-li", { passphrase: "correct horse", signedIn: true });
    const fake = fakePlatform({ core, pickedFile: "/home/user/ca/li.p12" });
    renderWithCore(<ProfilesSection />, fake.platform);
    await userEvent.click(await screen.findByTestId("key-import"));
    await userEvent.click(await screen.findByTestId("key-import-path"));
    await waitFor(() => expect(screen.getByTestId("key-import-path")).toHaveValue("/home/user/ca/li.p12"));
    await paste("key-import-password", "export password");
    await paste("key-import-passphrase", "wrong horse");
    await userEvent.click(screen.getByTestId("key-import-save"));
    await waitFor(() => expect(screen.getByTestId("key-import-passphrase").closest(".ant-form-item")).toHaveTextContent("口令不正确"));
    await paste("key-import-passphrase", "correct horse");
    await userEvent.click(screen.getByTestId("key-import-save"));
    await waitFor(() => expect(core.profiles[0]!.view.keys[0]!.origin).toBe("imported"));
    const sent = fake.calls.filter((c) => c.command === "key_import").at(-1)!.request;
    expect(sent).toEqual({ path: "/home/user/ca/li.p12", p12Password: "export password", passphrase: "correct horse" });
  });
});
