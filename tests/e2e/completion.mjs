// End-to-end checks of completion and hover in the editor (js/editor.js, with the names the
// worker sends after each run: src/worker/completions.rs), called by app.mjs with its helpers:
// inside a CEL expression the scenario's attribute domains and names come with their types and
// one is accepted with Enter, `device.` offers its fields, and hovering over an attribute name
// shows its value on each device.

export async function completionChecks({ browser, base, newPage, check, waitRun, editorText, problems, timeout }) {
  const { context, page } = await newPage(browser, problems);
  await page.goto(base);
  await waitRun(page);
  const at = await page.evaluate(() => {
    const view = window.DraEditor.active.view;
    const doc = view.state.doc.toString();
    const pos = doc.indexOf("model:", doc.indexOf("kind: ResourceSlice")) + 2;
    const c = view.coordsAtPos(pos);
    return c && { x: c.left + 1, y: (c.top + c.bottom) / 2 };
  });
  await page.mouse.move(at.x - 20, at.y);
  await page.mouse.move(at.x + 4, at.y, { steps: 4 });
  await page.waitForSelector('[data-testid="attribute-hover"]', { timeout });
  const hover = await page.innerText('[data-testid="attribute-hover"]');
  check("hovering over an attribute name shows its value on each device",
    hover.includes('gpu.example.com/node-1/gpu-0: "example-gpu-a"'), hover);
  await page.click('.cm-line:has-text("expression: device.driver")');
  await page.keyboard.press("End");
  await page.keyboard.type(' && device.attributes["');
  await page.waitForSelector('.cm-tooltip-autocomplete li:has-text("gpu.example.com")', { timeout });
  await page.keyboard.type('gpu.example.com"].mo');
  await page.waitForSelector('.cm-tooltip-autocomplete li:has-text("model")', { timeout });
  const offered = await page.innerText(".cm-tooltip-autocomplete");
  await page.keyboard.press("Enter");
  let text = await editorText(page);
  check("completion offers the scenario's attribute names with their types, and Enter accepts one",
    text.includes('expression: device.driver == "gpu.example.com" && device.attributes["gpu.example.com"].model') && offered.includes("string"), offered);

  await page.keyboard.type(' == "x" || device.dri');
  await page.waitForSelector('.cm-tooltip-autocomplete li:has-text("driver")', { timeout });
  await page.keyboard.press("Enter");
  text = await editorText(page);
  check("`device.` offers its fields", text.includes('.model == "x" || device.driver'));

  await context.close();
}
