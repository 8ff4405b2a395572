// Generated from src-tauri/error/words.rs by `make bindings`.
// Do not edit: `make test` fails when this file is stale.

import type { Action } from "./Action";
import type { ReviewStatus } from "./ReviewStatus";
import type { Transition } from "./Transition";

/** What the core says is wrong with a field (the problem beside it). */
export const CORE_PROBLEMS = {
  required: "此项必填",
  amountNegative: "金额不能为负数",
  unknownReference: "名录中没有这一项",
  profileExists: "此人已有用户，请在用户列表中修改",
  firstProfileAdministers: "第一个用户须为管理员，才能再添加其他用户",
  commentRequired: "退回时须写明需要修改之处",
  passphraseTooShort: "口令至少 8 个字符",
  creditCodeMalformed: "不是有效的统一社会信用代码（{detail}）",
  creditCodeCheckUnconfirmed: "校验位不符（按其余各位应为 {expected}）；如确认代码无误，请确认“信用代码已核对”（creditCodeConfirmed）后再保存",
  monthHasRecords: "该月已有 {count} 条登记，不能声明无登记事项",
  beforeLastWorkingDay: "本月最后一个工作日是 {day}，此前声明本月无登记事项须确认本月不会再有与企业的交往",
} as const;

/** What the core says when it refuses a request. */
export const CORE_ERRORS = {
  signInRequired: "请先登录：本数据库已设用户，操作须以本人身份进行",
  wrongPassphrase: "口令不正确，未作任何更改",
  wrongRecoveryKey: "恢复密钥不正确（请核对打印件上的 32 个字符）",
  locked: "该登记（{id}）已签入月度登记簿，修改须作为更正并填写理由",
  recordNotFound: "找不到登记记录（{id}），可能已被他人更改",
  recordChanged: "该登记记录（{id}）已被他人修改（您看到的是第 {had} 版，现为第 {now} 版），请刷新后再改",
  submittedNotEditable: "“待审核”状态的登记不能修改",
} as const;

/** What the core says of a review step a record's status does not allow. */
export const CORE_ILLEGAL: Readonly<Record<ReviewStatus, Readonly<Record<Transition, string>>>> = {
  draft: {
    submit: "“草稿”状态的登记不能提交",
    withdraw: "“草稿”状态的登记不能撤回",
    approve: "“草稿”状态的登记不能审核通过",
    return: "“草稿”状态的登记不能退回",
    edit: "“草稿”状态的登记不能修改",
    cancel: "“草稿”状态的登记不能作废",
    restore: "“草稿”状态的登记不能恢复",
  },
  submitted: {
    submit: "“待审核”状态的登记不能提交",
    withdraw: "“待审核”状态的登记不能撤回",
    approve: "“待审核”状态的登记不能审核通过",
    return: "“待审核”状态的登记不能退回",
    edit: "“待审核”状态的登记不能修改",
    cancel: "“待审核”状态的登记不能作废",
    restore: "“待审核”状态的登记不能恢复",
  },
  approved: {
    submit: "“已审核”状态的登记不能提交",
    withdraw: "“已审核”状态的登记不能撤回",
    approve: "“已审核”状态的登记不能审核通过",
    return: "“已审核”状态的登记不能退回",
    edit: "“已审核”状态的登记不能修改",
    cancel: "“已审核”状态的登记不能作废",
    restore: "“已审核”状态的登记不能恢复",
  },
  returned: {
    submit: "“已退回”状态的登记不能提交",
    withdraw: "“已退回”状态的登记不能撤回",
    approve: "“已退回”状态的登记不能审核通过",
    return: "“已退回”状态的登记不能退回",
    edit: "“已退回”状态的登记不能修改",
    cancel: "“已退回”状态的登记不能作废",
    restore: "“已退回”状态的登记不能恢复",
  },
};

/** What the core says when a role may not do something. */
export const CORE_FORBIDDEN: Readonly<Record<Action, string>> = {
  readRecords: "你的角色无权查看登记，未作任何更改",
  enterRecord: "你的角色无权填写或修改登记，未作任何更改",
  submitRecord: "你的角色无权提交登记，未作任何更改",
  withdrawRecord: "你的角色无权撤回提交，未作任何更改",
  approveRecord: "你的角色无权审核通过，未作任何更改",
  returnRecord: "你的角色无权退回登记，未作任何更改",
  attestMonth: "你的角色无权声明本月无登记事项，未作任何更改",
  addCounterpart: "你的角色无权新增交往对象，未作任何更改",
  manageDirectory: "你的角色无权维护名录，未作任何更改",
  manageStandards: "你的角色无权维护合规标准，未作任何更改",
  manageProfiles: "你的角色无权管理用户与密钥，未作任何更改",
  signRegister: "你的角色无权签署登记簿，未作任何更改",
  countersignRegister: "你的角色无权会签登记簿，未作任何更改",
  verifyRegister: "你的角色无权核验登记簿，未作任何更改",
  exportBundle: "你的角色无权导出交换包，未作任何更改",
  importBundle: "你的角色无权导入交换包，未作任何更改",
  backupDatabase: "你的角色无权备份数据库，未作任何更改",
  registerLate: "你的角色无权在登记簿已签署的月份补登，未作任何更改",
};
