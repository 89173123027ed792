// The largest cluster the page admits (issue 14): 5,000 nodes of dra-example-driver GPUs and
// 500 pods, about 7 MB of YAML (the page's limit is 8 MiB, `Limits::PAGE`), made once by
// `dra-playground generate` and pasted into the editor. Its run goes on in the worker while
// typing lands at once (the same thresholds as the pathological run of app.mjs); the map, the
// pods and the claims draw a page at a time (a bounded number of elements), a node far down is
// reached by the filter and by the keyboard; one pod's explanation arrives (its time is
// reported, not asserted: the shared machine is slow) with its nodes tried and its cycle's
// rows a page at a time; axe finds no serious or critical violation with the list controls
// shown, nor in the explanation. Called by app.mjs with its helpers; also runs alone
// against any built site, printing the figures for docs/benchmarks.md:
//
//   node tests/e2e/large-cluster.mjs DIST_DIR

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { audit } from "./a11y.mjs";
import { mainThread, watchMainThread } from "./main-thread.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const NODES = 5000;
const PODS = 500;
/** The map's cards drawn at once (NODES_PER_PAGE of src/components/results/cluster_map). */
const CARDS_PER_PAGE = 24;
/** A run of the whole cluster in the worker, and its explanation, take this long at most. */
const RUN_TIMEOUT_MS = 300000;

/** The scenario, from the command line built by cargo (debug or release), or cargo run. */
function generate() {
  const args = ["generate", "--preset", "example-gpu", "--nodes", String(NODES), "--pods", String(PODS)];
  const built = ["debug", "release"].map((p) => path.join(ROOT, "target", p, "dra-playground")).find(existsSync);
  const [command, all] = built ? [built, args] : ["cargo", ["run", "-q", "-p", "dra-playground-cli", "--", ...args]];
  const out = spawnSync(command, all, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`${command} ${all.join(" ")} failed: ${out.stderr}`);
  return out.stdout;
}

