import { Descriptions, Table, Tag } from "antd";
import type { DescriptionsProps } from "antd";
import type { Expense } from "../../api/bindings/Expense";
import type { RecordBody } from "../../api/bindings/RecordBody";
import { useMessages } from "../../i18n";
import type { Messages } from "../../i18n/messages";
import { formatFen } from "../common/money";
import { useDirectoryMap } from "../directory/api";

type Items = NonNullable<DescriptionsProps["items"]>;

function dispositionItems(body: RecordBody, m: Messages): Items {
  if (!("gift" in body) || !("received" in body.gift)) return [];
  const d = body.gift.received.disposition;
  if (d === "pending") return [{ key: "disposition", label: m.gift.disposition, children: m.disposition.pending }];
  const [type, fields] = Object.entries(d)[0] as [keyof Messages["disposition"], Record<string, string | number>];
  const items: Items = [
    { key: "disposition", label: m.gift.disposition, children: m.disposition[type] },
    { key: "dispositionDate", label: m.gift.dispositionDate, children: String(fields.date ?? "") },
  ];
  if ("evidence" in fields) items.push({ key: "evidence", label: m.gift.evidence, children: String(fields.evidence) });
  if ("to" in fields) items.push({ key: "to", label: m.gift.to, children: String(fields.to) });
  if ("voucherNo" in fields) items.push({ key: "voucherNo", label: m.gift.voucherNo, children: String(fields.voucherNo) });
  if ("amount" in fields) items.push({ key: "paid", label: m.gift.paidAmount, children: formatFen(Number(fields.amount)) });
  if ("receiptNo" in fields) items.push({ key: "receiptNo", label: m.gift.receiptNo, children: String(fields.receiptNo) });
  return items;
}

