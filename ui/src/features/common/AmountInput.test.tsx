import { useState } from "react";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AmountInput } from "./AmountInput";

function Harness({ initial = null as number | null }) {
  const [fen, setFen] = useState<number | null>(initial);
  return (
    <>
      <AmountInput data-testid="amount" value={fen} onChange={setFen} />
      <output data-testid="fen">{fen === null ? "null" : String(fen)}</output>
      <button onClick={() => setFen(99999)}>set</button>
    </>
  );
}

describe("amount input", () => {
  it("turns yuan with two decimals into fen", async () => {
    render(<Harness />);
    await userEvent.type(screen.getByTestId("amount"), "45.5");
    expect(screen.getByTestId("fen")).toHaveTextContent("4550");
    await userEvent.type(screen.getByTestId("amount"), "0");
    expect(screen.getByTestId("fen")).toHaveTextContent("4550");
    expect(screen.getByTestId("amount")).toHaveValue("45.50");
  });

  it("refuses a third decimal and letters as they are typed", async () => {
    render(<Harness />);
    const input = screen.getByTestId("amount");
    await userEvent.type(input, "12.345");
    expect(input).toHaveValue("12.34");
    expect(screen.getByTestId("fen")).toHaveTextContent("1234");
    await userEvent.type(input, "x");
    expect(input).toHaveValue("12.34");
  });

  it("lets a minus through for the core to judge, and shows fen set from outside", async () => {
    render(<Harness initial={1500} />);
    const input = screen.getByTestId("amount");
    expect(input).toHaveValue("15.00");
    await userEvent.clear(input);
    expect(screen.getByTestId("fen")).toHaveTextContent("null");
    await userEvent.type(input, "-3");
    expect(screen.getByTestId("fen")).toHaveTextContent("-300");
    await userEvent.click(screen.getByText("set"));
    expect(input).toHaveValue("999.99");
  });
});
