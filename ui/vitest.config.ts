import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    // A fixed zone, so dates render the same on every machine.
    env: { TZ: "Asia/Shanghai" },
    testTimeout: 20000,
  },
});
