import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakePlatform } from "../../test/fakePlatform";
import { renderApp } from "../../test/renderApp";
import { zhCN } from "../../i18n/zh-CN";
import licences from "./third-party-licences.json";

describe("about screen", () => {
  it("shows the versions the core reports and the licences we ship", async () => {
    const { platform } = fakePlatform();
    renderApp(platform, "#/about");
    expect(await screen.findByTestId("about-app-version")).toHaveTextContent("0.1.0");
    expect(screen.getByTestId("about-schema-version")).toHaveTextContent("1");
    expect(await screen.findByText("2.12.5")).toBeInTheDocument();
    expect(screen.getByText(zhCN.about.licences)).toBeInTheDocument();
    expect(licences.length).toBeGreaterThan(20);
    expect(screen.getAllByText(licences[0]!.name).length).toBeGreaterThan(0);
  });
});
