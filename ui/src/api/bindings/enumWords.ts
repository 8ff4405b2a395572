// Generated from src-tauri/domain/enum_words.rs by `make bindings`.
// Do not edit: `make test` fails when this file is stale.

/** The names of the enums the core prints, as the register and the CLI say them. */
export const ENUM_WORDS = {
  "zh-CN": {
    kind: {
      trip: "出行",
      meal: "用餐",
      gift: "礼品",
      contact: "交往",
    },
    reviewStatus: {
      draft: "草稿",
      submitted: "待审核",
      approved: "已审核",
      returned: "已退回",
    },
  },
  "en": {
    kind: {
      trip: "trip",
      meal: "meal",
      gift: "gift",
      contact: "contact",
    },
    reviewStatus: {
      draft: "draft",
      submitted: "submitted",
      approved: "approved",
      returned: "returned",
    },
  },
} as const;
