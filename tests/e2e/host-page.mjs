// End-to-end test of embed.js on a writer's page: a host page on another origin loads the
// playground's embed.js with one script tag and writes scenarios as `<pre class="dra-playground">`.
// Checks: each becomes an iframe of the `?embed` view that runs its YAML, only once it nears the
// viewport; data-height, data-readonly and data-panel reach the embed; data-mode="link" keeps the
// YAML and adds a "Try it" link that carries it; embed.js is served under its stable name and
// revalidated. Called by tests/e2e/app.mjs with its helpers.

import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";

/** Serves `html` at /guide/ on another port of 127.0.0.1: another origin than the playground's. */
async function serveHostPage(html) {
  const server = createServer((req, res) => {
    res.writeHead(req.url === "/guide/" ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(req.url === "/guide/" ? html : "");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

/** `text` as HTML text. */
function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Waits until the host page has `count` embeds; returns their iframes' elements. */
async function waitEmbeds(page, count, timeout) {
  await page.waitForFunction((n) => document.querySelectorAll("iframe.dra-playground-embed").length === n, count, { timeout });
  return page.$$("iframe.dra-playground-embed");
}

/**
 * Runs the host-page checks against the playground served at `base` (with DIST its files).
 * `t` holds app.mjs's helpers: check, newPage, waitRun, sharedScenario, ROOT, DIST, ARTIFACTS,
 * TIMEOUT_MS, browser, problems.
 */
export async function checkHostPage(base, t) {
  const gpu = await readFile(path.join(t.ROOT, "examples/first-gpu-claim.yaml"), "utf8");
  const mig = await readFile(path.join(t.ROOT, "examples/partitionable-gpu.yaml"), "utf8");
  const nic = await readFile(path.join(t.ROOT, "examples/consumable-capacity-nic.yaml"), "utf8");
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>A guide</title><link rel="icon" href="data:,">
<script src="${base}embed.js" async></script></head><body>
<h1>Claims</h1>
<pre class="dra-playground" data-height="450" data-readonly data-title="A first claim">
${escapeHtml(gpu)}</pre>
<div style="height: 4000px">(a long page)</div>
<pre class="dra-playground" data-panel="claims">
${escapeHtml(mig)}</pre>
<pre class="dra-playground" data-mode="link" id="as-link">
${escapeHtml(nic)}</pre>
</body></html>`;
  const host = await serveHostPage(html);
  const h = await t.newPage(t.browser, t.problems, { width: 900, height: 800 });
  await h.page.goto(`http://127.0.0.1:${host.address().port}/guide/`);

  // Only the first is near the viewport.
  let frames = await waitEmbeds(h.page, 1, t.TIMEOUT_MS);
  t.check("embed.js: the scenario in view becomes an embed, the ones far below stay as written",
    (await h.page.locator("pre.dra-playground").count()) === 2);
  const first = frames[0];
  const src = await first.getAttribute("src");
  t.check("embed.js: data-readonly and the YAML reach the embed's address",
    src.startsWith(`${base}?embed&readonly#scenario=v1:`) && t.sharedScenario(src.replace("?embed&readonly", "")).text === gpu, src);
  t.check("embed.js: data-height sets the iframe's height",
    (await first.getAttribute("height")) === "450" && (await first.boundingBox()).height >= 450);
  t.check("embed.js: data-title names the iframe", (await first.getAttribute("title")) === "A first claim");
  const f1 = await first.contentFrame();
  let r = await t.waitRun(f1);
  t.check("embed.js: the embed runs the page's YAML", r.text === "1 of 1 pods scheduled", r.text);
  t.check("embed.js: a read-only embed has no Edit button", (await f1.locator('[data-testid="embed-edit"]').count()) === 0);
  await h.page.screenshot({ path: path.join(t.ARTIFACTS, "host-page.png") });

  // Scrolling brings the second in.
  await h.page.locator("pre.dra-playground").first().scrollIntoViewIfNeeded();
  frames = await waitEmbeds(h.page, 2, t.TIMEOUT_MS);
  await frames[1].scrollIntoViewIfNeeded();
  const f2 = await frames[1].contentFrame();
  r = await t.waitRun(f2);
  t.check("embed.js: a scenario scrolled into view becomes an embed and runs", r.text === "2 of 3 pods scheduled", r.text);
  const claims = await f2.locator("[data-claim-item]").count();
  const devices = await f2.locator("[data-device]").count();
  t.check("embed.js: data-panel picks the results view (the claims, not the map)", claims > 0 && devices === 0, `${claims} claims, ${devices} devices`);
  t.check("embed.js: without data-readonly the embed can be edited", (await f2.locator('[data-testid="embed-edit"]').count()) === 1);

  // data-mode="link": the YAML stays, a link follows it.
  await h.page.waitForSelector("#as-link + a.dra-playground-try", { timeout: t.TIMEOUT_MS });
  const href = await h.page.getAttribute("#as-link + a.dra-playground-try", "href");
  const linked = t.sharedScenario(href);
  t.check("embed.js: data-mode=link keeps the YAML and adds a 'Try it' link that carries it",
    linked.address === base && linked.text === nic && (await h.page.innerText("#as-link + a")).startsWith("Try it"), href);

  const res = await h.page.request.get(`${base}embed.js`);
  const bytes = (await stat(path.join(t.DIST, "embed.js"))).size;
  t.check("embed.js is served under its stable name, revalidated on every use",
    res.status() === 200 && res.headers()["cache-control"] === "no-cache", `${bytes} bytes`);
  console.log(`embed.js: ${bytes} bytes`);
  await h.context.close();
  host.close();
}
