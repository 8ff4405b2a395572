import { beforeEach, describe, expect, it } from "vitest";
import { clearDraftsOf, draftOwner, lastCounterpart, loadDraft, rememberCounterpart, saveDraft } from "./drafts";

describe("drafts", () => {
  beforeEach(() => localStorage.clear());
  const values = { place: "职工食堂" };
  const li = draftOwner("/data/a.sqlite3", "p-li");
  const wang = draftOwner("/data/a.sqlite3", "p-wang");
  const liElsewhere = draftOwner("/data/b.sqlite3", "p-li");

  it("belong to one person on one database", () => {
    saveDraft(li, "meal", values);
    rememberCounterpart(li, "c-1");
    expect(loadDraft(li, "meal")?.values).toEqual(values);
    expect(loadDraft(wang, "meal")).toBeNull();
    expect(loadDraft(liElsewhere, "meal")).toBeNull();
    expect(lastCounterpart(wang)).toBeNull();
    expect(lastCounterpart(li)).toBe("c-1");
  });

  it("are kept nowhere while it is not known whose they are", () => {
    saveDraft(null, "meal", values);
    expect(Object.keys(localStorage)).toEqual([]);
    expect(loadDraft(null, "meal")).toBeNull();
  });

  it("are cleared at sign-out, the signer's only", () => {
    saveDraft(li, "meal", values);
    saveDraft(li, "trip", values);
    rememberCounterpart(li, "c-1");
    saveDraft(wang, "meal", values);
    clearDraftsOf(li);
    expect(loadDraft(li, "meal")).toBeNull();
    expect(loadDraft(li, "trip")).toBeNull();
    expect(lastCounterpart(li)).toBeNull();
    expect(loadDraft(wang, "meal")?.values).toEqual(values);
  });
});
