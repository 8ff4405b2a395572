import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakePlatform } from "../../test/fakePlatform";
import { renderApp } from "../../test/renderApp";
import { zhCN } from "../../i18n/zh-CN";
import { en } from "../../i18n/en";
import { visibleAreas } from "./areas";

describe("app frame", () => {
  it("opens in Chinese with navigation for every area open to all", async () => {
    const { platform } = fakePlatform();
    renderApp(platform);
    const nav = await screen.findByTestId("nav");
    for (const area of visibleAreas(null)) {
      expect(within(nav).getByText(zhCN.nav[area.key])).toBeInTheDocument();
    }
    // Review needs someone signed in whom the core lets review or declare.
    expect(within(nav).queryByText(zhCN.nav.review)).not.toBeInTheDocument();
    expect(await screen.findByTestId("home-database")).toHaveTextContent("/data/qinqing.sqlite3");
  });

  it("navigates to the registers, which ask someone to sign in first", async () => {
    const { platform } = fakePlatform();
    renderApp(platform);
    await userEvent.click(await screen.findByText(zhCN.nav.registers));
    const area = await screen.findByTestId("area-registers");
    expect(area).toHaveTextContent(zhCN.review.signInFirst);
    expect(screen.getByTestId("page-title")).toHaveTextContent(zhCN.nav.registers);
  });

  it("switches to English through the core and relabels everything", async () => {
    const fake = fakePlatform();
    renderApp(fake.platform);
    const nav = await screen.findByTestId("nav");
    await userEvent.click(screen.getAllByText("English")[0]!);
    await waitFor(() => expect(within(nav).getByText(en.nav.trips)).toBeInTheDocument());
    expect(fake.calls).toContainEqual({ command: "set_language", request: { language: "en" } });
    expect(fake.state.language).toBe("en");
    expect(document.documentElement.lang).toBe("en");
    expect(fake.state.titles.at(-1)).toBe(en.app.title);
  });

  it("starts in the saved language", async () => {
    const { platform } = fakePlatform({ language: "en" });
    renderApp(platform);
    const nav = await screen.findByTestId("nav");
    await waitFor(() => expect(within(nav).getByText(en.nav.registers)).toBeInTheDocument());
  });
});
