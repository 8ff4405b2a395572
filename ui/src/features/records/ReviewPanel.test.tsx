import { screen, waitFor, within } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakePlatform } from "../../test/fakePlatform";
import { seededCore } from "../../test/fakeCore";
import { addProfile } from "../../test/fakeSession";
import { mealRecord } from "../../test/records";
import { renderWithCore } from "../../test/renderWithCore";
import { zhCN } from "../../i18n/zh-CN";
import { RecordDetail } from "./RecordDetail";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

function detailOf(core: ReturnType<typeof seededCore>) {
  const fake = fakePlatform({ core });
  renderWithCore(<RecordDetail id="m1" onClose={() => {}} onEdit={() => {}} />, fake.platform);
  return fake;
}

const REVIEW_BUTTONS = ["review-submit", "review-withdraw", "review-approve", "review-return"];

describe("record detail: review", { timeout: 60_000 }, () => {
  it("offers an inspector nothing to do: no review step, no edit, no cancel, no attachments to add", async () => {
    const core = seededCore();
    core.officials.push({ ...core.officials[0]!, id: "off-zhao", value: { ...core.officials[0]!.value, name: "赵审计", staffNo: "009" } });
    addProfile(core, "off-zhao", { role: "inspector", signedIn: true });
    core.records.push(mealRecord("m1", "2025-03-01", "一号食堂"));
    core.reviews.m1 = { status: "submitted", locked: false, amended: false, comment: "", signature: null };
    detailOf(core);

    const status = await screen.findByTestId("review-status");
    expect(status).toHaveAttribute("data-status", "submitted");
    expect(status).toHaveTextContent(zhCN.review.status.submitted);
    await screen.findByTestId("attachments");
    for (const id of [...REVIEW_BUTTONS, "detail-edit", "detail-cancel", "attachment-add"])
      expect(screen.queryByTestId(id), id).not.toBeInTheDocument();
  });

  it("lets an official submit their own draft, signed with the passphrase", async () => {
    const core = seededCore();
    addProfile(core, "off-wang", { passphrase: "correct horse", signedIn: true });
    core.records.push(mealRecord("m1", "2025-03-01", "一号食堂"));
    const fake = detailOf(core);

    const submit = await screen.findByTestId("review-submit");
    expect(screen.getByTestId("review-status")).toHaveAttribute("data-status", "draft");
    for (const id of ["review-withdraw", "review-approve", "review-return"]) expect(screen.queryByTestId(id), id).not.toBeInTheDocument();
    expect(screen.getByTestId("detail-edit")).toBeInTheDocument();

    await userEvent.click(submit);
    const modal = await screen.findByTestId("passphrase-modal");
    expect(within(modal).queryByTestId("review-comment-input")).not.toBeInTheDocument();
    await userEvent.type(within(modal).getByTestId("passphrase-input"), "wrong horse");
    await userEvent.click(screen.getByTestId("passphrase-ok"));
    await waitFor(() => expect(within(modal).getByTestId("passphrase-input").closest(".ant-form-item")).toHaveTextContent("口令不正确"));

    await userEvent.type(within(modal).getByTestId("passphrase-input"), "correct horse{Enter}");
    await waitFor(() => expect(screen.getByTestId("review-status")).toHaveAttribute("data-status", "submitted"));
    const reviews = fake.calls.filter((c) => c.command === "record_review").map((c) => c.request);
    expect(reviews.at(-1)).toEqual({ action: "submit", items: [{ id: "m1", version: 1 }], comment: "", passphrase: "correct horse" });
    // Submitted, it is frozen for them: only a withdrawal is left.
    expect(await screen.findByTestId("review-withdraw")).toBeInTheDocument();
    expect(screen.queryByTestId("detail-edit")).not.toBeInTheDocument();
    expect(screen.getByTestId("review-signature")).toHaveAttribute("data-status", "valid");
    // The history names the step and who took it.
    await waitFor(() => expect(screen.getByTestId("history-entry-0")).toHaveAttribute("data-entity", "review"));
    expect(screen.getByTestId("history-entry-0")).toHaveTextContent(`${zhCN.review.history.submit} · 王明（001）`);
  });

  it("shows why a record was returned", async () => {
    const core = seededCore();
    addProfile(core, "off-wang", { signedIn: true });
    core.records.push(mealRecord("m1", "2025-03-01", "一号食堂"));
    core.reviews.m1 = { status: "returned", locked: true, amended: false, comment: "请补充收据编号", signature: null };
    detailOf(core);
    expect(await screen.findByTestId("review-comment")).toHaveTextContent("请补充收据编号");
    expect(screen.getByTestId("review-locked")).toHaveTextContent(zhCN.review.locked);
    expect(screen.getByTestId("review-submit")).toBeInTheDocument();
  });
});