/** Every field of a record's body, readable: names for ids, labels for choices, yuan for fen. */
export function BodyView({ body }: { body: RecordBody }) {
  const m = useMessages();
  const officials = useDirectoryMap("official");
  const counterparts = useDirectoryMap("counterpart");
  const cities = useDirectoryMap("city");
  const official = (id: string) => officials.get(id)?.name ?? m.common.unknown;
  const counterpart = (id: string | null) => (id ? (counterparts.get(id)?.name ?? m.common.unknown) : m.form.none);
  const list = (ids: string[], name: (id: string) => string) => ids.map(name).join("、") || m.form.none;
  const yesNo = (value: boolean) => (value ? <Tag color="red">{m.form.yes}</Tag> : m.form.no);

  let items: Items = [];
  let expenses: Expense[] | null = null;
  if ("trip" in body) {
    const t = body.trip;
    const city = t.destinationCityId ? cities.get(t.destinationCityId) : undefined;
    items = [
      { key: "purpose", label: m.trip.purpose, children: t.purpose, span: 2 },
      { key: "destination", label: m.trip.destination, children: t.destination },
      { key: "city", label: m.trip.destinationCity, children: city ? `${city.name}（${city.province}）` : m.form.none },
      { key: "start", label: m.trip.startDate, children: t.startDate },
      { key: "end", label: m.trip.endDate, children: t.endDate },
      { key: "participants", label: m.trip.participants, children: list(t.participantIds, official), span: 2 },
      { key: "counterparts", label: m.trip.counterparts, children: list(t.counterpartIds, counterpart), span: 2 },
    ];
    expenses = t.expenses;
  } else if ("meal" in body) {
    const x = body.meal;
    items = [
      { key: "mode", label: m.meal.mode, children: m.mealMode[x.mode], span: 2 },
      { key: "date", label: m.meal.date, children: x.date },
      { key: "counterpart", label: m.meal.counterpart, children: counterpart(x.counterpartId) },
      { key: "place", label: m.meal.place, children: x.place },
      { key: "officials", label: m.meal.officials, children: list(x.officialIds, official) },
      { key: "diners", label: m.meal.enterpriseDiners, children: x.enterpriseDiners },
      {
        key: "standard",
        label: m.meal.perPersonStandard,
        children: x.perPersonStandard === null ? m.form.none : formatFen(x.perPersonStandard),
      },
      ...(x.mode === "canteenMeal"
        ? []
        : [
            {
              key: "cost",
              label: m.meal.totalCost,
              children: x.totalCost === undefined || x.totalCost === null ? m.meal.costUnknown : formatFen(x.totalCost),
            },
          ]),
      { key: "paid", label: m.meal.amountPaid, children: formatFen(x.amountPaid) },
      { key: "receipt", label: m.meal.receiptNo, children: x.receiptNo },
      { key: "cigarettes", label: m.meal.cigarettes, children: yesNo(x.cigarettes) },
      { key: "premiumLiquor", label: m.meal.premiumLiquor, children: yesNo(x.premiumLiquor) },
      { key: "otherAlcohol", label: m.meal.otherAlcohol, children: yesNo(x.otherAlcohol) },
    ];
  } else if ("contact" in body) {
    const c = body.contact;
    items = [
      { key: "date", label: m.contact.date, children: c.date },
      { key: "activity", label: m.contact.activity, children: m.activity[c.activity] },
      { key: "counterparts", label: m.contact.counterparts, children: list(c.counterpartIds, counterpart), span: 2 },
      { key: "officials", label: m.contact.officials, children: list(c.officialIds, official), span: 2 },
      { key: "initiatedBy", label: m.contact.initiatedBy, children: m.initiator[c.initiatedBy] },
      { key: "purpose", label: m.contact.purpose, children: c.purpose, span: 2 },
      { key: "outcome", label: m.contact.outcome, children: c.outcome, span: 2 },
    ];
  } else if ("received" in body.gift) {
    const g = body.gift.received;
    items = [
      { key: "date", label: m.gift.date, children: g.date },
      { key: "official", label: m.gift.official, children: official(g.officialId) },
      { key: "counterpart", label: m.gift.counterpart, children: counterpart(g.counterpartId) },
      { key: "giver", label: m.gift.giverName, children: g.giverName },
      {
        key: "beneficiary",
        label: m.gift.beneficiary,
        children:
          g.beneficiary === "official"
            ? m.gift.beneficiaryOfficial
            : `${m.gift.beneficiaryRelative}（${g.beneficiary.relative.relation}）`,
      },
      { key: "item", label: m.gift.item, children: g.item },
      { key: "category", label: m.gift.category, children: m.giftCategory[g.category] },
      { key: "quantity", label: m.gift.quantity, children: g.quantity },
      { key: "value", label: m.gift.estimatedValue, children: formatFen(g.estimatedValue) },
      ...dispositionItems(body, m),
    ];
  } else {
    const g = body.gift.given;
    items = [
      { key: "date", label: m.gift.date, children: g.date },
      { key: "official", label: m.gift.givenBy, children: official(g.officialId) },
      { key: "recipient", label: m.gift.recipient, children: g.recipient },
      { key: "counterpart", label: m.gift.counterpart, children: counterpart(g.counterpartId) },
      { key: "occasion", label: m.gift.occasion, children: g.occasion },
      { key: "item", label: m.gift.item, children: g.item },
      { key: "quantity", label: m.gift.quantity, children: g.quantity },
      { key: "value", label: m.gift.value, children: formatFen(g.value) },
      { key: "funding", label: m.gift.funding, children: g.funding },
    ];
  }
  return (
    <>
      <Descriptions size="small" bordered column={2} items={items} data-testid="detail-body" />
      {expenses && (
        <Table<Expense & { key: number }>
          data-testid="detail-expenses"
          size="small"
          style={{ marginTop: 12 }}
          pagination={false}
          dataSource={expenses.map((e, key) => ({ ...e, key }))}
          locale={{ emptyText: m.trip.noExpenses }}
          columns={[
            { key: "official", title: m.trip.official, render: (_, e) => official(e.officialId) },
            { key: "category", title: m.trip.category, render: (_, e) => m.expenseCategory[e.category] },
            { key: "date", title: m.trip.date, dataIndex: "date" },
            { key: "nights", title: m.trip.nights, render: (_, e) => e.nights ?? "" },
            { key: "amount", title: m.trip.amount, align: "right", render: (_, e) => formatFen(e.amount) },
            { key: "payer", title: m.trip.payer, render: (_, e) => m.payer[e.payer] },
            { key: "receipt", title: m.trip.receiptNo, dataIndex: "receiptNo" },
          ]}
        />
      )}
    </>
  );
}
