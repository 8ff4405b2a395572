import type { Rule } from "antd/es/form";

/**
 * A confirmation field must repeat another (a new passphrase typed twice): checking
 * the typing, not a rule of the core.
 */
export function sameAs(field: string, message: string): Rule {
  return ({ getFieldValue }) => ({
    validator: (_, value) =>
      (value ?? "") === (getFieldValue(field) ?? "") ? Promise.resolve() : Promise.reject(new Error(message)),
  });
}
