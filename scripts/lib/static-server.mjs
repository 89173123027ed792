// A small static file server for dist/ on loopback, answering as the deploy guide asks a host to
// (README, "Deploy"; the rules are in js/site/headers.mjs): the precompressed `.br`/`.gz` beside
// a file when Accept-Encoding allows it (or, for a build without them, compressed once in memory,
// as CDNs do), Content-Type, Cache-Control by name, ETag with 304 answers, and the CSP header.
// Used by the first-load benchmark (scripts/bench-load.mjs) and the e2e tests (tests/e2e/app.mjs).

import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { CONTENT_SECURITY_POLICY, CONTENT_TYPES, ENCODINGS, cacheControl } from "../../js/site/headers.mjs";

/** The encodings the client accepts, by name (q=0 refuses one). */
function accepted(header = "") {
  const names = new Set();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (name && !(q && Number(q.slice(2)) === 0)) names.add(name);
  }
  return names;
}

function compress(encoding, body) {
  return encoding === "br"
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body, { level: 9 });
}

/**
 * Serves `dir` on 127.0.0.1 (a free port unless `port` is given). Options: `encodings`, the
 * encodings offered (default br and gzip; [] serves everything uncompressed); `csp`, whether to
 * send the Content-Security-Policy header (default true); `log(entry)`,
 * called per answered request with {path, status, encoding, bytes}.
 * Files without precompressed variants are compressed before the server starts, so that no
 * answer waits for a compressor. Resolves to the started node:http server.
 */
export async function serveStatic(dir, { encodings = ENCODINGS.map((e) => e.name), csp = true, port = 0, log } = {}) {
  const root = path.resolve(dir);
  const inMemory = new Map();
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isFile() || !(path.extname(entry.name) in CONTENT_TYPES)) continue;
    for (const encoding of encodings) await variant(path.join(root, entry.name), encoding);
  }

  async function variant(file, encoding) {
    const suffix = ENCODINGS.find((e) => e.name === encoding).suffix;
    try {
      return await readFile(file + suffix);
    } catch {
      const key = `${encoding}:${file}`;
      if (!inMemory.has(key)) inMemory.set(key, compress(encoding, await readFile(file)));
      return inMemory.get(key);
    }
  }

  const server = createServer(async (req, res) => {
    try {
      const urlPath = decodeURIComponent(new URL(req.url, "http://x").pathname);
      const name = urlPath.endsWith("/") ? "index.html" : path.basename(urlPath);
      const file = path.join(root, urlPath.endsWith("/") ? path.join(urlPath, "index.html") : urlPath);
      if (!file.startsWith(root + path.sep) || !(await stat(file)).isFile()) throw new Error("not found");
      const ext = path.extname(file);
      if (!(ext in CONTENT_TYPES)) throw new Error("not served");
      const raw = await readFile(file);
      const wanted = accepted(req.headers["accept-encoding"]);
      const encoding = encodings.find((e) => wanted.has(e));
      const body = encoding ? await variant(file, encoding) : raw;
      const etag = `"${createHash("sha256").update(raw).digest("base64url").slice(0, 22)}${encoding ? `-${encoding}` : ""}"`;
      const headers = {
        "content-type": CONTENT_TYPES[ext],
        "cache-control": cacheControl(name),
        "x-content-type-options": "nosniff",
        vary: "Accept-Encoding",
        etag,
      };
      if (csp) headers["content-security-policy"] = CONTENT_SECURITY_POLICY;
      if (encoding) headers["content-encoding"] = encoding;
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, headers);
        res.end();
        log?.({ path: urlPath, status: 304, encoding, bytes: 0 });
        return;
      }
      headers["content-length"] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
      log?.({ path: urlPath, status: 200, encoding, bytes: body.length });
    } catch {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end("not found");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}
