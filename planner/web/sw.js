// Backchain's service worker: the whole site, the planner and its Python runtime, offline.
//
// Written into the built site by generator/web/webapp.py (write_service_worker), which fills in the
// precache list and a cache name derived from a hash of every precached file. A new deployment
// therefore means a new worker and a new cache, filled completely before it takes over; pages,
// the planner's scripts, the wheel and the lock file always come from one build.
//
// URLs are relative to this file, which sits at the site root, so a sub-path (GitHub Pages'
// /<repo>/) needs nothing special.
const CACHE = __CACHE_NAME__;
const PREFIX = __CACHE_PREFIX__;
const OFFLINE = __OFFLINE__;
const PRECACHE = __PRECACHE__;
// The Pyodide runtime's folder, named by a hash of its files, so a URL there never changes
// meaning. The service worker stays out of the way of these files: Chromium keeps compiled
// WebAssembly and JavaScript only for responses it loads itself (or a service worker merely
// passes through, which here streamed the 10 MB runtime at a fraction of the speed), and
// compiling the runtime again costs about a second on every visit. The planner's worker reads
// them from the browser's HTTP cache, and asks for the copy this worker keeps, under
// RUNTIME + "offline/", only when that fails (see worker.js).
const RUNTIME = __RUNTIME__ && new URL(__RUNTIME__, self.location.href).href;
const RUNTIME_COPY = RUNTIME && `${RUNTIME}offline/`;

// Cache keys carry no query string: `?v=` only busts HTTP caches, and `?split=…` is read by the
// planner page's script. One exact lookup per request, instead of a scan of every entry.
const key = (url) => {
  const u = new URL(url, self.location.href);
  return u.origin + u.pathname;
};

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      if (!OFFLINE) return self.skipWaiting();
      // `no-cache` asks the server every time (an old copy cannot slip into a new build) but
      // lets it answer "not modified" for what the page has just downloaded. The runtime's
      // URLs never change meaning, and revalidating them would cost Chromium the compiled code
      // it keeps with the HTTP cache entry, so they are taken as stored. Everything is fetched
      // before anything is stored, so a failed fill leaves no half-new cache behind.
      const responses = await Promise.all(
        PRECACHE.map(async (url) => {
          const immutable = RUNTIME && new URL(url, self.location.href).href.startsWith(RUNTIME);
          const mode = immutable ? "force-cache" : "no-cache";
          const response = await fetch(new Request(url, { cache: mode }));
          if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
          return [key(url), response];
        }),
      );
      const cache = await caches.open(CACHE);
      await Promise.all(responses.map(([url, response]) => cache.put(url, response)));
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// A page asks for this when the reader accepts the update notice (see register-sw.js).
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (!OFFLINE || request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (RUNTIME && request.url.startsWith(RUNTIME)) {
    if (request.url.startsWith(RUNTIME_COPY)) event.respondWith(runtimeCopy(request));
    return; // the browser's own HTTP cache and network, see RUNTIME above
  }
  event.respondWith(respond(request, url));
});

async function cached(url) {
  const cache = await caches.open(CACHE);
  return cache.match(key(url));
}

async function respond(request, url) {
  let hit = await cached(url);
  if (!hit && url.pathname.endsWith("/index.html")) {
    hit = await cached(url.href.slice(0, url.href.lastIndexOf("/") + 1));
  }
  if (hit) return hit;
  try {
    return await fetch(request);
  } catch (error) {
    if (request.mode === "navigate") {
      const notFound = await cached("404.html");
      if (notFound) return notFound;
    }
    throw error;
  }
}

async function runtimeCopy(request) {
  const original = RUNTIME + request.url.slice(RUNTIME_COPY.length);
  return (await cached(original)) || Response.error();
}
