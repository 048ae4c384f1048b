// The planner's Python, off the main thread: Pyodide runs the same `planner` package as the CLI.
//
// Started as new Worker(url, {type: "module", name: JSON.stringify({root, runtime, snapshot, version})}):
// the settings travel in the worker's name, so Python starts loading the moment this module
// runs instead of after a message from a page that is still busy laying itself out.
//
// Messages in:  {type: "plan", id, request, linkRoot}   a request object (ARCHITECTURE.md)
//               {type: "json", id, envelope}     that envelope's plan as JSON text (download)
//               {type: "call", id, fn, args}     planner.browser.<fn>(*args), fn from CALLS below
//               {type: "clock", id}              Python's today, UTC offset, a random draw (tests)
// Messages out: {type: "progress", stage, text}  while Python loads
//               {type: "ready", ms, phases, bytecode, snapshot}   Python and the catalogue are
//                                                loaded (bytecode: the planner's came from the
//                                                cache; snapshot: "restored", "fallback" when
//                                                the build's snapshot failed, or "none")
//               {type: "clock", id, today, offset, timezone, random}   see CLOCK
//               {type: "plan", id, envelope, html, ms}   envelope: planner.browser.handle's JSON
//               {type: "json", id, text}         the CLI's --format json bytes
//               {type: "call", id, result}       that function's JSON envelope (text)
//               {type: "failed", text}           Python could not start (shown to the reader)
//
// Every URL is relative to the site root the page passes in, so the site works under a
// sub-path and nothing is fetched from another origin.
//
// The runtime's folder is named by a hash of its files (generator/web/webapp.py), so its files are
// read from the browser's HTTP cache whenever it has them, even stale (`force-cache`): that is
// where Chromium keeps the compiled WebAssembly, and it needs no network. Only when that fails
// (offline, with the HTTP cache emptied) does the service worker's copy take over, under the
// same folder + "offline/" (see sw.js).
//
// The build ships a memory snapshot of Python with the planner already imported (see restore()
// below): restoring it skips Python's start-up and every import, the larger part of the time
// to ready. Without it (a build made without one, or one that failed to restore), Python
// compiles every module from source on every visit. So such a visit keeps the planner's bytecode, made by this very runtime, in
// Cache Storage under the runtime folder and the build's version, and later visits put it where
// Python's import looks first (__pycache__). These are unchecked-hash .pyc files, used as they
// are; one Python cannot read makes it compile the source instead.
const BYTECODE = "backchain.bytecode"; // not "backchain-…": the service worker drops those

// The smallest valid WebAssembly module. A host whose Content-Security-Policy for this script
// lacks 'wasm-unsafe-eval' refuses to compile it; Pyodide would then log a warning and wait
// forever, so the refusal is found first and told to the reader in words.
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

function checkWebAssembly() {
  if (typeof WebAssembly !== "object") throw new Error("this browser cannot run WebAssembly");
  try {
    new WebAssembly.Module(EMPTY_MODULE);
  } catch {
    throw new Error(
      "the site's security policy does not allow WebAssembly, which Python needs " +
      "(the host must allow 'wasm-unsafe-eval' for the planner's scripts)",
    );
  }
}

async function start({ root, runtime, version, snapshot }) {
  const t0 = performance.now();
  checkWebAssembly();
  const base = new URL(root, self.location.href);
  const catalogue = fetch(new URL(`catalogue.json?v=${version}`, base)).then((r) => {
    if (!r.ok) throw new Error(`catalogue.json: HTTP ${r.status}`);
    return r.text();
  });
  progress("runtime", "Loading Python…");
  const online = new URL(runtime, base).href;
  const copy = `${online}offline/`;
  readRuntimeFromCache(online, copy);
  const bytecodeKey = `${online}bytecode?v=${version}`;
  const options = {
    lockFileURL: new URL(`pyodide/pyodide-lock.json?v=${version}`, base).href,
    stdout: () => {},
    stderr: (line) => console.warn(line),
  };
  const loader = importLoader(online, copy);
  let pyodide = null;
  let restored = "none"; // "restored", or "fallback" when a snapshot was there but not usable
  if (snapshot) {
    pyodide = await restore(loader, new URL(snapshot, base).href, options);
    restored = pyodide ? "restored" : "fallback";
  }
  let compiled = null;
  if (!pyodide) {
    const bytecode = readBytecode(bytecodeKey);
    // The wheel is named in the lock file copy the build made (pyodide lockfile add-wheels);
    // `packages` fetches it while the interpreter boots instead of after.
    pyodide = await boot(loader, { ...options, packages: ["backchain-planner"] });
    compiled = await bytecode;
  }
  const loaded = performance.now() - t0;
  progress("planner", "Loading the planner…");
  pyodide.globals.set("CATALOGUE_JSON", await catalogue);
  // Links in the copied Markdown must work wherever it is pasted: absolute, to this site.
  pyodide.globals.set("SITE_ROOT", base.href);
  if (compiled) {
    pyodide.globals.set("BYTECODE", compiled);
    pyodide.runPython(UNPACK_BYTECODE);
  }
  pyodide.runPython(`
from planner.browser import handle as _handle
import plan_view as _view
from plan_view import plan_json as plan_view_json

def _plan(request_json, root):
    envelope = _handle(CATALOGUE_JSON, request_json, SITE_ROOT)
    return [envelope, _view.render(envelope, root)]
`);
  return {
    pyodide,
    snapshot: restored,
    bytecode: Boolean(compiled),
    plan: pyodide.globals.get("_plan"),
    json: pyodide.globals.get("plan_view_json"),
    // A restored planner imported nothing from source: there is no bytecode to keep.
    keepBytecode: compiled || restored === "restored" ? null : () => keepBytecode(pyodide, bytecodeKey),
    ms: performance.now() - t0,
    phases: { runtime: loaded, imports: performance.now() - t0 - loaded },
  };
}

