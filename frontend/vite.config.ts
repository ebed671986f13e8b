import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const govukAssets = fileURLToPath(
  new URL("./node_modules/govuk-frontend/dist/govuk/assets/", import.meta.url),
);

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@govuk-assets": govukAssets } },
  css: {
    // GOV.UK Frontend keeps an old-IE media-query hack (`min-width: 0\0`) the minifier cannot
    // parse; recovering drops just that rule, which no supported browser needs.
    lightningcss: { errorRecovery: true },
    preprocessorOptions: {
      scss: {
        // govuk-frontend still uses some Sass features newer Sass deprecates; its problem, not ours.
        quietDeps: true,
        silenceDeprecations: ["import", "global-builtin", "if-function"],
      },
    },
  },
  build: {
    // The API's CSP forbids inline scripts and styles: never inline anything.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: "es2022",
  },
  server: { proxy: { "/api": "http://127.0.0.1:8000" } },
  test: { include: ["src/**/*.test.ts", "src/**/*.test.tsx"], environment: "node" },
});
