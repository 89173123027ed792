// The HTTP headers the site needs from whatever host serves dist/: one place for each rule, used
// by the post-build step (the CSP meta tag), the loopback server of the benchmark and the e2e
// tests (scripts/lib/static-server.mjs), and described in README's "Deploy" section.

/**
 * The Content-Security-Policy: only the site's own scripts, styles, workers and wasm; no inline
 * script, no eval (`'wasm-unsafe-eval'` allows compiling WebAssembly, nothing else). `data:`
 * images are CodeMirror's lint-marker icons. `frame-ancestors` is left open on purpose (the
 * `?embed` view is meant for iframes on other sites), and cannot be given in a meta tag anyway.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join("; ");

/** The service worker's file: its address must stay the same from one deployment to the next. */
export const SERVICE_WORKER = "sw.js";

/** Files that must be revalidated on every visit: they name everything else. */
export const ENTRY_FILES = ["index.html", SERVICE_WORKER];

/** Files other sites load by a fixed address (stable-files.mjs): revalidated like the entry files. */
export const STABLE_FILES = ["embed.js", "badge.svg"];

/** Cache-Control of a file in dist/ by its name: every other file has a content hash in its name. */
export function cacheControl(name) {
  return ENTRY_FILES.includes(name) || STABLE_FILES.includes(name) ? "no-cache" : "public, max-age=31536000, immutable";
}

/** Content-Type by extension (WebAssembly must be application/wasm for streaming compilation). */
export const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** Precompressed variants beside each file, in the order a server prefers them. */
export const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
];
