import { describe, expect, it } from "vitest";
import { callCore, CoreError } from "./client";
import { fakePlatform } from "../test/fakePlatform";

describe("core client", () => {
  it("returns the typed response", async () => {
    const { platform } = fakePlatform();
    const info = await callCore(platform, "app_info", {});
    expect(info.schemaVersion).toBe(1);
  });

  it("turns a refusal into a CoreError with code and field", async () => {
    const { platform } = fakePlatform();
    const refused = callCore(platform, "set_language", { language: "fr" as never });
    await expect(refused).rejects.toBeInstanceOf(CoreError);
    await expect(refused).rejects.toMatchObject({ code: "validation", field: ["language"] });
  });

  it("wraps a plain IPC failure as an internal error", async () => {
    const platform = { ...fakePlatform().platform, call: async () => Promise.reject("ipc down") };
    await expect(callCore(platform, "app_info", {})).rejects.toMatchObject({
      code: "internal",
      message: "ipc down",
    });
  });
});
