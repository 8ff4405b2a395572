// Generated from src-tauri/domain/limits.rs by `make bindings`.
// Do not edit: `make test` fails when this file is stale.

/** How many characters each text field takes (the core refuses more). */
export const TEXT_LIMITS = {
  trip: {
    purpose: 200,
    destination: 100,
    receiptNo: 60,
  },
  meal: {
    place: 100,
    receiptNo: 60,
  },
  gift: {
    giverName: 60,
    relation: 20,
    item: 100,
    evidence: 200,
    to: 60,
    voucherNo: 60,
    receiptNo: 60,
    recipient: 60,
    occasion: 100,
    funding: 60,
  },
  contact: {
    purpose: 300,
    outcome: 1000,
  },
  bureau: {
    name: 60,
  },
  department: {
    name: 60,
  },
  official: {
    name: 40,
    staffNo: 32,
    position: 60,
  },
  counterpart: {
    name: 100,
    address: 200,
    contact: 100,
  },
  city: {
    province: 20,
    name: 30,
  },
  holiday: {
    name: 30,
  },
  standard: {
    source: 200,
  },
  record: {
    reason: 500,
  },
  review: {
    comment: 500,
  },
  attestation: {
    onBehalfReason: 200,
  },
  profile: {
    reason: 200,
  },
} as const;
