import { useState } from "react";
import { Input, type InputProps } from "antd";
import type { Fen } from "../../api/bindings/Fen";
import { AMOUNT_MASK, fenToYuanText, yuanTextToFen } from "./money";

type Props = Omit<InputProps, "value" | "onChange"> & {
  /** The amount in fen (what the core stores), or null when empty. */
  value?: Fen | null;
  onChange?: (fen: Fen | null) => void;
};

/**
 * Yuan with at most two decimals in, integer fen out. Keystrokes that would make
 * the text something else (a third decimal, a letter) are ignored; the core still
 * validates the amount it receives.
 */
export function AmountInput({ value = null, onChange, onBlur, ...rest }: Props) {
  const [text, setText] = useState(() => (value === null ? "" : fenToYuanText(value)));
  // The form may set the value from outside (reset, a restored draft, an edit):
  // show it, unless the text already says the same amount ("12.5" is 1250).
  if (value !== yuanTextToFen(text)) setText(value === null ? "" : fenToYuanText(value));

  return (
    <Input
      {...rest}
      prefix="¥"
      inputMode="decimal"
      autoComplete="off"
      value={text}
      onChange={(event) => {
        const next = event.target.value.replace(/[,，\s]/g, "").replace("。", ".");
        if (!AMOUNT_MASK.test(next)) return;
        setText(next);
        onChange?.(yuanTextToFen(next));
      }}
      onBlur={(event) => {
        const fen = yuanTextToFen(text);
        if (fen !== null) setText(fenToYuanText(fen));
        onBlur?.(event);
      }}
    />
  );
}
