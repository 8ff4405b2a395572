import type { Activity } from "../../api/bindings/Activity";
import type { Disposition } from "../../api/bindings/Disposition";
import type { ExpenseCategory } from "../../api/bindings/ExpenseCategory";
import type { Fen } from "../../api/bindings/Fen";
import type { GiftCategory } from "../../api/bindings/GiftCategory";
import type { Initiator } from "../../api/bindings/Initiator";
import type { MealMode } from "../../api/bindings/MealMode";
import type { Payer } from "../../api/bindings/Payer";
import type { RecordBody } from "../../api/bindings/RecordBody";
import type { RecordKind } from "../../api/bindings/RecordKind";

/**
 * The forms' values: the body's own field names at the top level (so a core error's
 * path names the form field), dates as ISO strings and amounts in fen (so a draft is
 * plain JSON), tagged unions flattened into a `type` and the variants' fields.
 */
export type FormKind = "trip" | "meal" | "giftReceived" | "giftGiven" | "contact";

export const FORM_KINDS: FormKind[] = ["trip", "meal", "giftReceived", "giftGiven", "contact"];

export function recordKindOf(kind: FormKind): RecordKind {
  return kind === "giftReceived" || kind === "giftGiven" ? "gift" : kind;
}

type Date = string | null;

export interface ExpenseValues {
  officialId: string | null;
  category: ExpenseCategory;
  date: Date;
  nights: number | null;
  amount: Fen | null;
  payer: Payer;
  receiptNo: string;
}

export interface TripValues {
  purpose: string;
  destinationCityId: string | null;
  destination: string;
  startDate: Date;
  endDate: Date;
  participantIds: string[];
  counterpartIds: string[];
  expenses: ExpenseValues[];
}

export interface MealValues {
  date: Date;
  mode: MealMode;
  counterpartId: string | null;
  place: string;
  officialIds: string[];
  enterpriseDiners: number | null;
  perPersonStandard: Fen | null;
  totalCost?: Fen | null;
  amountPaid: Fen | null;
  receiptNo: string;
  cigarettes: boolean;
  premiumLiquor: boolean;
  otherAlcohol: boolean;
}

export type DispositionType = "pending" | "declined" | "returned" | "surrendered" | "paid" | "kept";

export const DISPOSITION_TYPES: DispositionType[] = ["pending", "declined", "returned", "surrendered", "paid", "kept"];

export interface DispositionValues {
  type: DispositionType;
  date: Date;
  evidence: string;
  to: string;
  voucherNo: string;
  amount: Fen | null;
  receiptNo: string;
}

export interface ReceivedGiftValues {
  date: Date;
  officialId: string | null;
  giverName: string;
  counterpartId: string | null;
  beneficiary: { type: "official" | "relative"; relation: string };
  item: string;
  category: GiftCategory;
  quantity: number | null;
  estimatedValue: Fen | null;
  disposition: DispositionValues;
}

export interface GivenGiftValues {
  date: Date;
  officialId: string | null;
  recipient: string;
  counterpartId: string | null;
  occasion: string;
  item: string;
  quantity: number | null;
  value: Fen | null;
  funding: string;
}

export interface ContactValues {
  date: Date;
  activity: Activity;
  counterpartIds: string[];
  officialIds: string[];
  initiatedBy: Initiator;
  purpose: string;
  outcome: string;
}

export interface KindValues {
  trip: TripValues;
  meal: MealValues;
  giftReceived: ReceivedGiftValues;
  giftGiven: GivenGiftValues;
  contact: ContactValues;
}

/** What every form holds: the department plus the kind's fields (and, when amending, the reason). */
export type FormValues<K extends FormKind = FormKind> = KindValues[K] & { departmentId: string | null; reason?: string };

export interface Defaults {
  date: string;
  departmentId: string | null;
  officialId: string | null;
  counterpartId: string | null;
}

export function emptyExpense(defaults: Pick<Defaults, "date" | "officialId">): ExpenseValues {
  return {
    officialId: defaults.officialId,
    category: "intercityTransport",
    date: defaults.date,
    nights: null,
    amount: null,
    payer: "unit",
    receiptNo: "",
  };
}

export function emptyDisposition(): DispositionValues {
  return { type: "pending", date: null, evidence: "", to: "", voucherNo: "", amount: null, receiptNo: "" };
}

/** A new form: today, my department, me, the enterprise I used last. */
export function initialValues(kind: FormKind, d: Defaults): FormValues {
  const me = d.officialId ? [d.officialId] : [];
  const cps = d.counterpartId ? [d.counterpartId] : [];
  const common = { departmentId: d.departmentId };
  switch (kind) {
    case "trip":
      return {
        ...common,
        purpose: "",
        destinationCityId: null,
        destination: "",
        startDate: d.date,
        endDate: d.date,
        participantIds: me,
        counterpartIds: cps,
        expenses: [],
      };
    case "meal":
      return {
        ...common,
        date: d.date,
        mode: "canteenMeal",
        counterpartId: d.counterpartId,
        place: "",
        officialIds: me,
        enterpriseDiners: 0,
        perPersonStandard: null,
        totalCost: null,
        amountPaid: null,
        receiptNo: "",
        cigarettes: false,
        premiumLiquor: false,
        otherAlcohol: false,
      };
    case "giftReceived":
      return {
        ...common,
        date: d.date,
        officialId: d.officialId,
        giverName: "",
        counterpartId: d.counterpartId,
        beneficiary: { type: "official", relation: "" },
        item: "",
        category: "goods",
        quantity: 1,
        estimatedValue: null,
        disposition: emptyDisposition(),
      };
    case "giftGiven":
      return {
        ...common,
        date: d.date,
        officialId: d.officialId,
        recipient: "",
        counterpartId: d.counterpartId,
        occasion: "",
        item: "",
        quantity: 1,
        value: null,
        funding: "",
      };
    case "contact":
      return {
        ...common,
        date: d.date,
        activity: "visit",
        counterpartIds: cps,
        officialIds: me,
        initiatedBy: "counterpart",
        purpose: "",
        outcome: "",
      };
  }
}

