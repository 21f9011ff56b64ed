import { defineConfig } from "@playwright/test";

// Each spec file starts its own release build on a free port with a fresh
// database holding the demo data (tests/support.ts), so files never depend
// on one another's order.
export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    // A tablet at an intake desk, held upright, used by touch.
    viewport: { width: 768, height: 1024 },
    hasTouch: true,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
