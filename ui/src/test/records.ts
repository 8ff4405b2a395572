import type { StoredRecord } from "../api/bindings/StoredRecord";

/** A canteen meal of the seeded directory's department, naming `officialIds`. */
export function mealRecord(id: string, date: string, place: string, officialIds: string[] = ["off-wang"]): StoredRecord {
  return {
    id,
    version: 1,
    departmentId: "dep-a",
    date,
    amount: 1500,
    cancelled: false,
    note: "",
    enteredBy: "王明",
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
        amountPaid: 1500,
        receiptNo: "R-1",
        cigarettes: false,
        premiumLiquor: false,
        otherAlcohol: false,
      },
    },
  };
}