// The build's memory snapshot (generator/web/pyodide_snapshot.mjs): Python as it was right after
// importing every planner module, so neither Python's start-up nor any import runs here. The
// runtime still fetches and compiles its WebAssembly and the standard library (a module not
// imported before the snapshot is read from it). Any failure - no file, a damaged download
// (gzip's checksum), another runtime build (Pyodide compares build ids), another wheel (the
// key below) - is logged and the usual start follows; the reader only waits a little longer.
async function restore(loader, url, options) {
  const key = url.match(/snapshot-([0-9a-f]+)\.bin\.gz$/)?.[1];
  try {
    if (!key) throw new Error(`${url} is not named by its key`);
    const snapshot = readSnapshot(url);
    // Pyodide awaits it only once its own script is in; a failure before that is still handled.
    snapshot.catch(() => {});
    const pyodide = await boot(loader, { ...options, packages: [], _loadSnapshot: snapshot });
    const held = pyodide.runPython(AFTER_RESTORE);
    if (held !== key) throw new Error(`it holds the planner ${held}, not ${key}`);
    return pyodide;
  } catch (error) {
    console.warn(`Backchain: the planner's Python snapshot was not restored (${error && error.message ? error.message : error}); starting Python the usual way.`);
    return null;
  }
}

async function readSnapshot(url) {
  const response = await fetch(url); // readRuntimeFromCache's: HTTP cache, then the offline copy
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const raw = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(raw).arrayBuffer());
}

// What Python takes for now, here, and a draw from `random`: the tests compare them with the
// browser's after a restore ({type: "clock"} in, the same out with these fields).
const CLOCK = `
def _clock():
    import datetime, json, random, time
    now = datetime.datetime.now().astimezone()
    return json.dumps({"today": datetime.date.today().isoformat(),
                       "offset": now.utcoffset().total_seconds() / 60,
                       "timezone": -time.timezone / 60, "random": random.getrandbits(52)})

_clock()
`;

// Run first in restored memory. The snapshot was made with a fixed clock, time zone (UTC) and
// random stream, so two builds give the same bytes. Local time itself is right: localtime()
// asks the browser on every call. But `time`'s constants were read at the build, and Pyodide
// has no time.tzset() to read them again, so they are set here from localtime's offsets in
// January and July (the names as the runtime writes them, "UTC+0100"; only strftime's %Z keeps
// the build's). `random` is reseeded from the browser's entropy, so two readers, or two
// visits, never share a sequence. hash() of str keeps the snapshot's seed: it cannot change
// once Python runs, and nothing the planner shows depends on it.
const AFTER_RESTORE = `
def _after_restore():
    import sys, time
    year = time.localtime().tm_year
    offsets = [time.localtime(time.mktime((year, month, 1, 12, 0, 0, 0, 0, -1))).tm_gmtoff
               for month in (1, 7)]
    std, dst = min(offsets), max(offsets)
    def name(offset):
        sign = "+" if offset >= 0 else "-"
        return "UTC%s%02d%02d" % (sign, abs(offset) // 3600, abs(offset) % 3600 // 60)
    time.timezone, time.altzone, time.daylight = -std, -dst, int(std != dst)
    time.tzname = (name(std), name(dst))
    if "random" in sys.modules:
        sys.modules["random"].seed()
    return SNAPSHOT_KEY

_after_restore()
`;

const UNPACK_BYTECODE = `
def _unpack(blob):
    import marshal, os
    for path, data in marshal.loads(blob).items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as file:
            file.write(data)

_unpack(BYTECODE.to_bytes())
del BYTECODE, _unpack
`;

const PACK_BYTECODE = `
def _pack():
    import importlib.util, marshal, py_compile, sys
    files = {}
    for name, module in sorted(sys.modules.items()):
        if name == "plan_view" or name.split(".")[0] == "planner":
            source = module.__spec__.origin
            target = importlib.util.cache_from_source(source)
            py_compile.compile(source, target, doraise=True,
                               invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
            with open(target, "rb") as file:
                files[target] = file.read()
    return marshal.dumps(files)

_pack()
`;

