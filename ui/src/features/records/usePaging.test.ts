import { describe, expect, it } from "vitest";
import { pageRequest } from "./usePaging";

describe("paging requests", () => {
  const c = (id: string) => ({ date: "2025-01-01", amount: 0, id });

  it("continues after a known cursor (keyset paging)", () => {
    expect(pageRequest({ 0: null }, 0)).toEqual({ after: null, page: null });
    expect(pageRequest({ 0: null, 1: c("a") }, 1)).toEqual({ after: c("a"), page: null });
  });

  it("asks for a page by number when no cursor leads there (a jump, or back from one)", () => {
    expect(pageRequest({ 0: null }, 999)).toEqual({ after: null, page: 1000 });
    expect(pageRequest({ 0: null, 1000: c("z") }, 998)).toEqual({ after: null, page: 999 });
    expect(pageRequest({ 0: null, 1000: c("z") }, 1000)).toEqual({ after: c("z"), page: null });
  });
});
