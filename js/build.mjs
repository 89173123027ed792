// Bundles js/editor.js (CodeMirror 6 and the playground's glue) into target/js/editor.js, one
// minified classic script that sets window.DraEditor. Run by trunk as a pre-build hook
// (Trunk.toml) and usable by hand: `node js/build.mjs`.
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
await build({
  entryPoints: [path.join(root, "js/editor.js")],
  outfile: path.join(root, "target/js/editor.js"),
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none",
  logLevel: "warning",
});
