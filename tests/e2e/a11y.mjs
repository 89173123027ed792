// The accessibility audit (axe-core from npm), called by app.mjs: the main views (the editor
// and the results, the explanations of a device and of a pod, a lesson with a hint and its solution shown,
// the lessons list, the CEL console, the timeline with a change explained, the dialogs) in both themes have no serious or critical
// violation.

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

/** The serious and critical violations axe finds in the page as it is. */
export async function audit(page) {
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 3),
    }));
  });
  return found.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export async function accessibilityChecks({ browser, base, newPage, check, waitRun, openExample, problems, timeout }) {
  // axe is injected as a script of the test, not of the site: this context ignores the CSP.
  const { context, page } = await newPage(browser, problems, undefined, { bypassCSP: true });
  const axe = await readFile(AXE, "utf8");
  const views = [];
  const look = async (name, prepare) => {
    await prepare();
    if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axe);
    views.push({ name, violations: await audit(page) });
  };
  await page.goto(base);
  await waitRun(page);
  await look("editor and results", async () => {});
  await look("explanation of a device", async () => {
    await page.locator("[data-device]").first().click();
    await page.waitForSelector('[data-testid="explanation"][data-state="ready"]', { timeout });
  });
  await look("explanation of a pod", async () => {
    await page.locator("[data-pod] .pod-head").first().click();
    await page.waitForSelector('[data-testid="explanation"][data-state="ready"] [data-pod-explained]', { timeout });
  });
  await look("lesson with a hint and its solution", async () => {
    await page.goto("about:blank");
    await page.goto(base + "#lesson=first-claim");
    await page.waitForSelector('[data-testid="lesson-hint"]', { timeout });
    await page.click('[data-testid="lesson-hint"]');
    await page.click('[data-testid="lesson-show-solution"]');
  });
  await look("lessons list and CEL console", async () => {
    await page.click('[data-testid="lesson-list"]');
    await page.click('[data-testid="open-console"]');
    await page.waitForSelector('[data-testid="console-result"][data-state="value"]', { timeout });
  });
  await look("CEL console with an error", async () => {
    await page.fill('[data-testid="console-expression"]', "device.driver ==");
    await page.waitForSelector('[data-testid="console-result"][data-state="error"]', { timeout });
  });
  await look("timeline at a later moment with a change explained", async () => {
    await openExample(page, "gpu-failure-eviction");
    await page.click('[data-testid="timeline-next"]');
    await page.click('[data-testid="timeline"] li[data-event-kind="Evicted"] button');
    await page.waitForSelector('[data-testid="explanation"][data-state="ready"] [data-event-explained]', { timeout });
  });
  for (const dialog of ["open-examples", "open-hardware", "open-import", "open-settings"]) {
    await look(`dialog ${dialog}`, async () => {
      await page.click(`[data-testid="${dialog}"]`);
      await page.waitForSelector('[role="dialog"]', { timeout });
    });
    await page.keyboard.press("Escape");
    await page.waitForSelector('[role="dialog"]', { state: "detached", timeout });
  }
  await look("dark theme", async () => {
    await page.click('[data-testid="theme"]');
    await page.waitForTimeout(400); // the colours' transitions are over
  });
  for (const v of views) {
    check(`accessibility (axe): ${v.name} has no serious or critical violation`, v.violations.length === 0,
      v.violations.map((x) => `${x.impact} ${x.id} at ${x.nodes.join(", ")}`).join("; "));
  }
  await context.close();
}
