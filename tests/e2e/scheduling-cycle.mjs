// End-to-end checks of the scheduling cycle table (issue 12) on the gallery's scheduling
// examples: each loads, its pods go to the nodes its `# expect:` lines name, and clicking a pod
// shows the table of nodes by plugins: the chosen row is the pod's node, a taint's rejection
// carries upstream's reason, an unschedulable pod has upstream's `0/N nodes are available`
// message, a tie names its nodes, the better device wins on DynamicResources' score; the table
// scrolls inside its own region in a narrow window and is reachable with the keyboard.
//
// Called by tests/e2e/app.mjs with its page and helpers.

import { readFile } from "node:fs/promises";
import path from "node:path";

const EXAMPLES = ["gpu-node-taints", "gpu-bin-packing", "prioritized-best-node"];

/** The pods an example expects, with their node (null: unschedulable). */
function expectedPods(text) {
  return text
    .split("\n")
    .filter((l) => l.startsWith("# expect: pod "))
    .map((l) => l.slice("# expect: pod ".length).trim().split(/\s+/))
    .map(([pod, how, node]) => ({ pod, node: how === "on" ? node : null }));
}

/** The cycle table in the panel: its rows, with each cell's data attributes. */
async function cycleTable(page) {
  return page.evaluate(() => {
    const table = document.querySelector('[data-testid="explanation"] [data-testid="cycle-table"]');
    if (!table) return null;
    const text = (id) => document.querySelector(`[data-testid="explanation"] [data-testid="${id}"]`)?.innerText ?? "";
    return {
      caption: table.querySelector("caption")?.innerText ?? "",
      columnHeads: table.querySelectorAll('thead th[scope="col"]').length,
      rowHeads: table.querySelectorAll('tbody th[scope="row"]').length,
      rows: [...table.querySelectorAll("tbody tr")].map((tr) => ({
        node: tr.dataset.cycleNode,
        role: tr.dataset.role,
        tied: tr.classList.contains("tied"),
        total: tr.querySelector("td.total")?.dataset.total ?? null,
        filters: Object.fromEntries([...tr.querySelectorAll("td.filter")].map((td) => [
          td.dataset.plugin,
          { verdict: td.dataset.verdict, reason: td.querySelector(".reason")?.innerText ?? "" },
        ])),
        scores: Object.fromEntries([...tr.querySelectorAll("td.score[data-normalized]")].map((td) => [
          td.dataset.plugin,
          { raw: Number(td.dataset.raw), normalized: Number(td.dataset.normalized), weighted: Number(td.dataset.weighted) },
        ])),
      })),
      tie: text("cycle-tie"),
      message: text("cycle-message"),
    };
  });
}

/** Selects a pod in the list and waits for its explanation. */
async function explainPod(page, pod, { waitExplanation, timeout }) {
  await page.click(`li[data-pod="${pod}"] .pod-head`);
  await page.waitForSelector(`[data-pod-explained="${pod}"]`, { timeout });
  await waitExplanation(page);
  return cycleTable(page);
}

