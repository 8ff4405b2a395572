import { screen, waitFor, within } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakePlatform } from "../../test/fakePlatform";
import { seededCore } from "../../test/fakeCore";
import { renderWithCore } from "../../test/renderWithCore";
import { DirectoryPage } from "./DirectoryPage";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

function shownRows(kind: string) {
  return [...within(screen.getByTestId(`directory-${kind}`)).queryAllByTestId(/^directory-row-/)].map((r) => r.getAttribute("data-testid"));
}

describe("directory", { timeout: 60_000 }, () => {
  it("searches a list by name or staff number, and says when nothing matches", async () => {
    const core = seededCore();
    renderWithCore(<DirectoryPage />, fakePlatform({ core }).platform);
    await waitFor(() => expect(shownRows("official")).toHaveLength(2));
    const search = within(screen.getByTestId("directory-official-search")).getByRole("searchbox");
    await userEvent.type(search, "李");
    await waitFor(() => expect(shownRows("official")).toEqual(["directory-row-off-li"]));
    await userEvent.clear(search);
    await userEvent.type(search, "001");
    await waitFor(() => expect(shownRows("official")).toEqual(["directory-row-off-wang"]));
    // An id is no word anyone types: "dep" is in every official's department id.
    await userEvent.clear(search);
    await userEvent.type(search, "dep");
    await waitFor(() => expect(shownRows("official")).toHaveLength(0));
    expect(within(screen.getByTestId("directory-official")).getByText("没有与“dep”匹配的项")).toBeInTheDocument();
  });
});
