import { describe, expect, it } from "vitest";
import { zhCN } from "./zh-CN";
import { en } from "./en";

function leaves(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof child === "string") out.set(path, child);
    else for (const [k, v] of leaves(child, path)) out.set(k, v);
  }
  return out;
}

describe("message catalogues", () => {
  it("have the same keys and no empty messages", () => {
    const zh = leaves(zhCN);
    const eng = leaves(en);
    expect([...eng.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [key, text] of [...zh, ...eng]) expect(text.trim(), key).not.toBe("");
  });

  it("English is really English (no Han characters outside clause numbers and the language name)", () => {
    const allowed = /二\(|一\)|二\)|简体中文/g;
    for (const [key, text] of leaves(en)) {
      expect(/[\u4e00-\u9fff]/.test(text.replace(allowed, "")), key).toBe(false);
    }
  });
});
