import type { RecordBody } from "../../api/bindings/RecordBody";
import type { Messages } from "../../i18n/messages";
import { formKindOf } from "./formValues";

/** The officials a record names, in the order it names them. */
export function officialIdsOf(body: RecordBody): string[] {
  if ("trip" in body) return body.trip.participantIds;
  if ("meal" in body) return body.meal.officialIds;
  if ("contact" in body) return body.contact.officialIds;
  return "received" in body.gift ? [body.gift.received.officialId] : [body.gift.given.officialId];
}

/** The enterprises and associations a record names. */
export function counterpartIdsOf(body: RecordBody): string[] {
  if ("trip" in body) return body.trip.counterpartIds;
  if ("contact" in body) return body.contact.counterpartIds;
  const id = "meal" in body ? body.meal.counterpartId : "received" in body.gift ? body.gift.received.counterpartId : body.gift.given.counterpartId;
  return id ? [id] : [];
}

function dispositionType(body: RecordBody): keyof Messages["disposition"] | null {
  if (!("gift" in body) || !("received" in body.gift)) return null;
  const d = body.gift.received.disposition;
  return d === "pending" ? "pending" : (Object.keys(d)[0] as keyof Messages["disposition"]);
}

/** One line saying what a record is about, for lists. */
export function summaryOf(body: RecordBody, m: Messages): string {
  const parts: string[] = [];
  if ("trip" in body) parts.push(body.trip.purpose, body.trip.destination);
  else if ("meal" in body) parts.push(m.mealMode[body.meal.mode], body.meal.place);
  else if ("contact" in body) parts.push(m.activity[body.contact.activity], body.contact.purpose);
  else if ("received" in body.gift) {
    const type = dispositionType(body);
    parts.push(m.kind.giftReceived, body.gift.received.item, type ? m.disposition[type] : "");
  } else parts.push(m.kind.giftGiven, body.gift.given.item, body.gift.given.recipient);
  return parts.filter((p) => p.trim() !== "").join(" · ");
}

export function kindLabelOf(body: RecordBody, m: Messages): string {
  return m.kind[formKindOf(body)];
}
