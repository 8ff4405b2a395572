import { Button, Card, Col, Empty, Form, Row, Space } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import type { ExpenseCategory } from "../../../api/bindings/ExpenseCategory";
import type { Payer } from "../../../api/bindings/Payer";
import { fmt, useMessages } from "../../../i18n";
import { today } from "../../common/DateField";
import { CityPicker, CounterpartPicker, OfficialPicker } from "../../directory/pickers";
import { AmountItem, ChoiceItem, CountItem, DateItem, TextItem, testIdOf, useRequired } from "../../common/FormBits";
import { emptyExpense, type ExpenseValues } from "../formValues";
import { TEXT_LIMITS } from "../../../api/bindings/limits";

const CATEGORIES: ExpenseCategory[] = ["intercityTransport", "lodging", "meals", "localTransport", "other"];
const PAYERS: Payer[] = ["unit", "official", "enterprise"];

/** One expense line: one cost of one official, removed in place. */
function ExpenseLine({ index, onRemove }: { index: number; onRemove: () => void }) {
  const m = useMessages();
  const required = useRequired();
  const full = (field: string) => ["expenses", index, field];
  const category = Form.useWatch(["expenses", index, "category"]) as ExpenseCategory | undefined;
  return (
    <Card
      size="small"
      data-testid={`expense-${index}`}
      title={fmt(m.detail.expenseLine, { n: index + 1 })}
      extra={
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          onClick={onRemove}
          data-testid={`expense-${index}-remove`}
          aria-label={m.trip.removeExpense}
        >
          {m.trip.removeExpense}
        </Button>
      }
      style={{ marginBottom: 8 }}
    >
      <Row gutter={8}>
        <Col span={8}>
          <Form.Item name={[index, "officialId"]} label={m.trip.official} rules={required}>
            <OfficialPicker data-testid={testIdOf(full("officialId"))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <ChoiceItem
            name={[index, "category"]}
            fullName={full("category")}
            label={m.trip.category}
            choices={CATEGORIES}
            labels={m.expenseCategory}
          />
        </Col>
        <Col span={8}>
          <DateItem name={[index, "date"]} fullName={full("date")} label={m.trip.date} />
        </Col>
        {category === "lodging" && (
          <Col span={4}>
            <CountItem name={[index, "nights"]} fullName={full("nights")} label={m.trip.nights} />
          </Col>
        )}
        <Col span={category === "lodging" ? 6 : 8}>
          <AmountItem name={[index, "amount"]} fullName={full("amount")} label={m.trip.amount} extra={null} />
        </Col>
        <Col span={category === "lodging" ? 6 : 8}>
          <ChoiceItem name={[index, "payer"]} fullName={full("payer")} label={m.trip.payer} choices={PAYERS} labels={m.payer} />
        </Col>
        <Col span={category === "lodging" ? 8 : 8}>
          <TextItem name={[index, "receiptNo"]} fullName={full("receiptNo")} label={m.trip.receiptNo} max={TEXT_LIMITS.trip.receiptNo} />
        </Col>
      </Row>
    </Card>
  );
}

/** A trip: itinerary, who went, which enterprises, and each official's costs line by line. */
export function TripFields() {
  const m = useMessages();
  const form = Form.useFormInstance();
  const required = useRequired();
  const newLine = (): ExpenseValues => {
    const participants = (form.getFieldValue("participantIds") as string[] | undefined) ?? [];
    const start = form.getFieldValue("startDate") as string | null;
    return emptyExpense({ date: start ?? today(), officialId: participants[0] ?? null });
  };
  return (
    <>
      <TextItem name="purpose" label={m.trip.purpose} required max={TEXT_LIMITS.trip.purpose} autoFocus />
      <Row gutter={12}>
        <Col span={12}>
          <TextItem name="destination" label={m.trip.destination} required max={TEXT_LIMITS.trip.destination} />
        </Col>
        <Col span={12}>
          <Form.Item name="destinationCityId" label={m.trip.destinationCity}>
            <CityPicker data-testid="field-destinationCityId" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <DateItem name="startDate" label={m.trip.startDate} />
        </Col>
        <Col span={12}>
          <DateItem name="endDate" label={m.trip.endDate} />
        </Col>
      </Row>
      <Form.Item name="participantIds" label={m.trip.participants} rules={required}>
        <OfficialPicker multiple data-testid="field-participantIds" />
      </Form.Item>
      <Form.Item name="counterpartIds" label={m.trip.counterparts}>
        <CounterpartPicker multiple data-testid="field-counterpartIds" />
      </Form.Item>
      <Form.Item label={m.trip.expenses} required={false}>
        <Form.List name="expenses">
          {(lines, { add, remove }) => (
            <div data-testid="expense-lines">
              {lines.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.trip.noExpenses} />}
              {lines.map((line) => (
                <ExpenseLine key={line.key} index={line.name} onRemove={() => remove(line.name)} />
              ))}
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add(newLine())} data-testid="expense-add">
                  {m.trip.addExpense}
                </Button>
              </Space>
            </div>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}