// The form's required rules keep nulls out of these; `?? ""` and `?? 0` only satisfy
// the types, and the core refuses what is still wrong.
const s = (value: string | null) => value ?? "";
const n = (value: number | null) => value ?? 0;

function dispositionOf(v: DispositionValues): Disposition {
  const date = s(v.date);
  switch (v.type) {
    case "pending":
      return "pending";
    case "declined":
      return { declined: { date } };
    case "returned":
      return { returned: { date, evidence: v.evidence } };
    case "surrendered":
      return { surrendered: { date, to: v.to, voucherNo: v.voucherNo } };
    case "paid":
      return { paid: { date, amount: n(v.amount), receiptNo: v.receiptNo } };
    case "kept":
      return { kept: { date } };
  }
}

/** The record body a form's values describe. */
export function toBody(kind: FormKind, values: FormValues): RecordBody {
  switch (kind) {
    case "trip": {
      const v = values as FormValues<"trip">;
      return {
        trip: {
          purpose: v.purpose,
          destinationCityId: v.destinationCityId ?? null,
          destination: v.destination,
          startDate: s(v.startDate),
          endDate: s(v.endDate),
          participantIds: v.participantIds ?? [],
          counterpartIds: v.counterpartIds ?? [],
          expenses: (v.expenses ?? []).map((e) => ({
            officialId: s(e.officialId),
            category: e.category,
            date: s(e.date),
            nights: e.category === "lodging" ? e.nights : null,
            amount: n(e.amount),
            payer: e.payer,
            receiptNo: e.receiptNo ?? "",
          })),
        },
      };
    }
    case "meal": {
      const v = values as FormValues<"meal">;
      return {
        meal: {
          date: s(v.date),
          mode: v.mode,
          counterpartId: v.counterpartId ?? null,
          place: v.place,
          officialIds: v.officialIds ?? [],
          enterpriseDiners: n(v.enterpriseDiners),
          perPersonStandard: v.perPersonStandard ?? null,
          // The field is shown only where a meal has a cost of its own (not a canteen's).
          totalCost: v.mode === "canteenMeal" ? null : (v.totalCost ?? null),
          amountPaid: n(v.amountPaid),
          receiptNo: v.receiptNo ?? "",
          cigarettes: !!v.cigarettes,
          premiumLiquor: !!v.premiumLiquor,
          otherAlcohol: !!v.otherAlcohol,
        },
      };
    }
    case "giftReceived": {
      const v = values as FormValues<"giftReceived">;
      return {
        gift: {
          received: {
            date: s(v.date),
            officialId: s(v.officialId),
            giverName: v.giverName,
            counterpartId: v.counterpartId ?? null,
            beneficiary: v.beneficiary.type === "official" ? "official" : { relative: { relation: v.beneficiary.relation } },
            item: v.item,
            category: v.category,
            quantity: n(v.quantity),
            estimatedValue: n(v.estimatedValue),
            disposition: dispositionOf({ ...emptyDisposition(), ...v.disposition }),
          },
        },
      };
    }
    case "giftGiven": {
      const v = values as FormValues<"giftGiven">;
      return {
        gift: {
          given: {
            date: s(v.date),
            officialId: s(v.officialId),
            recipient: v.recipient,
            counterpartId: v.counterpartId ?? null,
            occasion: v.occasion,
            item: v.item,
            quantity: n(v.quantity),
            value: n(v.value),
            funding: v.funding,
          },
        },
      };
    }
    case "contact": {
      const v = values as FormValues<"contact">;
      return {
        contact: {
          date: s(v.date),
          activity: v.activity,
          counterpartIds: v.counterpartIds ?? [],
          officialIds: v.officialIds ?? [],
          initiatedBy: v.initiatedBy,
          purpose: v.purpose,
          outcome: v.outcome,
        },
      };
    }
  }
}

function dispositionValues(d: Disposition): DispositionValues {
  const base = emptyDisposition();
  if (d === "pending") return base;
  if ("declined" in d) return { ...base, type: "declined", date: d.declined.date };
  if ("returned" in d) return { ...base, type: "returned", ...d.returned };
  if ("surrendered" in d) return { ...base, type: "surrendered", ...d.surrendered };
  if ("paid" in d) return { ...base, type: "paid", ...d.paid };
  return { ...base, type: "kept", date: d.kept.date };
}

/** The form kind and values of a stored body (to amend it). */
export function fromBody(body: RecordBody, departmentId: string): { kind: FormKind; values: FormValues } {
  if ("trip" in body) return { kind: "trip", values: { departmentId, ...body.trip } };
  if ("meal" in body) return { kind: "meal", values: { departmentId, ...body.meal } };
  if ("contact" in body) return { kind: "contact", values: { departmentId, ...body.contact } };
  if ("given" in body.gift) return { kind: "giftGiven", values: { departmentId, ...body.gift.given } };
  const g = body.gift.received;
  return {
    kind: "giftReceived",
    values: {
      departmentId,
      ...g,
      beneficiary:
        g.beneficiary === "official"
          ? { type: "official", relation: "" }
          : { type: "relative", relation: g.beneficiary.relative.relation },
      disposition: dispositionValues(g.disposition),
    },
  };
}

/** The form kind of a stored body. */
export function formKindOf(body: RecordBody): FormKind {
  if ("gift" in body) return "given" in body.gift ? "giftGiven" : "giftReceived";
  return Object.keys(body)[0] as FormKind;
}