/** Every check; `h` holds app.mjs's page helpers. */
export async function checkSchedulingCycles(page, h) {
  const { check, openExample, newNarrowPage, root, artifacts } = h;
  const tables = {};
  for (const name of EXAMPLES) {
    const text = await readFile(path.join(root, "examples", `${name}.yaml`), "utf8");
    await openExample(page, name);
    const pods = expectedPods(text);
    const wrong = [];
    for (const { pod, node } of pods) {
      const drawn = page.locator(`[data-pod="${pod}"]`);
      const at = await drawn.getAttribute("data-node");
      const unschedulable = (await drawn.getAttribute("data-unschedulable")) !== null;
      if (node ? at !== node : !unschedulable) wrong.push(`${pod} on ${at}, want ${node ?? "unschedulable"}`);
      const table = await explainPod(page, pod, h);
      tables[`${name} ${pod}`] = table;
      if (!table) {
        wrong.push(`${pod}: no cycle table`);
        continue;
      }
      const chosen = table.rows.filter((r) => r.role === "chosen").map((r) => r.node);
      if (JSON.stringify(chosen) !== JSON.stringify(node ? [node] : [])) wrong.push(`${pod}: chosen row ${chosen}, want ${node}`);
      if (!table.caption || table.rowHeads !== table.rows.length || table.columnHeads < 2) wrong.push(`${pod}: table headers ${JSON.stringify(table)}`);
      if (!node && !/^kube-scheduler: 0\/\d+ nodes are available: /.test(table.message)) wrong.push(`${pod}: message ${table.message}`);
    }
    check(`scheduling cycle ${name}: every pod placed as expected, and its table shows the chosen node`, pods.length > 0 && wrong.length === 0,
      wrong.join("; "));
  }

  const web = tables["gpu-node-taints default/web"];
  const taint = web?.rows.find((r) => r.node === "gpu-1")?.filters.TaintToleration;
  check("scheduling cycle: TaintToleration rejects the GPU node with upstream's reason",
    taint?.verdict === "rejected" && taint.reason.includes("untolerated taint"), JSON.stringify(taint));
  const forgetful = tables["gpu-node-taints default/forgetful"];
  check("scheduling cycle: the unschedulable pod has upstream's message with counts per reason",
    /0\/2 nodes are available: 1 cannot allocate all claims, 1 node\(s\) had untolerated taint/.test(forgetful?.message ?? ""), forgetful?.message);

  const packed = tables["gpu-bin-packing default/packed-1"];
  const tied = packed?.rows.filter((r) => r.tied).map((r) => r.node) ?? [];
  check("scheduling cycle: a tie names the tied nodes and says the first in document order is taken",
    tied.length > 1 && tied.every((n) => packed.tie.includes(n)) && packed.tie.includes("first in document order") &&
      packed.rows.find((r) => r.role === "chosen")?.node === tied[0], `${tied}: ${packed?.tie}`);
  const packed2 = tables["gpu-bin-packing default/packed-2"];
  const totals = Object.fromEntries((packed2?.rows ?? []).map((r) => [r.node, Number(r.total)]));
  check("scheduling cycle: MostAllocated gives the fuller node the highest total",
    totals["node-1"] > totals["node-2"] && totals["node-1"] > totals["node-3"], JSON.stringify(totals));

  const trainer = tables["prioritized-best-node default/trainer"];
  const dra = Object.fromEntries((trainer?.rows ?? []).map((r) => [r.node, r.scores.DynamicResources]));
  check("scheduling cycle: DynamicResources scores the node with the first alternative higher",
    dra["node-2"]?.normalized > dra["node-1"]?.normalized && dra["node-1"].raw < dra["node-2"].raw && !trainer.tie, JSON.stringify(dra));

  // The keyboard reaches the table's scroll region, and from it the node links.
  const region = page.locator('[data-testid="explanation"] [data-testid="cycle"] [role="region"]');
  await region.focus();
  const focused = await page.evaluate(() => document.activeElement?.getAttribute("role"));
  await page.keyboard.press("Tab");
  const next = await page.evaluate(() => {
    const a = document.activeElement;
    return a?.closest('[data-testid="cycle-table"]') && a.matches("button.why-link") ? a.dataset.key : null;
  });
  check("scheduling cycle: the table's region takes the focus, and Tab reaches the first node's link",
    focused === "region" && next === "node-1", `${focused}, ${next}`);
  await page.locator('[data-testid="explanation"]').screenshot({ path: path.join(artifacts, "explanation-cycle.png") });
  await page.click('[data-testid="explanation"] button[aria-label^="Close the explanation"]');

  // In a narrow window the table scrolls inside its region; the page does not.
  const n = await newNarrowPage();
  await openExample(n.page, "gpu-bin-packing");
  await explainPod(n.page, "default/packed-1", h);
  const fit = await n.page.evaluate(() => {
    const region = document.querySelector('[data-testid="cycle"] [role="region"]');
    return {
      page: document.documentElement.scrollWidth,
      window: window.innerWidth,
      overflow: getComputedStyle(region).overflowX,
      inside: region.scrollWidth >= region.clientWidth && region.getBoundingClientRect().right <= window.innerWidth,
    };
  });
  check("scheduling cycle: in a narrow window the table scrolls inside its region",
    fit.page <= fit.window && fit.overflow === "auto" && fit.inside, JSON.stringify(fit));
  await n.page.screenshot({ path: path.join(artifacts, "narrow-cycle.png"), fullPage: true });
  await n.context.close();
}
