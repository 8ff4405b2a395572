// Generated from src-tauri/register/verify/words.rs by `make bindings`.
// Do not edit: `make test` fails when this file is stale.

/** What verifying a register found, in words, as `qinqing verify` prints them. */
export const VERIFICATION_WORDS = {
  "zh-CN": {
    verdict: {
      intact: "完好：签名有效，所列记录与数据库一致",
      unsigned: "未签署：这不是已签署的登记簿（可能是草稿，或签名已被删除）",
      tampered: "无效：签名不成立，或文档在签署后被改动",
      changedAfter: "无效：签署后文档被添加或改动了会签以外的内容（批注、表单域、页面等）",
      noManifest: "签名有效，但文档中没有完整可读的登记清单",
      unknownSigner: "签名成立，但签署人的证书不是本局根证书签发的、不在本库名录中，或签署时该密钥已撤销",
      wrongSigner: "无效：签署人无权在此处签名（签署须由该处室负责人，会签须由分管领导）",
      notIssuedHere: "签名成立，但本库没有签发这份登记簿，所收交换包中也没有签发它的记载：清单或签署版本与存档不一致",
      historyRewritten: "无效：审计日志已被改写，签署时的日志链头已不在本库中",
      recordsChanged: "签名有效，但以下记录在签署后有变化",
    },
    authority: {
      extraSignature: "登记簿只有签署与会签两个签名，此签名多余",
      wrongField: "签名域名称或用途与其位置不符",
      nameMismatch: "签名中写的姓名不是证书持有人",
      wrongRole: "签署时持有人不具备此位置所需的职务",
      wrongDepartment: "持有人是其他处室的负责人",
    },
    problem: {
      altered: "签名所覆盖的内容已被改动",
      malformed: "签名结构损坏",
      unsupported: "签名算法不受支持",
      changedAfter: "签署后文档被改动（不仅是追加签名）",
      notWholeDocument: "签名未覆盖整个文档（其后追加了内容）",
    },
    unchecked: {
      registry: "未核验：是否确由本局签发（需本局数据库）",
      revocation: "未核验：签署时密钥是否已撤销（按签署人自述时间判断证书有效期）",
      history: "未核验：审计日志是否被改写",
      records: "未核验：所列记录是否仍与签署时一致",
      departmentLeader: "未核验：会签人是否为该处室指定的分管领导",
    },
    change: {
      changed: "签署后已修改",
      cancelled: "签署后已作废",
      added: "签署后补登，尚未列入已签署的登记簿",
      late: "签署后补登",
      missing: "本数据库中没有",
    },
  },
  "en": {
    verdict: {
      intact: "Intact: signatures valid, the records as in the database",
      unsigned: "Not signed: this is not a signed register (a draft, or its signatures were removed)",
      tampered: "INVALID: a signature does not hold, or the document was changed after signing",
      changedAfter: "INVALID: after signing, something other than the countersignature was added or changed (an annotation, a form field, a page…)",
      noManifest: "Signatures valid, but the document carries no well-formed manifest",
      unknownSigner: "The signatures hold, but a signer's certificate was not issued by the bureau's root, is not in this directory, or its key was revoked when it signed",
      wrongSigner: "INVALID: a signer had no authority for their place (the department's head signs, a leader in charge countersigns)",
      notIssuedHere: "The signatures hold, but neither this database nor any whose bundles it received issued this register: its manifest or signed revision is not on record",
      historyRewritten: "INVALID: the audit log was rewritten; the chain head the register was signed over is gone",
      recordsChanged: "Signatures valid, but these records changed after signing",
    },
    authority: {
      extraSignature: "a register has two signatures (sign, countersign); this one is extra",
      wrongField: "the field's name or reason does not match its place",
      nameMismatch: "the name written in the signature is not the certificate's holder",
      wrongRole: "the holder did not have the role this place needs when it was signed",
      wrongDepartment: "the holder headed another department",
    },
    problem: {
      altered: "the signed bytes were changed",
      malformed: "the signature structure is damaged",
      unsupported: "unsupported signature algorithms",
      changedAfter: "the document was changed after this signature (beyond adding signatures)",
      notWholeDocument: "the signature does not cover the whole document (bytes were appended)",
    },
    unchecked: {
      registry: "not checked: that the bureau issued this register (needs its database)",
      revocation: "not checked: whether a key was revoked when it signed (certificates judged at the time the signer claims)",
      history: "not checked: whether the audit history was rewritten",
      records: "not checked: whether the records still stand as signed",
      departmentLeader: "not checked: whether the countersigning leader is the one the department names",
    },
    change: {
      changed: "changed since signing",
      cancelled: "cancelled since signing",
      added: "registered after signing, not yet in a signed register",
      late: "registered late",
      missing: "not in this database",
    },
  },
} as const;
