// End-to-end tests of the built web app (dist/, from `trunk build --release`).
//
// Serves dist/ on 127.0.0.1, drives Debian's chromium through playwright-core, and checks what
// a person would: the first example runs; every gallery example shows its expected pods and
// devices (read from the `# expect:` lines of examples/*.yaml, the same lines cargo test checks);
// a typed edit changes the result; a typed error gets a lint marker at the right place and a
// problem that moves the cursor; share links round-trip and never overwrite saved work; a
// damaged or oversized link says so; embed mode fits 600×400; embed.js turns a host page's
// `<pre class="dra-playground">` into lazily loaded embeds (host-page.mjs); the Share dialog's
// Markdown and picture, a link that skips validation and the compare view (docs-tools.mjs); a reload restores the work;
// presets, settings, import and highlighting work; the engine runs in a Web Worker, so typing
// during a pathological run is never blocked and a new edit supersedes it (spinner after 200 ms),
// and the largest cluster the page admits runs without freezing it (large-cluster.mjs);
// markup in a shared scenario is only ever shown as text; a worker that dies becomes an error
// message, not a dead page; the explanation panel explains a clicked device (with the values
// that decided) and an unschedulable pod, the selector matrix and the search-trace stepper work
// with buttons and keys, a "broken on purpose" example gets a hint marker at the right line,
// and the scheduling examples show their cycle table (tests/e2e/scheduling-cycle.mjs), and the
// failing-GPU example steps along its timeline (tests/e2e/timeline.mjs).
// The lessons open from a link, hint, show their solution as a diff, are solved by typing, keep
// their progress after a reload, and every lesson's solution meets its goals (lessons.mjs); the
// CEL console shows values, costs and errors with their position, follows a device clicked in
// the map, and takes the selector at the editor's cursor (console.mjs); in a CEL expression the
// editor completes the scenario's attribute names and `device.` fields, and hovering over an
// attribute name shows its value per device (completion.mjs); axe-core finds no serious
// or critical violation in the main views and dialogs (a11y.mjs).
// The site is served as the deploy guide asks (scripts/lib/static-server.mjs: precompressed files,
// cache headers, the Content-Security-Policy header), and any CSP violation, in any page, fails
// the run. The embed loads without the editor bundle and opens the editor on demand; after one
// visit the service worker runs the playground with the server gone, and a new deployment
// replaces its cache. Screenshots go to tests/e2e/artifacts/.
// It measures the edit-to-result time of every gallery example (performance.now around the
// engine call and the render, as the page reports it in data-run-ms), what explaining a run
// costs in the worker (a device's explanation explains every pod), and the first-load
// transfer size, gzipped.
//
// Usage: node tests/e2e/app.mjs [DIST_DIR]      (exit 0 only when every check passed)
// Environment: CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_MS (default 30000).

import { readFile, mkdir, mkdtemp, readdir, rm, writeFile, cp } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { deflateRawSync, gzipSync, inflateRawSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../../scripts/lib/chromium.mjs";
import { serveStatic } from "../../scripts/lib/static-server.mjs";
import { checkSchedulingCycles } from "./scheduling-cycle.mjs";
import { checkTimeline } from "./timeline.mjs";
import { checkHostPage } from "./host-page.mjs";
import { checkEditLoop } from "./edit-loop.mjs";
import { checkLargeCluster } from "./large-cluster.mjs";
import { checkDocsTools } from "./docs-tools.mjs";
import { accessibilityChecks } from "./a11y.mjs";
import { completionChecks } from "./completion.mjs";
import { consoleChecks } from "./console.mjs";
import { lessonChecks } from "./lessons.mjs";
import { mainThread, watchMainThread } from "./main-thread.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = path.resolve(process.argv[2] ?? path.join(ROOT, "dist"));
const ARTIFACTS = path.join(ROOT, "tests/e2e/artifacts");
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 30000);

const results = [];
function check(name, ok, detail = "") {
  results.push({ name, ok: !!ok });
  console.log(`${ok ? "ok  " : "FAIL"}  ${name}${detail ? `: ${detail}` : ""}`);
  return !!ok;
}

/** The `# expect:` lines of an example. */
function expectations(text) {
  return text
    .split("\n")
    .filter((l) => l.startsWith("# expect: "))
    .map((l) => l.slice("# expect: ".length).trim().split(/\s+/));
}

function shareFragment(text) {
  return "#scenario=v1:" + deflateRawSync(Buffer.from(text, "utf8"), { level: 9 }).toString("base64url");
}

/** The scenario a share link carries, and the address before it. */
function sharedScenario(link) {
  const [address, data] = link.split("#scenario=v1:");
  return { address, text: data === undefined ? null : inflateRawSync(Buffer.from(data, "base64url")).toString("utf8") };
}

