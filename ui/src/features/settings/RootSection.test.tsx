import { screen, waitFor, within } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { CaStatus } from "../../api/bindings/CaStatus";
import type { ErrorPayload } from "../../api/bindings/ErrorPayload";
import type { Platform } from "../../api/platform";
import { seededCore } from "../../test/fakeCore";
import { fakePlatform } from "../../test/fakePlatform";
import { addProfile } from "../../test/fakeSession";
import { renderWithCore } from "../../test/renderWithCore";
import { RootSection } from "./RootSection";
import { CORE_ERRORS } from "../../api/bindings/coreWords";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

const root: CaStatus = {
  root: {
    fingerprint: "ab".repeat(32),
    subject: "CN=沈阳市某局 根证书,O=沈阳市某局,C=CN",
    createdAt: "2026-03-15T09:30:00+00:00",
    imported: false,
  },
  open: true,
};

/** The root commands answered as the core does; a database with or without a root. */
function rootPlatform(initial: CaStatus, administrator: boolean) {
  const core = seededCore();
  addProfile(core, "off-li", { passphrase: "correct horse", administrator, signedIn: true });
  const fake = fakePlatform({ core, savedFile: "/home/user/本局根证书.pem", pickedFile: "/home/user/ca/bureau-ca.p12" });
  let status = initial;
  const platform: Platform = {
    ...fake.platform,
    async call(command, request) {
      if (command === "ca_get") return status;
      if (command === "ca_export") {
        fake.calls.push({ command, request });
        const r = request as { path: string };
        return { path: r.path, fingerprint: "ab".repeat(32) };
      }
      if (command === "ca_import") {
        fake.calls.push({ command, request });
        const r = request as { p12Password: string };
        if (r.p12Password !== "export password") {
          const refusal: ErrorPayload = {
            code: "validation",
            message: "p12Password：无法打开该证书文件（密码不正确或文件已损坏）",
            field: ["p12Password"],
            problem: "无法打开该证书文件（密码不正确或文件已损坏）",
          };
          throw refusal;
        }
        status = { root: { ...root.root!, fingerprint: "cd".repeat(32), imported: true }, open: true };
        return status;
      }
      if (command === "ca_create") {
        fake.calls.push({ command, request });
        if ((request as { passphrase: string }).passphrase !== "correct horse") {
          const refusal: ErrorPayload = { code: "unauthenticated", message: CORE_ERRORS.wrongPassphrase };
          throw refusal;
        }
        status = root;
        return status;
      }
      return fake.platform.call(command, request);
    },
  };
  return { ...fake, platform };
}

describe("bureau root section", () => {
  it("shows the root and exports it as PEM where the person chooses", async () => {
    const fake = rootPlatform(root, false);
    renderWithCore(<RootSection />, fake.platform);
    expect(await screen.findByTestId("root-fingerprint")).toHaveTextContent("abab");
    expect(screen.getByTestId("root-section")).toHaveTextContent("已由您解锁");
    await userEvent.click(screen.getByTestId("root-export-pem"));
    await waitFor(() =>
      expect(fake.calls.find((c) => c.command === "ca_export")?.request).toEqual({
        path: "/home/user/本局根证书.pem",
        format: "pem",
      }),
    );
  });

  it("an administrator creates the root of an older database with the passphrase", async () => {
    const fake = rootPlatform({ open: false }, true);
    renderWithCore(<RootSection />, fake.platform);
    await userEvent.click(await screen.findByTestId("root-create"));
    const modal = await screen.findByTestId("passphrase-modal");
    await userEvent.type(within(modal).getByTestId("passphrase-input"), "wrong");
    await userEvent.click(screen.getByTestId("passphrase-ok"));
    await waitFor(() => expect(modal).toHaveTextContent("口令不正确"));
    await userEvent.clear(within(modal).getByTestId("passphrase-input"));
    await userEvent.type(within(modal).getByTestId("passphrase-input"), "correct horse");
    await userEvent.click(screen.getByTestId("passphrase-ok"));
    expect(await screen.findByTestId("root-fingerprint")).toBeInTheDocument();
  });

  it("an administrator imports the bureau CA's key from a .p12; a wrong password lands on its field", async () => {
    const fake = rootPlatform(root, true);
    renderWithCore(<RootSection />, fake.platform);
    await userEvent.click(await screen.findByTestId("root-import"));
    await userEvent.click(await screen.findByTestId("root-import-path"));
    await waitFor(() => expect(screen.getByTestId("root-import-path")).toHaveValue("/home/user/ca/bureau-ca.p12"));
    await userEvent.type(screen.getByTestId("root-import-password"), "wrong");
    await userEvent.type(screen.getByTestId("root-import-passphrase"), "correct horse");
    await userEvent.click(screen.getByTestId("root-import-save"));
    await waitFor(() =>
      expect(screen.getByTestId("root-import-password").closest(".ant-form-item")).toHaveTextContent("无法打开"),
    );
    await userEvent.clear(screen.getByTestId("root-import-password"));
    await userEvent.type(screen.getByTestId("root-import-password"), "export password");
    await userEvent.click(screen.getByTestId("root-import-save"));
    await waitFor(() => expect(screen.getByTestId("root-fingerprint")).toHaveTextContent("cdcd"));
    expect(fake.calls.filter((c) => c.command === "ca_import").at(-1)!.request).toEqual({
      path: "/home/user/ca/bureau-ca.p12",
      p12Password: "export password",
      passphrase: "correct horse",
    });
  });

  it("someone who does not administer is not offered to create it", async () => {
    const fake = rootPlatform({ open: false }, false);
    renderWithCore(<RootSection />, fake.platform);
    expect(await screen.findByText(/尚无本局根证书/)).toBeInTheDocument();
    expect(screen.queryByTestId("root-create")).toBeNull();
  });
});