export async function checkLargeCluster(base, { browser, newPage, check, problems, timeout }) {
  const text = generate();
  const mib = (text.length / 1024 / 1024).toFixed(1);
  const { context, page } = await newPage(browser, problems, undefined, { bypassCSP: true });
  const figures = { bytes: text.length };
  try {
    await page.goto(base);
    await page.waitForSelector(".cm-editor .cm-content", { timeout });
    await page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.dataset.runMs !== undefined, null, { timeout });
    const before = await page.evaluate(() => Number(document.querySelector('[data-testid="run-status"]').dataset.serial));
    // Paste the whole cluster, then type while its run goes on.
    await page.click(".cm-content");
    await page.keyboard.press("Control+A");
    const pasteAt = Date.now();
    await page.keyboard.insertText(text);
    figures.pasteMs = Date.now() - pasteAt;
    await watchMainThread(page);
    await page.keyboard.press("Control+End");
    const typed = "# typed during the big run";
    const typeAt = Date.now();
    for (const ch of typed) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(25);
    }
    const typeMs = Date.now() - typeAt;
    await page.waitForTimeout(600);
    const typing = await mainThread(page);
    const doc = await page.evaluate(() => window.DraEditor.active.getDoc());
    check(`large cluster: typing while its run goes on is never blocked (${mib} MiB, ${NODES} nodes, ${PODS} pods)`,
      doc.endsWith(typed) && typing.gap < 250 && typeMs < typed.length * 25 + 3000,
      `${typed.length} keys in ${typeMs} ms, longest stall ${typing.gap.toFixed(0)} ms, longest task ${typing.longest.toFixed(0)} ms (paste ${figures.pasteMs} ms)`);
    Object.assign(figures, { typeMs, typingGapMs: typing.gap, typingLongestTaskMs: typing.longest });

    // The result of the typed text.
    await watchMainThread(page);
    await page.waitForFunction(
      (b) => {
        const s = document.querySelector('[data-testid="run-status"]');
        return s && Number(s.dataset.serial) > b && s.dataset.runMs !== undefined && !s.dataset.busy;
      },
      before,
      { timeout: RUN_TIMEOUT_MS, polling: 250 },
    );
    const result = await page.evaluate(() => {
      const s = document.querySelector('[data-testid="run-status"]');
      return { text: s.innerText.trim(), state: s.dataset.state, runMs: Number(s.dataset.runMs), engineMs: Number(s.dataset.engineMs) };
    });
    const arrival = await mainThread(page);
    const resultMs = Date.now() - typeAt - typeMs;
    check("large cluster: the run completes in the worker and every pod is scheduled",
      result.state === "completed" && result.text === `${PODS} of ${PODS} pods scheduled`,
      `${result.text} ${resultMs} ms after the last key (engine ${result.engineMs.toFixed(0)} ms, to the page ${result.runMs.toFixed(0)} ms); longest task while the result arrived ${arrival.longest.toFixed(0)} ms`);
    Object.assign(figures, { resultMs, engineMs: result.engineMs, runMs: result.runMs, arrivalLongestTaskMs: arrival.longest });

    // The map and the lists draw a page at a time.
    const dom = await page.evaluate(() => ({
      all: document.querySelectorAll("*").length,
      map: document.querySelectorAll(".cluster-map *").length,
      cards: document.querySelectorAll("[data-node-card]").length,
      pods: document.querySelectorAll("[data-pod]").length,
      window: document.querySelector('[data-testid="nodes-window"]')?.innerText,
    }));
    check("large cluster: the map draws one page of nodes, a bounded number of elements",
      dom.cards === CARDS_PER_PAGE && dom.map < 100 * CARDS_PER_PAGE && dom.all < 5000 && /^nodes 1–24 of 5,000/.test(dom.window ?? ""),
      JSON.stringify(dom));
    Object.assign(figures, { domElements: dom.all, mapElements: dom.map });
    // A node far down: its name typed into the filter, then the next page by the keyboard.
    const far = `example-node-${NODES - 1}`;
    await page.focus('[data-testid="nodes-filter"]');
    await page.keyboard.type(far);
    await page.waitForSelector(`[data-node-card="${far}"]`, { timeout });
    const filtered = await page.evaluate(() => document.querySelectorAll("[data-node-card]").length);
    check("large cluster: a node far down is found by the filter",
      filtered === 1 && (await page.innerText('[data-testid="nodes-window"]')).startsWith("nodes 1–1 of 1"),
      `${filtered} card(s) for "${far}"`);
    await page.fill('[data-testid="nodes-filter"]', "");
    await page.focus('[data-testid="nodes-next"]');
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector('[data-testid="nodes-window"]')?.dataset.first === "24", null, { timeout });
    check("large cluster: the next page of nodes by keyboard",
      (await page.locator('[data-node-card="example-node-25"]').count()) === 1 && (await page.locator("[data-node-card]").count()) === CARDS_PER_PAGE,
      await page.innerText('[data-testid="nodes-window"]'));

    // axe with the list controls shown.
    await page.addScriptTag({ content: await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8") });
    const violations = await audit(page);
    check("large cluster: axe finds no serious or critical violation with the lists a page at a time",
      violations.length === 0, JSON.stringify(violations));

    // One pod's explanation.
    await watchMainThread(page);
    await page.fill('[data-testid="pods-filter"]', "pod-0450");
    const explainAt = Date.now();
    await page.click('[data-pod="default/pod-0450"] .pod-head');
    await page.waitForSelector('[data-testid="explanation"][data-state="ready"]', { timeout: RUN_TIMEOUT_MS });
    const explainMs = Date.now() - explainAt;
    const explained = await page.locator('[data-testid="explanation"]');
    const engine = Number(await explained.getAttribute("data-explain-ms"));
    const panel = await explained.innerText();
    const explaining = await mainThread(page);
    check("large cluster: one pod's explanation arrives",
      /pod-0450/.test(panel) && /example-node-/.test(panel),
      `${explainMs} ms after the click (${engine.toFixed(0)} ms in the worker); longest task meanwhile ${explaining.longest.toFixed(0)} ms`);
    Object.assign(figures, { explainMs, explainEngineMs: engine });
    // The pod was filtered on hundreds of nodes: its nodes and its cycle's rows a page at a time.
    const lists = await page.evaluate(() => ({
      nodesTried: document.querySelectorAll('[data-testid="explanation"] .why-nodes > li').length,
      cycleRows: document.querySelectorAll('[data-testid="explanation"] [data-testid="cycle-table"] tbody tr').length,
      triedWindow: document.querySelector('[data-testid="nodes-tried-window"]')?.dataset.total,
      cycleWindow: document.querySelector('[data-testid="nodes-in-the-cycle-window"]')?.dataset.total,
    }));
    check("large cluster: the explanation lists its nodes tried and its cycle's rows a page at a time",
      lists.nodesTried > 0 && lists.nodesTried <= 50 && lists.cycleRows > 0 && lists.cycleRows <= 50
        && Number(lists.triedWindow) > 50 && Number(lists.cycleWindow) > 50,
      JSON.stringify(lists));
    const explanationViolations = await audit(page);
    check("large cluster: axe finds no serious or critical violation in the explanation", explanationViolations.length === 0,
      JSON.stringify(explanationViolations));

  } finally {
    await context.close();
  }
  console.log(`large cluster: ${JSON.stringify(figures)}`);
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { launchChromium } = await import("../../scripts/lib/chromium.mjs");
  const { serveStatic } = await import("../../scripts/lib/static-server.mjs");
  const dist = path.resolve(process.argv[2] ?? "dist");
  const server = await serveStatic(dist);
  const browser = await launchChromium();
  const problems = [];
  try {
    const newPage = async (b, p, viewport = { width: 1440, height: 900 }, options = {}) => {
      const context = await b.newContext({ viewport, ...options });
      return { context, page: await context.newPage() };
    };
    const check = (name, ok, detail) => console.log(`${ok ? "ok  " : "FAIL"}  ${name}: ${detail}`);
    await checkLargeCluster(`http://127.0.0.1:${server.address().port}/`, { browser, newPage, check, problems, timeout: 60000 });
  } finally {
    await browser.close();
    server.close();
  }
}
