// Generated from src-tauri/records/history_words.rs by `make bindings`.
// Do not edit: `make test` fails when this file is stale.

/** What each step of a record's history was, as the printed record sheet says it. */
export const HISTORY_WORDS = {
  "zh-CN": {
    actions: {
      create: "登记",
      update: "修改",
      cancel: "作废",
      restore: "恢复",
    },
    steps: {
      submit: "提交审核",
      withdraw: "撤回提交",
      approve: "审核通过",
      return: "退回",
      reopen: "重新打开",
      amend: "更正",
      lock: "签入登记簿",
      import: "随数据包导入",
    },
    beforeProfiles: "本机（建立用户之前）",
    osAccount: "本机账户 {account}（建立用户之前）",
  },
  "en": {
    actions: {
      create: "Registered",
      update: "Amended",
      cancel: "Cancelled",
      restore: "Restored",
    },
    steps: {
      submit: "Submitted for review",
      withdraw: "Withdrawn",
      approve: "Approved",
      return: "Returned",
      reopen: "Reopened",
      amend: "Amended",
      lock: "Locked in a register",
      import: "Imported with a bundle",
    },
    beforeProfiles: "this computer (before profiles existed)",
    osAccount: "computer account {account} (before profiles existed)",
  },
} as const;
