// End-to-end tests of what the playground gives documentation writers (issue 16): the Share
// dialog's Markdown badge and "Download image" (the same picture `dra-playground render` draws,
// compared with its golden file), a shared device's data-claims, a shared link whose Scenario
// document skips validation, and the compare view (the playground's "Compare" and a
// `#compare=v1:` link, with the differences marked). Called by tests/e2e/app.mjs with its helpers.

import { readFile } from "node:fs/promises";
import { deflateRawSync } from "node:zlib";
import path from "node:path";

/** The fragment of a comparison: both scenarios, separated by a NUL, as one share value. */
function compareFragment(left, right) {
  return "#compare=v1:" + deflateRawSync(Buffer.from(`${left}\0${right}`, "utf8"), { level: 9 }).toString("base64url");
}

/**
 * Runs the checks against the playground at `base`. `t` holds app.mjs's helpers: check,
 * newPage, waitRun, openExample, shareFragment, ROOT, ARTIFACTS, TIMEOUT_MS, browser, problems.
 */
export async function checkDocsTools(base, t) {
  const { page, context } = await t.newPage(t.browser, t.problems, { width: 1440, height: 900 }, { acceptDownloads: true });
  await page.goto(base);
  await t.waitRun(page);

  // Share: the Markdown badge and the picture.
  await t.openExample(page, "taints-and-tolerations");
  await page.keyboard.press("Control+s");
  const link = await page.inputValue('[data-testid="share-url"]');
  const markdown = await page.inputValue('[data-testid="share-markdown"]');
  t.check("share: Markdown is a badge image linking the scenario",
    markdown === `[![Open in DRA Playground: Device taints and tolerations](${base}badge.svg)](${link})`, markdown);
  const badge = await page.request.get(`${base}badge.svg`);
  t.check("share: the badge is served", badge.status() === 200 && (await badge.text()).startsWith("<svg"));
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: t.TIMEOUT_MS }), page.click('[data-testid="download-image"]')]);
  const svg = await readFile(await download.path(), "utf8");
  const golden = await readFile(path.join(t.ROOT, "tests/golden/render/taints-and-tolerations.svg"), "utf8");
  t.check("share: 'Download image' gives the picture dra-playground render draws",
    download.suggestedFilename() === "taints-and-tolerations.svg" && svg === golden, `${download.suggestedFilename()}, ${svg.length} bytes`);
  await page.keyboard.press("Escape");

  // A link whose Scenario document skips validation runs as it says.
  const invalid = (await readFile(path.join(t.ROOT, "examples/first-gpu-claim.yaml"), "utf8")).replace("- name: gpu\n", "- name: GPU\n");
  const settings = "apiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata:\n  name: s\nspec:\n  skipValidation: true\n---\n";
  {
    const p = await t.newPage(t.browser, t.problems);
    await p.page.goto(base + t.shareFragment(invalid));
    const refused = await t.waitRun(p.page);
    await p.page.goto("about:blank");
    await p.page.goto(base + t.shareFragment(settings + invalid));
    const skipped = await t.waitRun(p.page);
    t.check("a shared link that skips validation in its Scenario document runs (the same without it is refused)",
      refused.state === "invalid" && skipped.state === "completed", `${refused.text} / ${skipped.text}`);
    await p.context.close();
  }

  // A device several claims hold names each of them (data-claims), the first in data-claim.
  await t.openExample(page, "consumable-capacity-nic");
  const nic = '[data-device="nic.example.com/node-1/nic-0"]';
  const holders = [await page.getAttribute(nic, "data-claim"), await page.getAttribute(nic, "data-claims")];
  t.check("a shared device names every holder in data-claims and its first in data-claim",
    holders[0] === "default/stream-1-net" && holders[1] === "default/stream-1-net default/stream-2-net", holders.join(" | "));

  // Compare from the playground: the scenario against itself under another version.
  await t.openExample(page, "prioritized-alternatives");
  await page.click('[data-testid="open-compare"]');
  await page.waitForSelector('[data-testid="compare-summary"][data-state="ready"]', { timeout: t.TIMEOUT_MS });
  t.check("compare: the playground's Compare opens both sides and a #compare= link",
    (await page.locator('[data-testid="side-status"]').count()) === 2 && new URL(page.url()).hash.startsWith("#compare=v1:"), page.url());
  await page.click('[data-testid="compare-back"]');
  await t.waitRun(page);

  // A comparison's link: a selector no device meets on the right.
  const gpu = await readFile(path.join(t.ROOT, "examples/first-gpu-claim.yaml"), "utf8");
  const strict = gpu.replace("        deviceClassName: gpu.example.com\n",
    "        deviceClassName: gpu.example.com\n        selectors:\n        - cel:\n            expression: device.attributes[\"gpu.example.com\"].model == \"none\"\n");
  {
    const c = await t.newPage(t.browser, t.problems);
    await c.page.goto(base + compareFragment(gpu, strict));
    await c.page.waitForSelector('[data-testid="compare-summary"][data-state="ready"]', { timeout: t.TIMEOUT_MS });
    const same = await c.page.getAttribute('[data-testid="compare-summary"]', "data-same");
    const pod = await c.page.innerText('[data-change="pod"][data-key="default/pod-1"]').catch(() => "");
    const claim = await c.page.locator('[data-change="claim"][data-key="default/single-gpu"]').count();
    t.check("compare: a #compare= link opens the comparison with the moved pod and the claim marked, and why",
      same === "false" && /unschedulable/.test(pod) && /cannot allocate all claims/.test(pod) && claim === 1, pod);
    await c.page.screenshot({ path: path.join(t.ARTIFACTS, "compare-view.png") });
    await c.context.close();
  }
  await context.close();
}
