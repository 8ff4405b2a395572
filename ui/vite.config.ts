import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The app is served from the embedded assets by Tauri's custom protocol; no CDN, no
// remote fonts: everything it loads is in dist/.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  build: {
    outDir: "dist",
    target: "safari15",
    // Inline assets would become data: URLs; keep them as files the CSP allows by 'self'.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4096,
  },
  server: { port: 1420, strictPort: true },
});
