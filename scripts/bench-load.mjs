// The first-load benchmark of issue 13 (a measurement, not a test: it never fails on a number).
//
// Serves a built site (dist/) on loopback as a static host would (scripts/lib/static-server.mjs:
// precompressed files, Cache-Control, CSP), drives headless Chromium with the network emulated
// through the Chrome DevTools Protocol (Network.emulateNetworkConditions, which also throttles
// the page's workers), and reports for each profile, on a cold cache and on a second visit:
//   - time to editor text: CodeMirror shows the scenario (the playground only);
//   - time to first result: the run status and the pods are shown (the default scenario; for the
//     embed, a shared scenario in `?embed#scenario=...`);
//   - the bytes each file put on the wire (counted by the server), and a waterfall of the
//     visit's requests (start and end of each, from the navigation's start).
// Times are medians over the runs, from the page's own clock (performance.now()).
//
// Usage: node scripts/bench-load.mjs [DIST] [--runs N] [--profile NAME]... [--encodings br,gzip]
//                                     [--json FILE]
//   scripts/bench-load.sh builds the release site first. Profiles: fast (fast 4G: 9 Mbps down,
//   60 ms RTT), slow (slow 4G: 1.6 Mbps, 150 ms), embed (the embed view on slow 4G). --encodings
//   chooses what the server offers (e.g. gzip alone, as a host without brotli); default br,gzip.
// Environment: CHROMIUM (default /usr/bin/chromium).

import { readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./lib/chromium.mjs";
import { serveStatic } from "./lib/static-server.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TIMEOUT_MS = 60000;

const mbps = (n) => (n * 1e6) / 8;
const PROFILES = {
  fast: { title: "fast 4G", down: mbps(9), up: mbps(1.5), rtt: 60, embed: false },
  slow: { title: "slow 4G", down: mbps(1.6), up: mbps(0.75), rtt: 150, embed: false },
  embed: { title: "embed on slow 4G", down: mbps(1.6), up: mbps(0.75), rtt: 150, embed: true },
};
/** The scenario the embed is shared with. */
const EMBED_EXAMPLE = "examples/partitionable-gpu.yaml";

function parseArgs(argv) {
  const args = { dist: path.join(ROOT, "dist"), runs: 5, profiles: [], encodings: ["br", "gzip"], json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--runs") args.runs = Number(argv[++i]);
    else if (a === "--profile") args.profiles.push(argv[++i]);
    else if (a === "--encodings") args.encodings = argv[++i].split(",").filter(Boolean);
    else if (a === "--json") args.json = argv[++i];
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else args.dist = path.resolve(a);
  }
  if (args.profiles.length === 0) args.profiles = Object.keys(PROFILES);
  for (const p of args.profiles) if (!PROFILES[p]) throw new Error(`unknown profile ${p} (${Object.keys(PROFILES).join(", ")})`);
  if (!(args.runs >= 1)) throw new Error("--runs needs a positive number");
  return args;
}

/**
 * Installed in every page before its scripts: records when the editor first shows text and when
 * the first result is drawn, in performance.now() milliseconds (from the navigation's start).
 */
function recordMarks() {
  const marks = (window.__loadMarks = {});
  const look = () => {
    if (marks.editorText === undefined && document.querySelector(".cm-content")?.textContent.trim()) {
      marks.editorText = performance.now();
    }
    const status = document.querySelector('[data-testid="run-status"]');
    if (marks.firstResult === undefined && status?.dataset.runMs !== undefined && document.querySelector("[data-pod]")) {
      marks.firstResult = performance.now();
      marks.status = status.innerText.trim();
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

function median(values) {
  const v = values.filter((x) => typeof x === "number").sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

const seconds = (ms) => (ms === undefined ? "—" : `${(ms / 1000).toFixed(2)} s`);
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

/** Waits until no request of the context has been in flight for `quietMs`. */
async function networkIdle(inflight, quietMs = 500) {
  let quietSince = Date.now();
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (inflight.size > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One visit: a new tab navigates to `url`; returns its marks, requests and served bytes. */
async function visit(context, url, profile, served) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: profile.rtt,
    downloadThroughput: profile.down,
    uploadThroughput: profile.up,
  });
  const requests = [];
  const inflight = new Set();
  const onRequest = (r) => inflight.add(r);
  const onDone = async (r) => {
    inflight.delete(r);
    const t = r.timing();
    const response = await r.response().catch(() => null);
    requests.push({
      url: r.url(),
      start: t.startTime,
      end: t.responseEnd >= 0 ? t.startTime + t.responseEnd : undefined,
      fromServiceWorker: response?.fromServiceWorker() ?? false,
      failed: r.failure()?.errorText,
    });
  };
  context.on("request", onRequest);
  context.on("requestfinished", onDone);
  context.on("requestfailed", onDone);
  served.length = 0;
  await page.goto(url, { waitUntil: "commit", timeout: TIMEOUT_MS });
  await page.waitForFunction(() => window.__loadMarks?.firstResult !== undefined, null, { timeout: TIMEOUT_MS, polling: 50 });
  // Whatever the visit still loads after the first result (the editor for an embed never, a
  // service worker's cache) belongs to it too.
  await networkIdle(inflight);
  const serviceWorker = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker?.getRegistration();
    if (!reg) return "none";
    const sw = reg.installing ?? reg.waiting ?? reg.active;
    if (sw && sw.state !== "activated") {
      await new Promise((resolve) => {
        sw.addEventListener("statechange", () => sw.state === "activated" && resolve());
        setTimeout(resolve, 20000);
      });
    }
    return reg.active?.state ?? "none";
  });
  await networkIdle(inflight);
  const marks = await page.evaluate(() => window.__loadMarks);
  const origin = await page.evaluate(() => performance.timeOrigin);
  context.off("request", onRequest);
  context.off("requestfinished", onDone);
  context.off("requestfailed", onDone);
  await page.close();
  const base = new URL(url).origin;
  return {
    marks,
    serviceWorker,
    served: served.map((s) => ({ ...s })),
    requests: requests
      .filter((r) => r.url.startsWith(base))
      .map((r) => ({ ...r, url: new URL(r.url).pathname, start: r.start - origin, end: r.end === undefined ? undefined : r.end - origin }))
      .sort((a, b) => a.start - b.start),
  };
}

function fileTable(visit) {
  const byFile = new Map();
  for (const s of visit.served) {
    const name = s.path === "/" ? "index.html" : s.path.replace(/^\//, "");
    const row = byFile.get(name) ?? { bytes: 0, count: 0, encoding: s.encoding ?? "identity", statuses: new Set() };
    row.bytes += s.bytes;
    row.count += 1;
    row.statuses.add(s.status);
    byFile.set(name, row);
  }
  return [...byFile.entries()].sort((a, b) => b[1].bytes - a[1].bytes);
}

function printVisit(label, v) {
  const total = v.served.reduce((n, s) => n + s.bytes, 0);
  console.log(`  ${label}: ${kb(total)} over the network in ${v.served.length} requests (service worker: ${v.serviceWorker})`);
  for (const [name, row] of fileTable(v)) {
    console.log(`      ${name.padEnd(48)} ${kb(row.bytes).padStart(10)}  ${row.encoding}${row.count > 1 ? ` ×${row.count}` : ""} [${[...row.statuses].join(",")}]`);
  }
  console.log("    waterfall (ms from navigation start):");
  for (const r of v.requests) {
    const end = r.end === undefined ? "" : r.end.toFixed(0).padStart(6);
    const via = r.fromServiceWorker ? " (service worker)" : r.failed ? ` (${r.failed})` : "";
    console.log(`      ${r.start.toFixed(0).padStart(6)} → ${end}  ${r.url}${via}`);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const index = path.join(args.dist, "index.html");
  if (!existsSync(index)) throw new Error(`${index} is missing: build the site first (scripts/bench-load.sh does)`);
  // A build from before the CSP (issue 13) has an inline loader script, which the header would block.
  const inlineScript = /<script(?![^>]*\bsrc=)[^>]*>\s*\S/.test(await readFile(index, "utf8"));
  const served = [];
  const server = await serveStatic(args.dist, { encodings: args.encodings, csp: !inlineScript, log: (e) => served.push(e) });
  const base = `http://127.0.0.1:${server.address().port}/`;
  const example = await readFile(path.join(ROOT, EMBED_EXAMPLE), "utf8");
  const embedUrl = `${base}?embed#scenario=v1:${deflateRawSync(Buffer.from(example), { level: 9 }).toString("base64url")}`;
  console.log(`serving ${args.dist} at ${base} (encodings: ${args.encodings.join(", ") || "none"}${inlineScript ? "; no CSP header: index.html has an inline script" : ""})`);

  const browser = await launchChromium();
  const report = {};
  try {
    for (const name of args.profiles) {
      const profile = PROFILES[name];
      const url = profile.embed ? embedUrl : base;
      const runs = [];
      for (let i = 0; i < args.runs; i++) {
        // A fresh browser context: empty HTTP cache, no service worker.
        const context = await browser.newContext({ viewport: profile.embed ? { width: 600, height: 400 } : { width: 1440, height: 900 } });
        await context.addInitScript(recordMarks);
        const cold = await visit(context, url, profile, served);
        const warm = await visit(context, url, profile, served);
        await context.close();
        runs.push({ cold, warm });
        const m = (v) => `editor ${seconds(v.marks.editorText)}, result ${seconds(v.marks.firstResult)}`;
        console.log(`${profile.title} run ${i + 1}: cold ${m(cold)}; warm ${m(warm)} (${cold.marks.status})`);
      }
      const pick = (visitName, mark) => median(runs.map((r) => r[visitName].marks[mark]));
      const summary = {
        title: profile.title,
        cold: { editorText: pick("cold", "editorText"), firstResult: pick("cold", "firstResult") },
        warm: { editorText: pick("warm", "editorText"), firstResult: pick("warm", "firstResult") },
        runs,
      };
      report[name] = summary;
      console.log(`\n${profile.title}, medians of ${args.runs}: cold: editor text ${seconds(summary.cold.editorText)}, first result ${seconds(summary.cold.firstResult)}; ` +
        `second visit: editor text ${seconds(summary.warm.editorText)}, first result ${seconds(summary.warm.firstResult)}`);
      printVisit("cold visit (first run)", runs[0].cold);
      printVisit("second visit (first run)", runs[0].warm);
      console.log("");
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log("summary (medians):");
  console.log("| profile | editor text, cold | first result, cold | editor text, second visit | first result, second visit |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const s of Object.values(report)) {
    console.log(`| ${s.title} | ${seconds(s.cold.editorText)} | ${seconds(s.cold.firstResult)} | ${seconds(s.warm.editorText)} | ${seconds(s.warm.firstResult)} |`);
  }
  if (args.json) await writeFile(args.json, JSON.stringify(report, null, 2));
}

await main();
