import { screen, waitFor, within } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { AppInfo } from "../../api/bindings/AppInfo";
import type { Platform } from "../../api/platform";
import { seededCore } from "../../test/fakeCore";
import { fakePlatform } from "../../test/fakePlatform";
import { addProfile, FAKE_RECOVERY_KEY } from "../../test/fakeSession";
import { renderWithCore } from "../../test/renderWithCore";
import { zhCN } from "../../i18n/zh-CN";
import { EncryptionSection } from "./RecoveryKey";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

/** The app as an encrypted database answers it, with or without a recovery key issued. */
function encryptedPlatform(administrator: boolean, recoveryKeyIssued: boolean) {
  const core = seededCore();
  addProfile(core, "off-li", { passphrase: "correct horse", administrator, signedIn: true });
  const fake = fakePlatform({ core });
  let issued = recoveryKeyIssued;
  const platform: Platform = {
    ...fake.platform,
    async call(command, request) {
      if (command === "app_info") {
        const info = (await fake.platform.call(command, request)) as AppInfo;
        return { ...info, protection: "protected", recoveryKeyIssued: issued };
      }
      const answer = await fake.platform.call(command, request);
      if (command === "recovery_key_issue") issued = true;
      return answer;
    },
  };
  return { ...fake, platform };
}

describe("database encryption", { timeout: 30_000 }, () => {
  it("an administrator without a recovery key is asked to issue one, shown once until it is kept", async () => {
    const fake = encryptedPlatform(true, false);
    renderWithCore(<EncryptionSection />, fake.platform);
    expect(await screen.findByTestId("encryption-state")).toHaveTextContent(zhCN.encryption.protected);
    expect(screen.getByTestId("recovery-state")).toHaveTextContent(zhCN.encryption.noRecovery);
    await userEvent.click(screen.getByTestId("recovery-issue"));
    const sheet = await screen.findByTestId("recovery-sheet");
    expect(within(sheet).getByTestId("recovery-key")).toHaveTextContent(FAKE_RECOVERY_KEY);
    expect(screen.getByTestId("recovery-done")).toBeDisabled();
    await userEvent.click(screen.getByTestId("recovery-kept"));
    await waitFor(() => expect(screen.getByTestId("recovery-done")).toBeEnabled());
    await userEvent.click(screen.getByTestId("recovery-done"));
    // Gone from the page once kept: it is not shown again.
    await waitFor(() => expect(screen.queryByText(FAKE_RECOVERY_KEY)).not.toBeInTheDocument());
    // Issued now: a new one replaces it only after a confirmation.
    await waitFor(() => expect(screen.getByTestId("recovery-state")).toHaveTextContent(zhCN.encryption.recoveryIssued));
    expect(fake.calls.filter((c) => c.command === "recovery_key_issue")).toHaveLength(1);
  });

  it("someone who manages no profiles sees the protection, not the recovery key", async () => {
    const fake = encryptedPlatform(false, true);
    renderWithCore(<EncryptionSection />, fake.platform);
    expect(await screen.findByTestId("encryption-state")).toHaveTextContent(zhCN.encryption.protected);
    expect(screen.queryByTestId("recovery-issue")).not.toBeInTheDocument();
  });
});
