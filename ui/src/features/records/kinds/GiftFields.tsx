import { Card, Col, Form, Radio, Row } from "antd";
import type { GiftCategory } from "../../../api/bindings/GiftCategory";
import { useMessages } from "../../../i18n";
import { CounterpartPicker, OfficialPicker } from "../../directory/pickers";
import { AmountItem, ChoiceItem, CountItem, DateItem, TextItem, useRequired } from "../../common/FormBits";
import { DISPOSITION_TYPES, type DispositionType } from "../formValues";
import { TEXT_LIMITS } from "../../../api/bindings/limits";

const CATEGORIES: GiftCategory[] = [
  "goods",
  "localSpecialty",
  "cash",
  "redEnvelope",
  "electronicRedEnvelope",
  "prepaidCard",
  "securities",
  "loan",
  "carUse",
  "paidPostForRelative",
  "sponsorshipDemand",
  "otherBenefit",
];

/** The disposition's own fields, by what happened to the gift. */
function DispositionFields() {
  const m = useMessages();
  const type = Form.useWatch(["disposition", "type"]) as DispositionType | undefined;
  return (
    <Card size="small" title={m.gift.disposition} data-testid="disposition" style={{ marginBottom: 16 }}>
      <ChoiceItem name={["disposition", "type"]} label={m.gift.disposition} choices={DISPOSITION_TYPES} labels={m.disposition} />
      {type && type !== "pending" && (
        <Row gutter={12}>
          <Col span={12}>
            <DateItem name={["disposition", "date"]} label={m.gift.dispositionDate} />
          </Col>
          {type === "returned" && (
            <Col span={12}>
              <TextItem name={["disposition", "evidence"]} label={m.gift.evidence} max={TEXT_LIMITS.gift.evidence} />
            </Col>
          )}
          {type === "surrendered" && (
            <>
              <Col span={12}>
                <TextItem name={["disposition", "to"]} label={m.gift.to} required max={TEXT_LIMITS.gift.to} />
              </Col>
              <Col span={12}>
                <TextItem name={["disposition", "voucherNo"]} label={m.gift.voucherNo} required max={TEXT_LIMITS.gift.voucherNo} />
              </Col>
            </>
          )}
          {type === "paid" && (
            <>
              <Col span={12}>
                <AmountItem name={["disposition", "amount"]} label={m.gift.paidAmount} />
              </Col>
              <Col span={12}>
                <TextItem name={["disposition", "receiptNo"]} label={m.gift.receiptNo} required max={TEXT_LIMITS.gift.receiptNo} />
              </Col>
            </>
          )}
        </Row>
      )}
    </Card>
  );
}

/** A gift received from an enterprise, and what became of it. */
export function ReceivedGiftFields() {
  const m = useMessages();
  const required = useRequired();
  const beneficiary = Form.useWatch(["beneficiary", "type"]) as string | undefined;
  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <DateItem name="date" label={m.gift.date} />
        </Col>
        <Col span={12}>
          <Form.Item name="officialId" label={m.gift.official} rules={required}>
            <OfficialPicker data-testid="field-officialId" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="counterpartId" label={m.gift.counterpart}>
            <CounterpartPicker data-testid="field-counterpartId" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <TextItem name="giverName" label={m.gift.giverName} required max={TEXT_LIMITS.gift.giverName} autoFocus />
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name={["beneficiary", "type"]} label={m.gift.beneficiary}>
            <Radio.Group
              data-testid="field-beneficiary-type"
              options={[
                { value: "official", label: m.gift.beneficiaryOfficial },
                { value: "relative", label: m.gift.beneficiaryRelative },
              ]}
            />
          </Form.Item>
        </Col>
        {beneficiary === "relative" && (
          <Col span={12}>
            <TextItem name={["beneficiary", "relation"]} label={m.gift.relation} required max={TEXT_LIMITS.gift.relation} />
          </Col>
        )}
      </Row>
      <TextItem name="item" label={m.gift.item} required max={TEXT_LIMITS.gift.item} />
      <Row gutter={12}>
        <Col span={10}>
          <ChoiceItem name="category" label={m.gift.category} choices={CATEGORIES} labels={m.giftCategory} />
        </Col>
        <Col span={6}>
          <CountItem name="quantity" label={m.gift.quantity} />
        </Col>
        <Col span={8}>
          <AmountItem name="estimatedValue" label={m.gift.estimatedValue} />
        </Col>
      </Row>
      <DispositionFields />
    </>
  );
}

/** A ceremonial gift given by the unit at its own cost. */
export function GivenGiftFields() {
  const m = useMessages();
  const required = useRequired();
  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <DateItem name="date" label={m.gift.date} />
        </Col>
        <Col span={12}>
          <Form.Item name="officialId" label={m.gift.givenBy} rules={required}>
            <OfficialPicker data-testid="field-officialId" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <TextItem name="recipient" label={m.gift.recipient} required max={TEXT_LIMITS.gift.recipient} autoFocus />
        </Col>
        <Col span={12}>
          <Form.Item name="counterpartId" label={m.gift.counterpart}>
            <CounterpartPicker data-testid="field-counterpartId" />
          </Form.Item>
        </Col>
      </Row>
      <TextItem name="occasion" label={m.gift.occasion} required max={TEXT_LIMITS.gift.occasion} />
      <TextItem name="item" label={m.gift.item} required max={TEXT_LIMITS.gift.item} />
      <Row gutter={12}>
        <Col span={6}>
          <CountItem name="quantity" label={m.gift.quantity} />
        </Col>
        <Col span={8}>
          <AmountItem name="value" label={m.gift.value} />
        </Col>
        <Col span={10}>
          <TextItem name="funding" label={m.gift.funding} required max={TEXT_LIMITS.gift.funding} />
        </Col>
      </Row>
    </>
  );
}
