import type { StoredRecord } from "../api/bindings/StoredRecord";

/** A canteen meal of the seeded directory's department (by default 王明's, ¥15.00 with a receipt). */
export function mealRecord(
  id: string,
  date: string,
  place: string,
  { officialIds = ["off-wang"], amountPaid = 1500, receiptNo = "R-1" }: { officialIds?: string[]; amountPaid?: number; receiptNo?: string } = {},
): StoredRecord {
  return {
    id,
    version: 1,
    departmentId: "dep-a",
    date,
    amount: amountPaid,
    cancelled: false,
    note: "",
    enteredBy: "王明",
    enteredByName: "王明",
    enteredAt: `${date}T04:00:00Z`,
    body: {
      meal: {
        date,
        mode: "canteenMeal",
        counterpartId: "cp-north",
        place,
        officialIds,
        enterpriseDiners: 1,
        perPersonStandard: null,
        amountPaid,
        receiptNo,
        cigarettes: false,
        premiumLiquor: false,
        otherAlcohol: false,
      },
    },
  };
}
