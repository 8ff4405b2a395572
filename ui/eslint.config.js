import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import { qinqingPlugin } from "./scripts/featureLayers.mjs";

export default tseslint.config(
  { ignores: ["dist", "src/api/bindings"] },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { react, "react-hooks": reactHooks, qinqing: qinqingPlugin },
    settings: { react: { version: "detect" } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // No import cycles between features: each imports only what its layer allows.
      "qinqing/feature-layers": "error",
      // Every user-visible string comes from the i18n catalogues (zh-CN and en).
      "react/jsx-no-literals": ["error", { noStrings: true, ignoreProps: true, allowedStrings: ["·", "/", ":", "—"] }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.name='invoke']",
          message: "Call the core through src/api/client.ts, never invoke() directly.",
        },
      ],
      // A component calls the core through its feature's api.ts, never directly.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/api/client"],
              importNames: ["useCoreCall", "useCommand", "callCore"],
              message: "Call the core through the feature's api.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/features/*/api.ts", "src/api/**", "**/*.test.{ts,tsx}", "src/test/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["**/*.test.{ts,tsx}", "src/test/**"],
    rules: { "react/jsx-no-literals": "off" },
  },
  {
    files: ["scripts/**", "*.config.{js,ts}"],
    languageOptions: { globals: { ...globals.node } },
  },
);