async function readBytecode(key) {
  try {
    const hit = await (await caches.open(BYTECODE)).match(key);
    return hit ? new Uint8Array(await hit.arrayBuffer()) : null;
  } catch {
    return null; // no Cache Storage here (a private window, say): compile as usual
  }
}

async function keepBytecode(pyodide, key) {
  try {
    const packed = pyodide.runPython(PACK_BYTECODE);
    const bytes = packed.toJs();
    packed.destroy();
    const cache = await caches.open(BYTECODE);
    for (const old of await cache.keys()) await cache.delete(old); // an older build's
    await cache.put(key, new Response(bytes));
  } catch (error) {
    console.info("Backchain: compiled planner not kept:", error.message);
  }
}

// Pyodide's loader, from the HTTP cache or the network, else (a module script the HTTP cache no
// longer holds, and no network to fetch it from) the service worker's copy.
async function importLoader(online, copy) {
  try {
    return { indexURL: online, ...(await import(`${online}pyodide.mjs`)) };
  } catch {
    return { indexURL: copy, ...(await import(`${copy}pyodide.mjs`)) };
  }
}

async function boot(loader, options) {
  const { loadPyodide, indexURL } = await loader;
  return loadPyodide({ ...options, indexURL });
}

// Pyodide fetches the WebAssembly and the standard library with the global fetch(); these
// files never change at their URL, so a stored copy is used without asking the server, and
// the service worker's copy when there is none and no network either.
function readRuntimeFromCache(online, copy) {
  const fetchFromNetwork = self.fetch.bind(self);
  self.fetch = async (resource, init) => {
    const url = resource instanceof Request ? resource.url : String(resource);
    if (!url.startsWith(online) || url.startsWith(copy)) return fetchFromNetwork(resource, init);
    try {
      const response = await fetchFromNetwork(url, { ...init, cache: "force-cache" });
      if (response.ok) return response;
    } catch {
      // Offline: try the service worker's copy below.
    }
    return fetchFromNetwork(copy + url.slice(online.length), init);
  };
}

function progress(stage, text) {
  self.postMessage({ type: "progress", stage, text });
}

function run(state, message) {
  const t0 = performance.now();
  const result = state.plan(JSON.stringify(message.request), message.linkRoot);
  const [envelope, html] = result.toJs();
  result.destroy();
  self.postMessage({ type: "plan", id: message.id, envelope, html, ms: performance.now() - t0 });
  if (state.keepBytecode) {
    // After the first plan is on its way, while the reader looks at it.
    setTimeout(state.keepBytecode, 0);
    state.keepBytecode = null;
  }
}

// {type: "call", id, fn, args} -> {type: "call", id, result}: planner.browser.<fn>(*args), for the
// Today and Log views (planner/web/today.js). Only these names; each returns a JSON envelope
// and never raises. `alternatives` gets the catalogue this worker already holds as its first
// argument, so the page does not send it.
const CALLS = ["alternatives", "parse_log_json", "log_csv", "log_from_csv", "next_targets", "history"];
const CALL_PY = `
def _call(fn, args_json):
    import json
    import planner.browser as web
    args = json.loads(args_json)
    if fn == "alternatives":
        args = [CATALOGUE_JSON, *args]
    return getattr(web, fn)(*args)
`;

function call(state, fn, args) {
  if (!CALLS.includes(fn)) throw new Error(`“${fn}” is not one of the planner's functions`);
  if (!state.call) {
    // Defined in the interpreter's main namespace (where start() put the planner's globals),
    // reached through a function start() defined there, so start() itself needs no change.
    const scope = state.plan.__globals__;
    scope.get("__builtins__").exec(CALL_PY, scope);
    state.call = scope.get("_call");
    scope.destroy();
  }
  return state.call(fn, JSON.stringify(args ?? []));
}

const ready = start(JSON.parse(self.name));
ready.then(
  (state) => self.postMessage({ type: "ready", ms: state.ms, phases: state.phases, bytecode: state.bytecode, snapshot: state.snapshot }),
  (error) => self.postMessage({ type: "failed", text: String(error && error.message ? error.message : error) }),
);

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === "json") {
    // The JSON download, written by Python so it matches the CLI's bytes (1.0 stays 1.0).
    const state = await ready;
    self.postMessage({ type: "json", id: message.id, text: state.json(message.envelope) });
  } else if (message.type === "clock") {
    self.postMessage({ type: "clock", id: message.id, ...JSON.parse((await ready).pyodide.runPython(CLOCK)) });
  } else if (message.type === "call") {
    let result = null;
    try {
      result = call(await ready, message.fn, message.args);
    } catch (error) {
      // An unknown name or a bug in the core (bad input comes back as status "error").
      result = JSON.stringify({ status: "error", message: `The planner could not do that: ${error.message || error}` });
    }
    self.postMessage({ type: "call", id: message.id, result });
  } else if (message.type === "plan") {
    try {
      run(await ready, message);
    } catch (error) {
      // A bug in the core, not a bad request (those come back as status "error").
      self.postMessage({ type: "plan", id: message.id, envelope: null, html: null, ms: 0, text: String(error) });
    }
  }
});
