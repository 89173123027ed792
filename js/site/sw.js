// The service worker (sw.js, written by js/site/service-worker.mjs with `const BUILD = {...}`
// before this text: the build's version and files). It keeps one deployment's files in one cache,
// so that a returning reader gets the first result from the cache, offline too:
//
//   - install: caches index.html (refused unless it is of this build: a deployment may have
//     replaced the site meanwhile), every file the page and the engine worker need, and the
//     CodeMirror bundle if this visit loaded it (an embed does not: the bundle is then cached
//     when a reader first asks to edit);
//   - activate: deletes the caches of every other deployment. A new service worker waits until
//     no page of the old one is open (no skipWaiting), so an open page never loses its files;
//   - fetch: the page itself from the network while online (a new deployment shows at once), else
//     from the cache; this build's other files from the cache. Their names carry content hashes:
//     a page of one deployment never gets another deployment's worker or wasm.
//
// BUILD: { version, index, core: [url], optional: [url] }

const PREFIX = "dra-playground-";
const CACHE = PREFIX + BUILD.version;
const absolute = (url) => new URL(url, self.location.href).href;
const INDEX = absolute(BUILD.index);
const PAGES = new Set([INDEX, absolute(`${BUILD.index}index.html`)]);
const FILES = new Set([...BUILD.core, ...BUILD.optional].map(absolute));

async function precache() {
  const cache = await caches.open(CACHE);
  const index = await fetch(INDEX, { cache: "no-cache" });
  if (!index.ok || !(await index.clone().text()).includes(`<meta name="dra-build" content="${BUILD.version}"`)) {
    throw new Error(`index.html is not of build ${BUILD.version}`);
  }
  await cache.put(INDEX, index);
  await cache.addAll(BUILD.core);
  for (const url of BUILD.optional) {
    const response = await fetch(url, { cache: "only-if-cached", mode: "same-origin" }).catch(() => null);
    if (response?.ok) await cache.put(url, response);
  }
}

async function dropOtherDeployments() {
  for (const key of await caches.keys()) {
    if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
  }
  await self.clients.claim();
}

async function page(request) {
  try {
    return await fetch(request);
  } catch (offline) {
    const cached = await caches.match(INDEX, { cacheName: CACHE });
    if (cached) return cached;
    throw offline;
  }
}

async function file(request, url) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(url, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(url, response.clone());
  return response;
}

self.addEventListener("install", (event) => event.waitUntil(precache()));
self.addEventListener("activate", (event) => event.waitUntil(dropOtherDeployments()));
self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const bare = url.origin + url.pathname;
  if (request.mode === "navigate" && PAGES.has(bare)) event.respondWith(page(request));
  else if (FILES.has(bare)) event.respondWith(file(request, bare));
});
