import { screen, waitFor, within } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { fakePlatform } from "../../test/fakePlatform";
import { seededCore } from "../../test/fakeCore";
import { addProfile } from "../../test/fakeSession";
import { mealRecord } from "../../test/records";
import { renderWithCore } from "../../test/renderWithCore";
import { zhCN } from "../../i18n/zh-CN";
import { ReviewPage } from "./ReviewPage";
import { CORE_PROBLEMS } from "../../api/bindings/coreWords";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

/** 李红 heads the department; 王明's records await her review. */
function headsCore() {
  const core = seededCore();
  addProfile(core, "off-li", { passphrase: "correct horse", role: "departmentHead", signedIn: true });
  core.records.push(mealRecord("m1", "2025-03-01", "一号食堂"), mealRecord("m2", "2025-03-02", "二号食堂"), mealRecord("m3", "2025-03-03", "三号食堂"));
  for (const id of ["m1", "m2", "m3"]) core.reviews[id] = { status: "submitted", locked: false, amended: false, comment: "", signature: null };
  core.reviews.m3!.status = "draft";
  return core;
}

function rows() {
  return screen.queryAllByTestId("queue-row");
}

describe("review page", { timeout: 60_000 }, () => {
  it("approves the rows chosen with the keyboard, signed with the passphrase", async () => {
    const core = headsCore();
    const fake = fakePlatform({ core });
    renderWithCore(<ReviewPage />, fake.platform);

    await waitFor(() => expect(rows()).toHaveLength(2), { timeout: 8000 });
    // Newest first; the draft is not in the queue.
    expect(rows().map((r) => r.getAttribute("data-record-id"))).toEqual(["m2", "m1"]);
    // Each row names the enterprise the record is about.
    expect(rows()[0]).toHaveTextContent("北方装备制造有限公司");
    expect(fake.calls.find((c) => c.command === "record_list")!.request).toMatchObject({
      filter: { status: "submitted", departmentId: "dep-a" },
    });
    expect(screen.getByTestId("queue-approve")).toBeDisabled();

    await userEvent.click(within(rows()[0]!).getByText("2025-03-02"));
    await userEvent.keyboard(" ");
    await userEvent.keyboard("{ArrowDown}");
    await userEvent.keyboard(" ");
    expect(screen.getByTestId("queue-selected")).toHaveTextContent("已选 2 条");
    await userEvent.keyboard("a");

    const modal = await screen.findByTestId("passphrase-modal");
    await userEvent.type(within(modal).getByTestId("passphrase-input"), "correct horse");
    await userEvent.click(screen.getByTestId("passphrase-ok"));
    await waitFor(() => expect(fake.calls.some((c) => c.command === "record_review")).toBe(true));
    expect(fake.calls.find((c) => c.command === "record_review")!.request).toEqual({
      action: "approve",
      items: [
        { id: "m2", version: 1 },
        { id: "m1", version: 1 },
      ],
      comment: "",
      passphrase: "correct horse",
    });
    expect(await screen.findByTestId("queue-empty")).toHaveTextContent(zhCN.review.queueEmpty);
    expect(core.reviews.m1!.status).toBe("approved");
  });

  it("returns only with a comment, as the core insists", async () => {
    const core = headsCore();
    renderWithCore(<ReviewPage />, fakePlatform({ core }).platform);
    await waitFor(() => expect(rows()).toHaveLength(2), { timeout: 8000 });
    await userEvent.click(rows()[1]!.querySelector("input[type=checkbox]")!);
    await userEvent.click(screen.getByTestId("queue-return"));
    const modal = await screen.findByTestId("passphrase-modal");
    await userEvent.type(within(modal).getByTestId("passphrase-input"), "correct horse");
    await userEvent.click(screen.getByTestId("passphrase-ok"));
    await waitFor(() => expect(within(modal).getByTestId("review-comment-input").closest(".ant-form-item")).toHaveTextContent(CORE_PROBLEMS.commentRequired));
    await userEvent.click(within(modal).getByTestId("review-comment-input"));
    await userEvent.paste("请补充收据编号");
    await userEvent.click(screen.getByTestId("passphrase-ok"));
    await waitFor(() => expect(core.reviews.m1!.status).toBe("returned"));
    expect(core.reviews.m1!.comment).toBe("请补充收据编号");
    await waitFor(() => expect(rows()).toHaveLength(1));
  });

  it("shows the month's standing per official and declares a silent month empty", async () => {
    const core = headsCore();
    const fake = fakePlatform({ core });
    renderWithCore(<ReviewPage />, fake.platform);
    await userEvent.click(await screen.findByTestId("tab-overview"));
    const month = dayjs().format("YYYY-MM");
    const standing = await screen.findByTestId("standing-off-wang");
    expect(standing).toHaveTextContent(zhCN.review.standing.silent);

    await userEvent.click(screen.getByTestId("attest-off-wang"));
    const modal = await screen.findByTestId("passphrase-modal");
    // For a colleague: a reason is asked for (and required by the core).
    expect(within(modal).getByText(zhCN.review.onBehalfReason)).toBeInTheDocument();
    await userEvent.type(within(modal).getByTestId("passphrase-input"), "correct horse{Enter}");
    // …on its field, not above the form.
    await waitFor(() =>
      expect(within(modal).getByTestId("review-comment-input").closest(".ant-form-item")).toHaveTextContent("此项必填"),
    );
    expect(within(modal).queryByTestId("passphrase-error")).toBeNull();
    await userEvent.type(within(modal).getByTestId("review-comment-input"), "本人出差，委托代为声明");
    await userEvent.click(screen.getByTestId("passphrase-ok"));
    // Before the month's last working day the core wants a confirmation, asked for here.
    await userEvent.click(await screen.findByTestId("attest-early-ok"));
    await waitFor(() => expect(screen.getByTestId("standing-off-wang")).toHaveTextContent(zhCN.review.standing.declaredNil));
    expect(fake.calls.filter((c) => c.command === "attest_month").at(-1)!.request).toEqual({
      officialId: "off-wang",
      month,
      nil: true,
      passphrase: "correct horse",
      onBehalfReason: "本人出差，委托代为声明",
      earlyConfirmed: true,
    });
    expect(await screen.findByTestId("attest-withdraw-off-wang")).toBeInTheDocument();
  });
});
