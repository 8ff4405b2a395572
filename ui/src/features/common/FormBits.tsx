import type { ReactNode } from "react";
import { Form, Input, InputNumber, Select } from "antd";
import type { Rule } from "antd/es/form";
import type { NamePath } from "antd/es/form/interface";
import { useMessages } from "../../i18n";
import { AmountInput } from "./AmountInput";
import { DateField } from "./DateField";

/**
 * Small building blocks the kinds' forms share: each field carries a data-testid
 * named after its form path (`field-amountPaid`, `field-expenses-2-amount`), which is
 * also where a core error about it appears.
 */
export function testIdOf(name: NamePath): string {
  return `field-${(Array.isArray(name) ? name : [name]).join("-")}`;
}

export function useRequired(): Rule[] {
  const m = useMessages();
  return [{ required: true, message: m.form.required }];
}

interface FieldProps {
  name: NamePath;
  label?: ReactNode;
  required?: boolean;
  extra?: ReactNode;
  /** Form.List lines put the list's own name in front when testids are made. */
  fullName?: NamePath;
}

export function DateItem({ name, label, required = true, fullName }: FieldProps) {
  const rules = useRequired();
  return (
    <Form.Item name={name} label={label} rules={required ? rules : []}>
      <DateField data-testid={testIdOf(fullName ?? name)} style={{ width: "100%" }} />
    </Form.Item>
  );
}

export function AmountItem({ name, label, required = true, extra, fullName }: FieldProps) {
  const rules = useRequired();
  const m = useMessages();
  return (
    <Form.Item name={name} label={label} rules={required ? rules : []} extra={extra ?? m.form.amountHint}>
      <AmountInput data-testid={testIdOf(fullName ?? name)} />
    </Form.Item>
  );
}

/**
 * A text field with its length counted as it is typed (`max`, the length the core
 * takes) and, when the core requires it, the required marker; whether it is filled
 * is the core's to say, with every other problem of the form at once.
 */
export function TextItem({
  name,
  label,
  multiline,
  fullName,
  required = false,
  max,
  autoFocus,
}: FieldProps & { multiline?: boolean; max: number; autoFocus?: boolean }) {
  const counted = { maxLength: max, showCount: true, autoFocus };
  return (
    <Form.Item name={name} label={label} required={required}>
      {multiline ? (
        <Input.TextArea data-testid={testIdOf(fullName ?? name)} autoSize={{ minRows: 2, maxRows: 6 }} {...counted} />
      ) : (
        <Input data-testid={testIdOf(fullName ?? name)} {...counted} />
      )}
    </Form.Item>
  );
}

export function CountItem({ name, label, required = true, fullName }: FieldProps) {
  const rules = useRequired();
  return (
    <Form.Item name={name} label={label} rules={required ? rules : []}>
      <InputNumber data-testid={testIdOf(fullName ?? name)} precision={0} style={{ width: "100%" }} />
    </Form.Item>
  );
}

export function ChoiceItem<T extends string>({
  name,
  label,
  choices,
  labels,
  fullName,
}: FieldProps & { choices: readonly T[]; labels: Record<T, string> }) {
  return (
    <Form.Item name={name} label={label}>
      <Select
        data-testid={testIdOf(fullName ?? name)}
        options={choices.map((value) => ({ value, label: labels[value] }))}
      />
    </Form.Item>
  );
}
