// Headless Chromium for the e2e tests and the first-load benchmark: Debian's chromium through
// playwright-core, with the flags that keep it quiet and self-contained on a build machine.
import { chromium } from "playwright-core";

/** The browser binary (environment variable CHROMIUM, default Debian's /usr/bin/chromium). */
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Starts headless Chromium. */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
    ],
  });
}