/** Reports every Content-Security-Policy violation of a document to `__cspViolation`. */
function reportCspViolations() {
  document.addEventListener("securitypolicyviolation", (e) => {
    const element = e.target instanceof Element ? ` on ${e.target.outerHTML.slice(0, 120)}` : "";
    window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}${element}`);
  });
}

/** A page in a fresh context whose errors, failed requests and CSP violations go to `problems`. */
async function newPage(browser, problems, viewport = { width: 1440, height: 900 }, options = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, ...options });
  await context.exposeFunction("__cspViolation", (what) => problems.push(`CSP violation: ${what}`));
  await context.addInitScript(reportCspViolations);
  const page = await context.newPage();
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  const onConsole = (where) => (msg) => {
    if (msg.type() === "error") problems.push(`console error${where}: ${msg.text()}`);
  };
  page.on("console", onConsole(""));
  page.on("worker", (worker) => worker.on("console", onConsole(` in worker ${worker.url()}`)));
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return { context, page };
}

/** Waits until the page's service worker is active (its cache filled); returns its cache names. */
async function serviceWorkerReady(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (reg.active.state !== "activated") {
      await new Promise((resolve) => reg.active.addEventListener("statechange", () => reg.active.state === "activated" && resolve()));
    }
    return (await caches.keys()).filter((k) => k.startsWith("dra-playground-"));
  });
}

/** Waits for a run newer than `after` (the data-serial of run-status) and its timing. */
async function waitRun(page, after = 0) {
  await page.waitForFunction(
    (after) => {
      const s = document.querySelector('[data-testid="run-status"]');
      return s && Number(s.dataset.serial ?? 0) > after && s.dataset.runMs !== undefined;
    },
    after,
    { timeout: TIMEOUT_MS },
  );
  return page.evaluate(() => {
    const s = document.querySelector('[data-testid="run-status"]');
    return {
      serial: Number(s.dataset.serial),
      state: s.dataset.state,
      text: s.innerText.trim(),
      runMs: Number(s.dataset.runMs),
      engineMs: Number(s.dataset.engineMs),
    };
  });
}

async function serial(page) {
  return page.evaluate(() => Number(document.querySelector('[data-testid="run-status"]')?.dataset.serial ?? 0));
}

async function editorText(page) {
  await waitEditor(page);
  return page.evaluate(() => window.DraEditor.active.getDoc());
}

/** Waits for CodeMirror, which the playground loads after the engine's wasm (a textarea until then). */
async function waitEditor(page) {
  await page.waitForSelector(".cm-editor .cm-content", { timeout: TIMEOUT_MS });
}

/**
 * A scenario the allocator needs a very long time for: one claim with `k` single-device requests
 * under one distinctAttribute, on devices with only k − 1 distinct values. No allocation exists,
 * and the search tries every assignment first (about 2^(k−1)·(k−1)! of them).
 */
function slowScenario(k = 10) {
  const devices = [];
  for (let d = 0; d < 2 * (k - 1); d++) devices.push(`  - name: dev-${d}\n    attributes:\n      group:\n        int: ${d % (k - 1)}\n`);
  const requests = [];
  for (let r = 0; r < k; r++) requests.push(`    - name: r${r}\n      exactly:\n        deviceClassName: dev\n`);
  return (
    "# Pathological on purpose: the search backtracks through millions of assignments.\n" +
    "apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata:\n  name: dev\nspec:\n  selectors:\n  - cel:\n      expression: device.driver == \"dra.example.com\"\n---\n" +
    "apiVersion: resource.k8s.io/v1\nkind: ResourceSlice\nmetadata:\n  name: node-1\nspec:\n  driver: dra.example.com\n  nodeName: node-1\n  pool:\n    name: node-1\n    resourceSliceCount: 1\n  devices:\n" +
    devices.join("") +
    "---\napiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata:\n  name: spread\nspec:\n  devices:\n    requests:\n" +
    requests.join("") +
    "    constraints:\n    - distinctAttribute: dra.example.com/group\n"
  );
}

/** Replaces the editor's whole text by typing (one input event, as a paste). */
async function replaceText(page, text) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(text);
}

/** Waits until the explanation panel shows what was asked for; returns its text and cost. */
async function waitExplanation(page) {
  await page.waitForSelector('[data-testid="explanation"][data-state="ready"]', { timeout: TIMEOUT_MS });
  const panel = page.locator('[data-testid="explanation"]');
  return { text: await panel.innerText(), ms: Number(await panel.getAttribute("data-explain-ms")) };
}

/** The state of a selector-matrix cell: the row whose selector contains `expression`, the
 * column of `device`. */
async function matrixCell(page, expression, device) {
  return page.evaluate(
    ([expression, device]) => {
      const table = document.querySelector('[data-testid="selector-matrix"]');
      const heads = [...table.querySelectorAll("thead th")];
      const column = heads.findIndex((th) => th.dataset.columnDevice === device);
      const row = [...table.querySelectorAll("tbody tr")].find((r) => r.querySelector("th").innerText.includes(expression));
      return row && column > 0 ? row.children[column].dataset.cell : null;
    },
    [expression, device],
  );
}

/** The stepper's position and current step. */
async function stepper(page) {
  return page.evaluate(() => {
    const s = document.querySelector('[data-testid="trace-stepper"]');
    const current = document.querySelector('[data-testid="trace-current"]');
    return { step: Number(s.dataset.step), steps: Number(s.dataset.steps), kind: current?.dataset.kind, text: current?.innerText ?? "" };
  });
}

async function openExample(page, name) {
  const before = await serial(page);
  await page.click('[data-testid="open-examples"]');
  await page.click(`[data-example="${name}"]`);
  return waitRun(page, before);
}

async function checkExample(page, name, text) {
  const failures = [];
  for (const e of expectations(text)) {
    if (e[0] === "pod") {
      const el = page.locator(`[data-pod="${e[1]}"]`);
      if ((await el.count()) !== 1) {
        failures.push(`no pod ${e[1]}`);
        continue;
      }
      if (e[2] === "on") {
        const node = await el.getAttribute("data-node");
        if (node !== e[3]) failures.push(`${e[1]} on ${node}, want ${e[3]}`);
      } else if ((await el.getAttribute("data-unschedulable")) === null) {
        failures.push(`${e[1]} not unschedulable`);
      }
    } else if (e[0] === "claim") {
      if (e[2] === "unallocated") {
        const n = await page.locator(`[data-claim="${e[1]}"]`).count();
        if (n !== 0) failures.push(`${e[1]} bound to ${n} devices`);
        continue;
      }
      for (const d of e.slice(2)) {
        const el = page.locator(`[data-device="${d}"]`);
        if ((await el.count()) !== 1) {
          failures.push(`device ${d} drawn ${await el.count()} times`);
          continue;
        }
        const claim = await el.getAttribute("data-claim");
        const request = await el.getAttribute("data-request");
        const title = await el.evaluate((g) => g.querySelector("title")?.textContent ?? "");
        if (claim !== e[1] && !title.includes(`→ ${e[1]} `)) failures.push(`${d} bound to ${claim}, want ${e[1]}`);
        if (!request) failures.push(`${d} has no data-request`);
      }
    }
  }
  return failures;
}

async function main() {
  if (!existsSync(path.join(DIST, "index.html"))) {
    throw new Error(`${DIST}/index.html is missing: run trunk build --release first`);
  }
  await mkdir(ARTIFACTS, { recursive: true });
  const server = await serveStatic(DIST);
  const base = `http://127.0.0.1:${server.address().port}/`;
  console.log(`serving ${DIST} at ${base}`);
  const browser = await launchChromium();
  const problems = [];
  const timings = [];
  try {
    // 1. First visit: the first example, run, drawn; first-load size.
    const { context, page } = await newPage(browser, problems);
    const loaded = [];
    const requests = new Map();
    page.on("response", (res) => loaded.push(new URL(res.url()).pathname));
    page.on("requestfinished", (req) => requests.set(path.basename(new URL(req.url()).pathname), req.timing()));
    const t0 = Date.now();
    const response = await page.goto(base, { waitUntil: "load", timeout: TIMEOUT_MS });
    let run = await waitRun(page);
    check("first visit: the first example ran", run.state === "completed", `${run.text} (${Date.now() - t0} ms after navigation)`);
    const cspMeta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    check("the Content-Security-Policy is in a meta tag and the header, without unsafe-inline or unsafe-eval",
      cspMeta && cspMeta === response.headers()["content-security-policy"] && cspMeta.includes("'wasm-unsafe-eval'") && !/'unsafe-(inline|eval)'/.test(cspMeta), cspMeta);
    // Every download starts at once: the engine's wasm does not wait for the page's to arrive.
    const timing = (pattern) => [...requests].find(([name]) => pattern.test(name))?.[1];
    const pageWasm = timing(/^dra-playground-web-[0-9a-f]+_bg\.wasm$/);
    const engineWasm = timing(/^engine-worker-[0-9a-f]+_bg\.wasm$/);
    check("the engine's wasm is requested before the page's wasm has arrived",
      pageWasm && engineWasm && engineWasm.startTime < pageWasm.startTime + pageWasm.responseEnd,
      engineWasm && pageWasm ? `engine wasm at +${(engineWasm.startTime - pageWasm.startTime).toFixed(0)} ms, page wasm done at +${pageWasm.responseEnd.toFixed(0)} ms` : "missing");
    check("run-status counts the scheduled pods", run.text === "1 of 1 pods scheduled", run.text);
    check("the run time is shown", /ran at \d\d:\d\d:\d\d in \d+ ms/.test(await page.innerText('[data-testid="run-time"]')));
    await waitEditor(page);
    check("CodeMirror is up with line numbers", (await page.locator(".cm-editor .cm-lineNumbers").count()) === 1);
    let total = 0;
    const sizes = [];
    for (const p of [...new Set(loaded)]) {
      const file = path.join(DIST, p.endsWith("/") ? p + "index.html" : p);
      if (!existsSync(file)) continue;
      const gz = gzipSync(await readFile(file), { level: 9 }).length;
      total += gz;
      sizes.push(`${path.basename(file)} ${(gz / 1024).toFixed(1)} KiB`);
    }
    console.log(`first-load transfer, gzipped: ${(total / 1024).toFixed(1)} KiB (${sizes.join(", ")})`);
    if (total >= 500 * 1000) console.log(`WARNING: the first load (${total} bytes gzipped) is over the 500 KB budget of issue 6`);
    await page.screenshot({ path: path.join(ARTIFACTS, "main-view.png") });

    // 2. Every gallery example.
    const files = (await readdir(path.join(ROOT, "examples"))).filter((f) => f.endsWith(".yaml")).sort();
    for (const f of files) {
      const name = f.replace(/\.yaml$/, "");
      const text = await readFile(path.join(ROOT, "examples", f), "utf8");
      run = await openExample(page, name);
      const failures = await checkExample(page, name, text);
      const lesson = await page.locator('[data-testid="lesson"]').innerText().catch(() => "");
      check(`example ${name}: pods and devices as expected`, failures.length === 0 && lesson.length > 0, failures.join("; ") || run.text);
      // What explaining this run costs: a device's explanation explains every pod.
      await page.locator("[data-device]").first().click();
      const explained = await waitExplanation(page);
      timings.push({ example: name, editToResultMs: run.runMs, engineMs: run.engineMs, explainMs: explained.ms, status: run.text });
    }
    console.log("edit-to-result per gallery example (engine + render, ms), and explaining the run in the worker:");
    for (const t of timings) {
      console.log(`    ${t.example.padEnd(32)} ${t.editToResultMs.toFixed(1).padStart(7)}  (engine ${t.engineMs.toFixed(1)}, explain ${t.explainMs.toFixed(1)})`);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, "gallery-last-example.png") });
    await openExample(page, "partitionable-gpu");
    await page.screenshot({ path: path.join(ARTIFACTS, "partitionable-gpu.png") });
    await page.click('[data-testid="open-examples"]');
    await page.screenshot({ path: path.join(ARTIFACTS, "examples-dialog.png") });
    await page.keyboard.press("Escape");

    // 2a. The editor loop, from the keypress to the result (tests/e2e/edit-loop.mjs).
    await checkEditLoop(page, { check, openExample, timeout: TIMEOUT_MS });

    // 2b. The scheduling cycle table of the scheduling examples (tests/e2e/scheduling-cycle.mjs).
    await checkSchedulingCycles(page, {
      check, openExample, waitExplanation, root: ROOT, artifacts: ARTIFACTS, timeout: TIMEOUT_MS,
      newNarrowPage: async () => {
        const n = await newPage(browser, problems, { width: 800, height: 900 });
        await n.page.goto(base);
        await waitRun(n.page);
        return n;
      },
    });

    // 2c. The timeline of a scenario with steps (tests/e2e/timeline.mjs).
    await checkTimeline(page, {
      check, openExample, artifacts: ARTIFACTS, timeout: TIMEOUT_MS, editorText, replaceText, serial, waitRun,
    });

    // 3. A typed edit changes the result.
    run = await openExample(page, "first-gpu-claim");
    let before = run.serial;
    await page.click(".cm-content");
    await page.keyboard.press("Control+End");
    const typedAt = Date.now();
    await page.keyboard.insertText(
      "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-2\nspec:\n  resourceClaims:\n  - name: gpu\n    resourceClaimName: single-gpu\n",
    );
    run = await waitRun(page, before);
    check("typing a second pod re-runs", run.text === "2 of 2 pods scheduled", `${run.text}, ${Date.now() - typedAt} ms after typing`);
    check("the new pod is drawn on node-1", (await page.getAttribute('[data-pod="default/pod-2"]', "data-node")) === "node-1");
    timings.push({ example: "typed edit (first-gpu-claim + pod-2)", editToResultMs: run.runMs, engineMs: run.engineMs, status: run.text });

    // 4. An error: the marker at its line and column, a problem that moves the cursor.
    const first = await readFile(path.join(ROOT, "examples/first-gpu-claim.yaml"), "utf8");
    const broken = first.replace("  resourceClaims:", "  resourceClaimz:");
    const line = broken.split("\n").findIndex((l) => l.includes("resourceClaimz")) + 1;
    before = await serial(page);
    await replaceText(page, broken);
    run = await waitRun(page, before);
    check("an unknown field stops the run", run.state === "invalid" && /Nothing ran: 1 error/.test(run.text), run.text);
    const problem = page.locator(".problem.error").first();
    check("the problem is at its line and column", (await problem.getAttribute("data-line")) === String(line) && (await problem.getAttribute("data-column")) === "3",
      `${await problem.getAttribute("data-line")}:${await problem.getAttribute("data-column")}, want ${line}:3`);
    const marked = await page.locator(".cm-lintRange-error").first().textContent().catch(() => "");
    check("the lint marker underlines the field", marked.startsWith("resourceClaimz"), JSON.stringify(marked));
    await page.locator(".cm-editor .cm-scroller").evaluate((el) => (el.scrollTop = 0));
    await problem.click();
    const active = await page.locator(".cm-activeLine").first().textContent();
    check("clicking the problem moves the cursor there", active.includes("resourceClaimz"), JSON.stringify(active));
    await page.screenshot({ path: path.join(ARTIFACTS, "error-marker.png") });

    // 5. Highlighting across both sides.
    run = await openExample(page, "shared-claim-vs-template");
    await page.hover('[data-device="gpu.example.com/node-1/gpu-0"]');
    await page.waitForTimeout(100);
    check("hovering a device highlights its text", (await page.locator(".cm-dra-highlight").count()) > 0);
    check("hovering a device highlights the pods that share it",
      (await page.locator('[data-pod="default/reader-a"].related').count()) === 1 && (await page.locator('[data-pod="default/reader-b"].related').count()) === 1);
    await page.screenshot({ path: path.join(ARTIFACTS, "hover-highlight.png") });
    await page.mouse.move(5, 5);

    // 5b. Explanations: a device, the matrix, an unschedulable pod, the trace, hints.
    await openExample(page, "cel-attributes-and-capacity");
    await page.click('[data-device="gpu.example.com/node-1/gpu-1"]');
    let why = await waitExplanation(page);
    check("clicking a device explains it with the values that decided",
      why.text.includes("gpu.example.com/memory = 40Gi, selector needs >= 64Gi") && why.text.includes("not allocated"), why.text.slice(0, 300));
    await page.locator('[data-testid="explanation"]').screenshot({ path: path.join(ARTIFACTS, "explanation-device.png") });
    await page.click('[data-testid="toggle-matrix"]');
    await page.waitForSelector('[data-testid="selector-matrix"] td', { timeout: TIMEOUT_MS });
    const memoryOn1 = await matrixCell(page, "memory", "gpu.example.com/node-1/gpu-1");
    const memoryOn2 = await matrixCell(page, "memory", "gpu.example.com/node-1/gpu-2");
    check("the selector matrix: the memory selector is false on gpu-1 and true on gpu-2", memoryOn1 === "false" && memoryOn2 === "true", `${memoryOn1}, ${memoryOn2}`);
    check("the selector matrix has a caption, column and row headers",
      (await page.locator('[data-testid="selector-matrix"] caption').count()) === 1 &&
        (await page.locator('[data-testid="selector-matrix"] th[scope="row"]').count()) >= 3 &&
        (await page.locator('[data-testid="selector-matrix"] th[scope="col"]').count()) === 5);
    await page.locator('[data-testid="explanation"]').screenshot({ path: path.join(ARTIFACTS, "explanation-matrix.png") });
    await page.click('[data-testid="toggle-matrix"]');
    check("the drawn devices keep their data attributes", (await page.locator("[data-device]").count()) === 4);

    // 5c. Names in an explanation are links: a held device → the claim that holds it.
    const held = await page.getAttribute("g.device.bound[data-device]", "data-device");
    await page.click(`g.device.bound[data-device="${held}"]`);
    await page.waitForSelector(`[data-device-explained="${held}"]`, { timeout: TIMEOUT_MS });
    await waitExplanation(page);
    const claimLink = page.locator('[data-testid="explanation"] button.why-link[data-link="claim"]').first();
    const holder = await claimLink.getAttribute("data-key");
    check("a device's explanation links the claim that holds it",
      holder !== null && /^Select claim /.test((await claimLink.getAttribute("aria-label")) || ""), String(holder));
    await claimLink.focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector(`[data-claim-explained="${holder}"]`, { timeout: TIMEOUT_MS });
    why = await waitExplanation(page);
    check("following the link selects the claim and explains it",
      why.text.includes(`claim ${holder}`), why.text.slice(0, 200));
    check("the map and the editor follow the selection",
      (await page.locator(`[data-device="${held}"].related`).count()) === 1 && (await page.locator(".cm-dra-highlight").count()) > 0);
    check("links in the panel are not drawn items", (await page.locator("[data-device]").count()) === 4 &&
      (await page.locator('[data-testid="explanation"] [data-device], [data-testid="explanation"] [data-pod]').count()) === 0);
    await page.locator('[data-testid="explanation"]').screenshot({ path: path.join(ARTIFACTS, "explanation-links.png") });

    await openExample(page, "partitionable-gpu");
    await page.click('li[data-pod="default/big"] .pod-head');
    why = await waitExplanation(page);
    check("clicking an unschedulable pod says why, with the counter's numbers",
      /unschedulable/.test(why.text) && why.text.includes("counter gpu-0-counters/compute exhausted (needs 7, 4 left)"), why.text.slice(0, 400));

    await openExample(page, "match-attribute-pcie-root");
    await page.click('li[data-pod="default/rdma-job"] .pod-head');
    await waitExplanation(page);
    await page.click('[data-testid="toggle-trace"]');
    await page.waitForSelector('[data-testid="trace-stepper"][data-steps]', { timeout: TIMEOUT_MS });
    await waitExplanation(page);
    let at = await stepper(page);
    check("the trace stepper starts at the first step", at.step === 0 && at.steps >= 6 && at.kind === "start", JSON.stringify(at));
    await page.click('[data-testid="trace-next"]');
    at = await stepper(page);
    const picked = await page.locator('[data-device="gpu.example.com/node-1/gpu-0"].related').count();
    check("stepping forward shows a tentative pick and highlights its device", at.step === 1 && at.kind === "pick" && picked === 1, JSON.stringify(at));
    await page.focus('[data-testid="trace-stepper"]');
    await page.keyboard.press("ArrowRight");
    at = await stepper(page);
    check("the right arrow key steps to the constraint failure", at.step === 2 && at.kind === "reject" && at.text.includes("matchAttribute"), JSON.stringify(at));
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    at = await stepper(page);
    check("then the backtrack", at.kind === "backtrack", JSON.stringify(at));
    await page.click('[data-testid="trace-previous"]');
    at = await stepper(page);
    check("stepping back", at.step === 3 && at.kind === "exhausted", JSON.stringify(at));
    await page.keyboard.press("End");
    at = await stepper(page);
    check("End shows the solution", at.step === at.steps - 1 && at.kind === "solution", JSON.stringify(at));
    await page.locator('[data-testid="explanation"]').screenshot({ path: path.join(ARTIFACTS, "explanation-trace.png") });
    await page.click('[data-testid="trace-first"]');
    at = await stepper(page);
    check("the first-step button goes back to the start", at.step === 0 && (await page.locator('[data-testid="trace-previous"]').isDisabled()), JSON.stringify(at));
    await page.click('[data-testid="toggle-trace"]');

    const typo = await readFile(path.join(ROOT, "examples/broken-attribute-typo.yaml"), "utf8");
    const typoLine = typo.split("\n").findIndex((l) => l.includes(".modle")) + 1;
    await openExample(page, "broken-attribute-typo");
    await page.waitForSelector(".cm-lintRange-info", { timeout: TIMEOUT_MS });
    const hint = await page.evaluate(() => {
      const mark = document.querySelector(".cm-lintRange-info");
      const view = window.DraEditor.active.view;
      return { text: mark.textContent, line: view.state.doc.lineAt(view.posAtDOM(mark)).number };
    });
    check("a hint marker underlines the misspelled attribute at its line", hint.line === typoLine && hint.text.includes("modle"), `${JSON.stringify(hint)}, want line ${typoLine}`);
    check("the hint has its marker in the gutter", (await page.locator(".cm-gutter-lint .cm-lint-marker-info").count()) === 1);
    const hintItem = page.locator(".problem.hint").first();
    const hintText = await hintItem.innerText().catch(() => "");
    check("the problems list shows the hint with its line and the suggestion",
      (await hintItem.getAttribute("data-line")) === String(typoLine) && hintText.includes("did you mean gpu.example.com/model?"), hintText);
    await page.click('li[data-pod="default/pod-1"] .pod-head');
    why = await waitExplanation(page);
    check("the typo's pod explanation names the runtime error and carries the hint",
      why.text.includes("no such key: modle") && why.text.includes("did you mean gpu.example.com/model?"), why.text.slice(0, 300));
    await page.screenshot({ path: path.join(ARTIFACTS, "explanation-hint.png") });
    await page.click('[data-testid="explanation"] button.why-hint');
    const cursorLine = await page.evaluate(() => {
      const view = window.DraEditor.active.view;
      return view.state.doc.lineAt(view.state.selection.main.head).number;
    });
    check("clicking the hint in the panel moves the cursor to its line", cursorLine === typoLine, `line ${cursorLine}, want ${typoLine}`);
    await openExample(page, "shared-claim-vs-template");

    // 6. Presets and settings write YAML.
    before = await serial(page);
    await page.click('[data-testid="open-hardware"]');
    await page.click('[data-testid="add-hardware"]');
    run = await waitRun(page, before);
    check("an NVIDIA preset adds a node with MIG partitions", (await page.locator('[data-device^="gpu.nvidia.com/gpu-node-1/gpu-0-mig-"]').count()) === 12, run.text);
    check("existing implied nodes are kept", (await page.getAttribute('[data-pod="default/reader-a"]', "data-node")) === "node-1", run.text);
    run = await openExample(page, "prioritized-alternatives");
    before = run.serial;
    await page.click('[data-testid="open-settings"]');
    await page.selectOption('[data-testid="k8s-version"]', "1.34");
    run = await waitRun(page, before);
    check("the version switch writes the Scenario document", (await editorText(page)).includes('kubernetesVersion: "1.34"') && run.text === "1 of 1 pods scheduled", run.text);
    before = run.serial;
    await page.selectOption('[data-gate="DRAPrioritizedList"]', "off");
    run = await waitRun(page, before);
    check("turning a gate off writes it and shows the consequence", (await editorText(page)).includes("DRAPrioritizedList: false") && run.state === "invalid", run.text);
    await page.screenshot({ path: path.join(ARTIFACTS, "settings.png") });
    await page.keyboard.press("Escape");

    // 7. Share link round trip, in a fresh browser (nothing saved there).
    run = await openExample(page, "taints-and-tolerations");
    await page.keyboard.press("Control+s");
    const link = await page.inputValue('[data-testid="share-url"]');
    const embedCode = await page.inputValue('[data-testid="embed-code"]');
    check("the share link carries the scenario", link.startsWith(base + "#scenario=v1:") && !/[+/=]/.test(link.split("v1:")[1]));
    check("the embed code is an iframe", /^<iframe src="[^"]+\?embed#scenario=v1:[^"]+" width="600" height="400"/.test(embedCode));
    await page.keyboard.press("Escape");
    const taints = await readFile(path.join(ROOT, "examples/taints-and-tolerations.yaml"), "utf8");
    {
      const fresh = await newPage(browser, problems);
      await fresh.page.goto(link);
      const r = await waitRun(fresh.page);
      check("the link opens the same scenario", (await editorText(fresh.page)) === taints && r.text === run.text, r.text);
      check("no banner when nothing was saved", (await fresh.page.locator('[data-testid="shared-banner"]').count()) === 0);
      await fresh.context.close();
    }

    // 8. A link never overwrites saved work without asking.
    const mine = "# my own work\n" + first;
    before = await serial(page);
    await replaceText(page, mine);
    await waitRun(page, before);
    await page.goto(base + shareFragment(taints));
    await page.reload();
    await waitRun(page);
    check("a shared link over saved work asks first", (await page.locator('[data-testid="shared-banner"]').count()) === 1);
    check("the saved work is untouched", (await page.evaluate(() => localStorage.getItem("dra-playground/scenario"))) === mine);
    await page.click('[data-testid="back-to-mine"]');
    await waitRun(page, 1);
    check("'Back to my work' restores it", (await editorText(page)) === mine);

    // 9. Damaged and oversized links.
    await page.goto(base + "#scenario=v1:" + deflateRawSync(Buffer.alloc(1.5 * 1024 * 1024, 35)).toString("base64url"));
    await page.reload();
    await waitRun(page);
    const tooBig = await page.locator('[data-testid="link-error"]').innerText().catch(() => "");
    check("an oversized link says so and keeps the work", /larger than 1 MiB/.test(tooBig) && (await editorText(page)) === mine, tooBig);
    await page.goto(base + "#scenario=v1:not-really-deflate");
    await page.reload();
    await waitRun(page);
    check("a damaged link says so", /could not be opened/.test(await page.locator('[data-testid="link-error"]').innerText().catch(() => "")));
    await page.goto(base);

    // 10. Reload restores the work.
    await page.reload();
    await waitRun(page);
    const marker = `# autosaved ${Date.now()}\n`;
    before = await serial(page);
    await page.click(".cm-content");
    await page.keyboard.press("Control+Home");
    await page.keyboard.insertText(marker);
    await waitRun(page, before);
    await page.reload();
    await waitRun(page);
    check("a reload restores the work", (await editorText(page)).startsWith(marker));

    // 11. Import a kubectl List.
    before = await serial(page);
    await page.click('[data-testid="open-import"]');
    const list = "apiVersion: v1\nkind: List\nitems:\n" + first
      .split("\n---\n")
      .map((doc) => doc.split("\n").filter((l) => !l.startsWith("#")).map((l, i) => (i === 0 ? "- " : "  ") + l).join("\n"))
      .join("\n");
    await page.fill(".import-text", list);
    await page.click("text=Replace scenario");
    run = await waitRun(page, before);
    check("a kubectl List imports and runs", run.text === "1 of 1 pods scheduled", run.text);

    // 12. Dark theme.
    await openExample(page, "consumable-capacity-nic");
    await page.click('[data-testid="theme"]');
    await page.waitForTimeout(150);
    check("the dark theme applies", (await page.getAttribute("html", "data-theme")) === "dark");
    await page.screenshot({ path: path.join(ARTIFACTS, "main-view-dark.png") });
    await page.click('[data-device="nic.example.com/node-1/nic-0"]');
    await waitExplanation(page);
    await page.screenshot({ path: path.join(ARTIFACTS, "explanation-dark.png") });
    await context.close();

    // 13. Embed mode at 600×400.
    {
      const e = await newPage(browser, problems, { width: 600, height: 400 });
      const editorRequests = [];
      e.page.on("request", (req) => /\/editor-[0-9a-f]+\.js$/.test(req.url()) && editorRequests.push(req.url()));
      const mig = await readFile(path.join(ROOT, "examples/partitionable-gpu.yaml"), "utf8");
      await e.page.goto(base + "?embed" + shareFragment(mig));
      let r = await waitRun(e.page);
      check("embed: runs the linked scenario", r.text === "2 of 3 pods scheduled", r.text);
      check("embed: read-only, no editor", (await e.page.locator(".cm-editor").count()) === 0 && (await e.page.locator('[data-testid="embed"]').count()) === 1);
      await e.page.waitForLoadState("load");
      check("embed: the editor bundle is not loaded", editorRequests.length === 0 && (await e.page.evaluate(() => window.DraEditor === undefined)), editorRequests.join(", "));
      const href = await e.page.getAttribute('[data-testid="open-in-playground"]', "href");
      check("embed: 'Open in playground' links the scenario", sharedScenario(href).address === base && sharedScenario(href).text === mig, href);
      const overflow = await e.page.evaluate(() => document.documentElement.scrollWidth);
      check("embed: fits 600 px wide", overflow <= 600, `${overflow}px`);
      check("embed: devices drawn", (await e.page.locator("[data-device]").count()) === 6);
      await e.page.screenshot({ path: path.join(ARTIFACTS, "embed-view.png") });
      // "Edit" loads the editor only now; an edit runs again and goes with "Open in playground".
      await e.page.click('[data-testid="embed-edit"]');
      await e.page.waitForSelector(".cm-editor .cm-content", { timeout: TIMEOUT_MS });
      check("embed: 'Edit' loads the editor bundle and opens the scenario in it",
        editorRequests.length === 1 && (await editorText(e.page)) === mig, editorRequests.join(", "));
      const gpu = await readFile(path.join(ROOT, "examples/first-gpu-claim.yaml"), "utf8");
      await replaceText(e.page, gpu);
      r = await waitRun(e.page, r.serial);
      check("embed: an edit runs again", r.text === "1 of 1 pods scheduled", r.text);
      check("embed: 'Open in playground' carries the edit",
        sharedScenario(await e.page.getAttribute('[data-testid="open-in-playground"]', "href")).text === gpu);
      await e.page.screenshot({ path: path.join(ARTIFACTS, "embed-editing.png") });
      await e.context.close();
    }

    // 13b. embed.js on a host page of another site (tests/e2e/host-page.mjs).
    await checkHostPage(base, { check, newPage, waitRun, sharedScenario, ROOT, DIST, ARTIFACTS, TIMEOUT_MS, browser, problems });

    // 13c. What documentation writers use: Markdown badge, Download image, skipValidation in a
    // link, the compare view (tests/e2e/docs-tools.mjs).
    await checkDocsTools(base, { check, newPage, waitRun, openExample, shareFragment, ROOT, ARTIFACTS, TIMEOUT_MS, browser, problems });

    // 14. A laptop-sized and a narrow window.
    {
      const n = await newPage(browser, problems, { width: 800, height: 900 });
      await n.page.goto(base);
      await waitRun(n.page);
      const w = await n.page.evaluate(() => document.documentElement.scrollWidth);
      check("narrow window: no horizontal scrolling", w <= 800, `${w}px`);
      await n.page.screenshot({ path: path.join(ARTIFACTS, "narrow-view.png"), fullPage: true });
      await n.context.close();
    }
    // 15. The engine runs in a Web Worker: a pathological run never blocks typing, a spinner
    //     shows after 200 ms, and a new edit supersedes the run in flight.
    {
      const w = await newPage(browser, problems);
      await w.page.goto(base);
      run = await waitRun(w.page);
      check("worker: the first run came from the engine worker",
        run.state === "completed" && w.page.workers().length >= 1 && (await w.page.getAttribute("html", "data-engine-workers")) === "1",
        `${w.page.workers().length} workers, data-engine-workers=${await w.page.getAttribute("html", "data-engine-workers")}`);
      const fast = run;
      await replaceText(w.page, slowScenario(10));
      const editAt = Date.now();
      await w.page.waitForSelector('[data-testid="run-spinner"]', { timeout: 5000 }).catch(() => null);
      const spinnerAfter = Date.now() - editAt;
      check("worker: a long run shows the spinner (a frame after the edit, and 200 ms)",
        (await w.page.locator('[data-testid="run-spinner"]').count()) === 1 && spinnerAfter >= 200,
        `${spinnerAfter} ms after the edit`);
      check("worker: the previous result stays while the long run goes on",
        (await serial(w.page)) === fast.serial && (await w.page.getAttribute('[data-testid="run-status"]', "data-busy")) === "true");
      // Type while the engine searches: keystrokes land at once and the main thread never stalls.
      await watchMainThread(w.page);
      await w.page.click(".cm-content");
      await w.page.keyboard.press("Control+End");
      const typed = "# typed while the engine runs";
      const typeStart = Date.now();
      for (const ch of typed) {
        await w.page.keyboard.type(ch);
        await w.page.waitForTimeout(25);
      }
      const typeMs = Date.now() - typeStart;
      await w.page.waitForTimeout(600); // the typed edit's own (slow) run starts and goes on
      const maxGap = (await mainThread(w.page)).gap;
      check("worker: typing during a pathological run is never blocked",
        (await editorText(w.page)).endsWith(typed) && maxGap < 250 && typeMs < typed.length * 25 + 3000,
        `${typed.length} keys in ${typeMs} ms, longest main-thread stall ${maxGap.toFixed(0)} ms`);
      const workers = Number(await w.page.getAttribute("html", "data-engine-workers"));
      check("worker: the typed edit superseded the run in flight (its worker terminated, a new one started)",
        workers >= 2 && (await serial(w.page)) === fast.serial, `${workers} workers started`);
      await w.page.screenshot({ path: path.join(ARTIFACTS, "long-run-spinner.png") });
      // A fast scenario now: its result comes at once, not after the pathological search.
      const first = await readFile(path.join(ROOT, "examples/first-gpu-claim.yaml"), "utf8");
      const switchAt = Date.now();
      await replaceText(w.page, first);
      run = await waitRun(w.page, fast.serial);
      const switchMs = Date.now() - switchAt;
      check("worker: a new edit cancels the long run and shows its own result",
        run.text === "1 of 1 pods scheduled" && switchMs < 5000 && (await w.page.locator('[data-testid="run-spinner"]').count()) === 0,
        `${run.text} after ${switchMs} ms`);
      await w.page.waitForTimeout(1000);
      check("worker: no stale result arrives later", (await serial(w.page)) === run.serial && (await editorText(w.page)) === first);
      await w.context.close();
    }

    // 15b. The search budget: the same pathological search under a budget set in the Scenario
    //      document stops at once, and the pod says why (steps; then milliseconds, timed in the
    //      worker).
    {
      const b = await newPage(browser, problems);
      await b.page.goto(base);
      let r = await waitRun(b.page);
      const withPod =
        slowScenario(10) +
        "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: spread-pod\nspec:\n  resourceClaims:\n  - name: spread\n    resourceClaimName: spread\n  containers:\n  - name: c\n    image: busybox\n";
      const budgeted = (budget) =>
        "apiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata:\n  name: budget\nspec:\n  searchBudget:\n" + budget + "---\n" + withPod;
      const reason = async () => b.page.locator('[data-pod="default/spread-pod"] .why').innerText();
      const stepsAt = Date.now();
      await replaceText(b.page, budgeted("    maxSteps: 5000\n"));
      r = await waitRun(b.page, r.serial);
      const stepsMs = Date.now() - stepsAt;
      const pod = b.page.locator('[data-pod="default/spread-pod"]');
      const stepsReason = await reason();
      check("budget: a search over maxSteps stops with the budget's message",
        r.state === "completed" && (await pod.getAttribute("data-unschedulable")) !== null &&
          /search stopped after 5000 steps/.test(stepsReason) && /searchBudget\.maxSteps/.test(stepsReason) && stepsMs < 5000,
        `${r.text}; "${stepsReason}" after ${stepsMs} ms`);
      const msAt = Date.now();
      await replaceText(b.page, budgeted("    maxSteps: 1000000000\n    maxMillis: 300\n"));
      r = await waitRun(b.page, r.serial);
      const msMs = Date.now() - msAt;
      const msReason = await reason();
      check("budget: a search over maxMillis stops after that time in the worker",
        r.state === "completed" && /search stopped after \d+ steps/.test(msReason) && /300 ms/.test(msReason) && msMs < 8000,
        `"${msReason}" after ${msMs} ms`);
      await b.context.close();
    }

    // 15c. The largest cluster the page admits runs in the worker, typing never waits, the map
    //      and the lists draw a page at a time, one pod is explained (tests/e2e/large-cluster.mjs).
    timings.push({ largeCluster: await checkLargeCluster(base, { browser, newPage, check, problems, timeout: TIMEOUT_MS }) });

    // 16. No HTML injection: payloads in a shared link's names, labels, attribute values, CEL
    //     strings and messages are shown as text and never run.
    {
      const payloads = await readFile(path.join(ROOT, "tests/e2e/fixtures/html-injection.yaml"), "utf8");
      const invalid = await readFile(path.join(ROOT, "tests/e2e/fixtures/html-injection-invalid.yaml"), "utf8");
      const x = await newPage(browser, problems);
      const injected = async (page) =>
        page.evaluate(() => ({
          flag: window.__xss,
          elements: document.querySelectorAll("img, svg[onload], [onerror], [onload]").length,
          scripts: [...document.scripts].filter((s) => s.textContent.includes("__xss")).length,
        }));
      const clean = (r) => r.flag === undefined && r.elements === 0 && r.scripts === 0;

      await x.page.goto(base + shareFragment(payloads));
      run = await waitRun(x.page);
      await x.page.hover('[data-device="gpu.example.com/node-1/gpu-0"]');
      await x.page.waitForTimeout(300);
      let r = await injected(x.page);
      const tooltip = await x.page.locator('[data-device="gpu.example.com/node-1/gpu-0"] title').first().textContent();
      const reason = await x.page.locator('[data-pod="default/p2"]').innerText();
      check("injection: attribute values and messages with markup run nothing", clean(r) && run.text === "1 of 2 pods scheduled", `${JSON.stringify(r)}; ${run.text}`);
      check("injection: an attribute value is shown as text", tooltip.includes('<img src=x onerror=\\"window.__xss=2\\">') && tooltip.includes("<script>window.__xss=1</script>"), tooltip);
      check("injection: an error message is shown as text", reason.includes("no such key: <script>window.__xss=5</script>"), reason);
      await x.page.click('[role="tab"]:has-text("Output YAML")');
      const output = await x.page.innerText('.output[data-testid="run-result"]');
      check("injection: the output YAML is shown as text", output.includes("no such key: <script>window.__xss=5</script>") && clean(await injected(x.page)), output.slice(0, 200));

      await x.page.goto(base + shareFragment(invalid));
      await x.page.reload();
      run = await waitRun(x.page);
      const problemsText = await x.page.innerText(".problems").catch(() => "");
      await x.page.hover(".cm-lintRange-error >> nth=0").catch(() => {});
      await x.page.waitForTimeout(500);
      r = await injected(x.page);
      check("injection: names, labels and field names with markup run nothing", clean(r) && run.state === "invalid", `${JSON.stringify(r)}; ${run.text}`);
      check("injection: problems quote the markup as text",
        problemsText.includes('Invalid value: "<script>window.__xss=6</script>"') && problemsText.includes("<img src=x onerror=window.__xss=10>") && problemsText.includes("<b>bold</b>"),
        problemsText.slice(0, 300));
      await x.page.screenshot({ path: path.join(ARTIFACTS, "html-injection.png") });
      await x.context.close();

      const e = await newPage(browser, problems, { width: 600, height: 400 });
      await e.page.goto(base + "?embed" + shareFragment(payloads));
      run = await waitRun(e.page);
      await e.page.click(".embed-scenario summary");
      r = await injected(e.page);
      check("injection: the embed view runs nothing either",
        clean(r) && (await e.page.innerText('[data-testid="embed-scenario"]')).includes("<script>window.__xss = \"comment\"</script>"), JSON.stringify(r));
      await e.context.close();
    }

    // 17. A worker that dies (here its script throws as it loads) ends the run with an error in the
    //     problems list; the page lives on and the next edit starts a fresh worker.
    {
      const expected = []; // this page's errors are on purpose
      // Without the service worker, whose own requests the route would not see.
      const d = await newPage(browser, expected, undefined, { serviceWorkers: "block" });
      await d.context.route(/engine-worker-[0-9a-f]{16}\.js$/, (route) =>
        route.fulfill({ contentType: "text/javascript", body: 'throw new Error("the engine worker failed on purpose");' }));
      await d.page.goto(base);
      run = await waitRun(d.page);
      const said = await d.page.innerText(".problems").catch(() => "");
      check("a dead worker: the run ends with an error, the page lives on",
        run.state === "invalid" && /The engine stopped on this scenario/.test(said) && (await d.page.locator('[data-testid="panic"]').count()) === 0,
        `${run.text}; ${said.split("\n").find((l) => l.includes("engine")) ?? said.slice(0, 200)}`);
      await d.page.click(".cm-content");
      await d.page.keyboard.press("Control+End");
      await d.page.keyboard.insertText("# edit\n");
      run = await waitRun(d.page, run.serial);
      check("a dead worker: the next edit starts a fresh one", Number(await d.page.getAttribute("html", "data-engine-workers")) === 2 && run.state === "invalid", run.text);
      await d.context.close();
    }

    // 18. The service worker: after one visit the playground runs with the server gone (page,
    //     boot script, both wasm files, the editor: all from its cache), a new run that replaces
    //     the engine worker too; a new deployment's service worker replaces the cache once no
    //     page of the old one is open.
    {
      const site = await mkdtemp(path.join(tmpdir(), "dra-e2e-site-"));
      await cp(DIST, site, { recursive: true });
      let siteServer = await serveStatic(site);
      const port = siteServer.address().port;
      const at = `http://127.0.0.1:${port}/`;
      const stop = (srv) => {
        srv.close();
        srv.closeAllConnections();
      };
      // Requests fail on purpose while the server is gone: only page errors and CSP count here.
      const offline = [];
      const o = await newPage(browser, offline);
      await o.page.goto(at);
      let r = await waitRun(o.page);
      const caches1 = await serviceWorkerReady(o.page);
      check("service worker: one cache after the first visit", caches1.length === 1, caches1.join(", "));
      stop(siteServer);
      await o.page.reload();
      r = await waitRun(o.page);
      await waitEditor(o.page);
      check("service worker: a reload with the server gone still runs, in the editor",
        r.state === "completed" && r.text === "1 of 1 pods scheduled" && (await o.page.locator(".cm-editor").count()) === 1, r.text);
      const gpu = await readFile(path.join(ROOT, "examples/first-gpu-claim.yaml"), "utf8");
      await replaceText(o.page, slowScenario(10));
      await o.page.waitForTimeout(600); // its run has started
      await replaceText(o.page, gpu.replace("name: pod-1", "name: pod-offline"));
      r = await waitRun(o.page, r.serial);
      check("service worker: offline, a new run replaces the engine worker and runs",
        r.state === "completed" && (await o.page.locator('[data-pod="default/pod-offline"]').count()) === 1 &&
          Number(await o.page.getAttribute("html", "data-engine-workers")) >= 2, r.text);

      // A new deployment: here the same files under another build version.
      const oldVersion = caches1[0].slice("dra-playground-".length);
      const newVersion = [...oldVersion].reverse().join("");
      for (const name of ["index.html", "sw.js"]) {
        const file = path.join(site, name);
        await writeFile(file, (await readFile(file, "utf8")).replaceAll(oldVersion, newVersion));
        await rm(`${file}.br`, { force: true });
        await rm(`${file}.gz`, { force: true });
      }
      siteServer = await serveStatic(site, { port });
      await o.page.reload();
      r = await waitRun(o.page);
      const shown = await o.page.getAttribute('meta[name="dra-build"]', "content");
      const waiting = await o.page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        await reg.update();
        const sw = reg.installing ?? reg.waiting;
        if (sw && sw.state !== "installed") await new Promise((resolve) => sw.addEventListener("statechange", () => sw.state === "installed" && resolve()));
        return { waiting: !!reg.waiting, keys: await caches.keys() };
      });
      check("a new deployment shows at once; its service worker waits while an old page is open",
        shown === newVersion && r.state === "completed" && waiting.waiting && waiting.keys.includes(`dra-playground-${oldVersion}`), JSON.stringify({ shown, ...waiting }));
      // Once no page of the old one is open, the new service worker activates. A page opened too
      // soon is still the old one's, and holds it back: close it and look again.
      await o.page.close();
      let caches2 = [];
      for (let i = 0; i < 20; i++) {
        const n = await o.context.newPage();
        await n.goto(at);
        r = await waitRun(n);
        const state = await n.evaluate(async () => ({ waiting: !!(await navigator.serviceWorker.getRegistration())?.waiting, keys: await caches.keys() }));
        await n.close();
        caches2 = state.keys;
        if (!state.waiting && caches2.length === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      check("then it replaces the old deployment's cache", JSON.stringify(caches2) === JSON.stringify([`dra-playground-${newVersion}`]) && r.state === "completed", caches2.join(", "));
      await o.context.close();
      stop(siteServer);
      await rm(site, { recursive: true, force: true });
      problems.push(...offline.filter((p) => /^(page error|CSP violation)/.test(p)));
    }

    // The lessons (tests/e2e/lessons.mjs).
    await lessonChecks({ browser, base, newPage, check, waitRun, replaceText, editorText, problems, timeout: TIMEOUT_MS });
    // The CEL console (tests/e2e/console.mjs).
    await consoleChecks({ browser, base, newPage, check, waitRun, problems, timeout: TIMEOUT_MS });
    // Completion and hover in the editor (tests/e2e/completion.mjs).
    await completionChecks({ browser, base, newPage, check, waitRun, editorText, problems, timeout: TIMEOUT_MS });
    // The accessibility audit with axe-core (tests/e2e/a11y.mjs).
    await accessibilityChecks({ browser, base, newPage, check, waitRun, openExample, problems, timeout: TIMEOUT_MS });

    check("no page errors, console errors, failed requests or CSP violations", problems.length === 0, problems.join("; "));
    await writeFile(path.join(ARTIFACTS, "timings.json"), JSON.stringify({ firstLoadGzipBytes: total, timings }, null, 2));
  } finally {
    await browser.close();
    server.close();
  }
}

try {
  await main();
} catch (err) {
  check("e2e run", false, err?.stack ?? String(err));
}
const failed = results.filter((r) => !r.ok).length;
const passed = results.length - failed;
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
