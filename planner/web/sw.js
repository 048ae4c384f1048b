// Backchain's service worker: the whole site, the planner and its Python runtime, offline.
//
// Written into the built site by generator/webapp.py (write_service_worker), which fills in the
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

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      if (!OFFLINE) return self.skipWaiting();
      const cache = await caches.open(CACHE);
      // `no-cache` asks the server every time (an old copy cannot slip into a new build) but
      // lets it answer "not modified" for what the page has just downloaded.
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "no-cache" })));
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
  event.respondWith(respond(request, url));
});

async function respond(request, url) {
  const cache = await caches.open(CACHE);
  // Query strings never change a static file: ?v= busts HTTP caches, ?split=… is read by the
  // planner page's script.
  let hit = await cache.match(request, { ignoreSearch: true });
  if (!hit && url.pathname.endsWith("/index.html")) {
    hit = await cache.match(url.pathname.slice(0, -"index.html".length), { ignoreSearch: true });
  }
  if (hit) return hit;
  try {
    return await fetch(request);
  } catch (error) {
    if (request.mode === "navigate") {
      const notFound = await cache.match(new URL("404.html", self.location.href));
      if (notFound) return notFound;
    }
    throw error;
  }
}
