import { DatePicker, type DatePickerProps } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { bureauToday } from "./time";

type Props = Omit<DatePickerProps, "value" | "onChange" | "multiple" | "defaultValue"> & {
  /** An ISO date, "2025-03-01", as the core sends and receives it. */
  value?: string | null;
  onChange?: (date: string | null) => void;
};

export const ISO_DATE = "YYYY-MM-DD";

/**
 * How a date may be typed: shown as 2026-03-01, taken also as 2026/3/1, 2026.3.1 or
 * 20260301, so that a date typed the way people write it sticks when the field is left.
 */
export const TYPED_DATES = [ISO_DATE, "YYYY/M/D", "YYYY-M-D", "YYYY.M.D", "YYYYMMDD"];

/** Today at the bureau (China Standard Time), whatever the PC's zone. */
export function today(): string {
  return bureauToday();
}

/** A date picker whose value is the ISO string the core uses, so form values stay JSON. */
export function DateField({ value, onChange, ...rest }: Props) {
  return (
    <DatePicker
      {...rest}
      format={TYPED_DATES}
      value={value ? dayjs(value, ISO_DATE) : null}
      onChange={(date: Dayjs | null) => onChange?.(date ? date.format(ISO_DATE) : null)}
    />
  );
}
