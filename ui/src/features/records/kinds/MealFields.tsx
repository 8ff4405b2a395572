import { useEffect } from "react";
import { Checkbox, Col, Form, Radio, Row, Space } from "antd";
import type { MealMode } from "../../../api/bindings/MealMode";
import { useMessages } from "../../../i18n";
import { useDirectoryMap } from "../../directory/api";
import { CounterpartPicker, OfficialPicker } from "../../directory/pickers";
import { AmountItem, CountItem, DateItem, TextItem, useRequired } from "../../common/FormBits";
import { TEXT_LIMITS } from "../../../api/bindings/limits";

const MODES: MealMode[] = ["officialWorkingMeal", "canteenMeal", "enterpriseArranged"];

/** A meal in one of the three modes 二(一)6 allows; the core decides what each requires. */
export function MealFields() {
  const m = useMessages();
  const required = useRequired();
  useCanteenRateAsStandard();
  return (
    <>
      <Form.Item name="mode" label={m.meal.mode}>
        <Radio.Group data-testid="field-mode">
          <Space orientation="vertical">
            {MODES.map((mode) => (
              <Radio key={mode} value={mode} data-testid={`field-mode-${mode}`}>
                {m.mealMode[mode]}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <DateItem name="date" label={m.meal.date} />
        </Col>
        <Col span={12}>
          <Form.Item name="counterpartId" label={m.meal.counterpart}>
            <CounterpartPicker data-testid="field-counterpartId" />
          </Form.Item>
        </Col>
      </Row>
      <TextItem name="place" label={m.meal.place} required max={TEXT_LIMITS.meal.place} autoFocus />
      <Form.Item name="officialIds" label={m.meal.officials} rules={required}>
        <OfficialPicker multiple data-testid="field-officialIds" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <CountItem name="enterpriseDiners" label={m.meal.enterpriseDiners} />
        </Col>
        <Col span={8}>
          <AmountItem name="perPersonStandard" label={m.meal.perPersonStandard} required={false} />
        </Col>
        <Col span={8}>
          <AmountItem name="amountPaid" label={m.meal.amountPaid} />
        </Col>
      </Row>
      <Form.Item noStyle shouldUpdate={(a, b) => a.mode !== b.mode}>
        {({ getFieldValue }) =>
          getFieldValue("mode") !== "canteenMeal" && (
            <AmountItem name="totalCost" label={m.meal.totalCost} required={false} extra={m.meal.totalCostHint} />
          )
        }
      </Form.Item>
      <TextItem name="receiptNo" label={m.meal.receiptNo} max={TEXT_LIMITS.meal.receiptNo} />
      <Form.Item label={m.meal.served}>
        <Space wrap>
          <Form.Item name="cigarettes" valuePropName="checked" noStyle>
            <Checkbox data-testid="field-cigarettes">{m.meal.cigarettes}</Checkbox>
          </Form.Item>
          <Form.Item name="premiumLiquor" valuePropName="checked" noStyle>
            <Checkbox data-testid="field-premiumLiquor">{m.meal.premiumLiquor}</Checkbox>
          </Form.Item>
          <Form.Item name="otherAlcohol" valuePropName="checked" noStyle>
            <Checkbox data-testid="field-otherAlcohol">{m.meal.otherAlcohol}</Checkbox>
          </Form.Item>
        </Space>
      </Form.Item>
    </>
  );
}

/**
 * A canteen meal's per-head standard is the enterprise's canteen rate as the directory
 * has it: filled in when the enterprise is chosen and the field is empty (a figure
 * someone typed is left alone).
 */
function useCanteenRateAsStandard() {
  const form = Form.useFormInstance();
  const mode = Form.useWatch("mode", form) as MealMode | undefined;
  const counterpartId = Form.useWatch("counterpartId", form) as string | null | undefined;
  const counterparts = useDirectoryMap("counterpart");
  const rate = counterpartId ? (counterparts.get(counterpartId)?.canteenRate ?? null) : null;
  useEffect(() => {
    if (mode !== "canteenMeal" || rate === null) return;
    const standard = form.getFieldValue("perPersonStandard") as number | null | undefined;
    if (standard === null || standard === undefined) form.setFieldValue("perPersonStandard", rate);
  }, [form, mode, rate]);
}
