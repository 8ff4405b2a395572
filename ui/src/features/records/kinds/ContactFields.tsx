import { Col, Form, Radio, Row } from "antd";
import type { Activity } from "../../../api/bindings/Activity";
import type { Initiator } from "../../../api/bindings/Initiator";
import { useMessages } from "../../../i18n";
import { CounterpartPicker, OfficialPicker } from "../../directory/pickers";
import { ChoiceItem, DateItem, TextItem, useRequired } from "../../common/FormBits";
import { TEXT_LIMITS } from "../../../api/bindings/limits";

const ACTIVITIES: Activity[] = ["visit", "forum", "teaTalk", "promotion", "signing", "inspection", "other"];
const INITIATORS: Initiator[] = ["counterpart", "us"];

/** A visit, forum, promotion, signing or inspection: the "亲" side of the register. */
export function ContactFields() {
  const m = useMessages();
  const required = useRequired();
  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <DateItem name="date" label={m.contact.date} />
        </Col>
        <Col span={12}>
          <ChoiceItem name="activity" label={m.contact.activity} choices={ACTIVITIES} labels={m.activity} />
        </Col>
      </Row>
      <Form.Item name="counterpartIds" label={m.contact.counterparts} rules={required}>
        <CounterpartPicker multiple data-testid="field-counterpartIds" />
      </Form.Item>
      <Form.Item name="officialIds" label={m.contact.officials} rules={required}>
        <OfficialPicker multiple data-testid="field-officialIds" />
      </Form.Item>
      <Form.Item name="initiatedBy" label={m.contact.initiatedBy}>
        <Radio.Group
          data-testid="field-initiatedBy"
          options={INITIATORS.map((value) => ({ value, label: m.initiator[value] }))}
        />
      </Form.Item>
      <TextItem name="purpose" label={m.contact.purpose} multiline required max={TEXT_LIMITS.contact.purpose} autoFocus />
      <TextItem name="outcome" label={m.contact.outcome} multiline max={TEXT_LIMITS.contact.outcome} />
    </>
  );
}
