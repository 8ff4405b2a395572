import { screen, waitFor, within } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakePlatform } from "../../test/fakePlatform";
import { seededCore } from "../../test/fakeCore";
import { addProfile, FAKE_RECOVERY_KEY } from "../../test/fakeSession";
import { renderApp } from "../../test/renderApp";
import { zhCN } from "../../i18n/zh-CN";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

describe("session gate", { timeout: 60_000 }, () => {
  it("asks for a passphrase when profiles exist: a wrong one is refused, the right one enters", async () => {
    const core = seededCore();
    addProfile(core, "off-wang", { passphrase: "correct horse", role: "departmentHead", administrator: true });
    addProfile(core, "off-li", { passphrase: "battery staple" });
    const fake = fakePlatform({ core });
    renderApp(fake.platform, "#/meals");

    await screen.findByTestId("signin");
    expect(screen.queryByTestId("area-meals")).not.toBeInTheDocument();
    expect(screen.getByTestId("language-switch")).toBeInTheDocument();
    await userEvent.click(within(screen.getByTestId("signin-profile")).getByRole("combobox"));
    await userEvent.click(await screen.findByText("王明（001）", { selector: ".ant-select-item-option *" }));

    await userEvent.type(screen.getByTestId("signin-passphrase"), "wrong horse{Enter}");
    expect(await screen.findByTestId("signin-error")).toHaveTextContent("口令不正确");
    expect(screen.getByTestId("signin-passphrase")).toHaveValue("");
    expect(core.session).toBeNull();

    await userEvent.type(screen.getByTestId("signin-passphrase"), "correct horse{Enter}");
    expect(await screen.findByTestId("session-user")).toHaveTextContent("王明（001）");
    expect(screen.getByTestId("session-user")).toHaveTextContent(zhCN.role.departmentHead);
    expect(await screen.findByTestId("area-meals")).toBeInTheDocument();
    // A head reviews: the review area opens for them.
    expect(await screen.findByTestId("nav-review")).toBeInTheDocument();
    expect(fake.calls.filter((c) => c.command === "session_sign_in").map((c) => c.request)).toEqual([
      { profileId: core.profiles[0]!.view.id, passphrase: "wrong horse" },
      { profileId: core.profiles[0]!.view.id, passphrase: "correct horse" },
    ]);

    await userEvent.click(screen.getByTestId("sign-out"));
    await screen.findByTestId("signin");
    expect(core.session).toBeNull();

    // The next person starts at home, not on the page the last one left open.
    await userEvent.click(within(screen.getByTestId("signin-profile")).getByRole("combobox"));
    await userEvent.click(await screen.findByText("李红（002）", { selector: ".ant-select-item-option *" }));
    await userEvent.type(screen.getByTestId("signin-passphrase"), "battery staple{Enter}");
    expect(await screen.findByTestId("session-user")).toHaveTextContent("李红（002）");
    expect(await screen.findByTestId("home-month")).toBeInTheDocument();
    expect(screen.queryByTestId("area-meals")).not.toBeInTheDocument();
  });

  it("the recovery key gives an administrator a new passphrase; a wrong key changes nothing", async () => {
    const core = seededCore();
    addProfile(core, "off-wang", { passphrase: "forgotten horse", role: "departmentHead", administrator: true });
    addProfile(core, "off-li", { passphrase: "battery staple" });
    const fake = fakePlatform({ core });
    renderApp(fake.platform, "#/");
    await screen.findByTestId("signin");
    await userEvent.click(screen.getByTestId("signin-recover"));
    const modal = await screen.findByTestId("recover-modal");
    // Only administrators can be given a new passphrase this way: the one is chosen.
    expect(within(modal).getByTestId("recover-profile")).toHaveTextContent("王明（001）");
    await userEvent.type(within(modal).getByTestId("recover-key"), "WRONG-KEY");
    await userEvent.type(within(modal).getByTestId("recover-passphrase"), "a new passphrase");
    await userEvent.type(within(modal).getByTestId("recover-passphrase2"), "a new passphrase");
    await userEvent.click(screen.getByRole("button", { name: zhCN.encryption.recover }));
    expect(await screen.findByTestId("recover-error")).toHaveTextContent("恢复密钥不正确");
    expect(core.session).toBeNull();
    expect(core.profiles[0]!.passphrase).toBe("forgotten horse");

    await userEvent.clear(within(modal).getByTestId("recover-key"));
    await userEvent.type(within(modal).getByTestId("recover-key"), FAKE_RECOVERY_KEY.toLowerCase());
    await userEvent.click(screen.getByRole("button", { name: zhCN.encryption.recover }));
    expect(await screen.findByTestId("session-user")).toHaveTextContent("王明（001）");
    expect(core.profiles[0]!.passphrase).toBe("a new passphrase");
  });

  it("says, before the sign-in that will do it, that a database from before is encrypted then", async () => {
    const core = seededCore();
    addProfile(core, "off-wang", { passphrase: "correct horse", role: "departmentHead", administrator: true });
    const fake = fakePlatform({ core });
    const plain = {
      ...fake.platform,
      async call(command: string, request: unknown) {
        const answer = await fake.platform.call(command as never, request as never);
        return command === "app_info" ? { ...(answer as object), protection: "plain" } : answer;
      },
    } as typeof fake.platform;
    renderApp(plain, "#/");
    expect(await screen.findByTestId("signin-plain")).toHaveTextContent(zhCN.encryption.plainSignIn);
  });

  it("shows no such notice on an encrypted database", async () => {
    const core = seededCore();
    addProfile(core, "off-wang", { passphrase: "correct horse", role: "departmentHead", administrator: true });
    const fake = fakePlatform({ core });
    renderApp(fake.platform, "#/");
    await screen.findByTestId("signin");
    // Once the app has asked how the database is protected:
    await waitFor(() => expect(fake.calls.some((c) => c.command === "app_info")).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByTestId("signin-plain")).not.toBeInTheDocument();
  });

  it("brings the sign-in screen back when the core says nobody is signed in", async () => {
    const core = seededCore();
    addProfile(core, "off-wang", { signedIn: true });
    renderApp(fakePlatform({ core }).platform, "#/meals");
    await screen.findByTestId("session-user");
    // Signed out elsewhere (another window, the CLI): the next command is refused.
    core.session = null;
    await userEvent.click(screen.getByTestId("nav-trips"));
    await screen.findByTestId("signin");
  });

  it("works openly without profiles, and says how to add the first one", async () => {
    renderApp(fakePlatform({ core: seededCore() }).platform, "#/contacts");
    expect(await screen.findByTestId("no-profiles-banner")).toHaveTextContent("设置 → 用户与密钥");
    expect(screen.queryByTestId("session-user")).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("nav")).toBeInTheDocument());
    expect(screen.queryByTestId("nav-review")).not.toBeInTheDocument();
  });
});
