// The planner's Python, off the main thread: Pyodide runs the same `planner` package as the CLI.
//
// Started as new Worker(url, {type: "module", name: JSON.stringify({root, runtime, version})}):
// the settings travel in the worker's name, so Python starts loading the moment this module
// runs instead of after a message from a page that is still busy laying itself out.
//
// Messages in:  {type: "plan", id, request, linkRoot}   a request object (ARCHITECTURE.md)
//               {type: "json", id, envelope}     that envelope's plan as JSON text (download)
//               {type: "call", id, fn, args}     planner.web.<fn>(*args), fn from CALLS below
// Messages out: {type: "progress", stage, text}  while Python loads
//               {type: "ready", ms, phases, bytecode}   Python and the catalogue are loaded
//                                                (bytecode: the planner's came from the cache)
//               {type: "plan", id, envelope, html, ms}   envelope: planner.web.handle's JSON
//               {type: "json", id, text}         the CLI's --format json bytes
//               {type: "call", id, result}       that function's JSON envelope (text)
//               {type: "failed", text}           Python could not start (shown to the reader)
//
// Every URL is relative to the site root the page passes in, so the site works under a
// sub-path and nothing is fetched from another origin.
//
// The runtime's folder is named by a hash of its files (generator/webapp.py), so its files are
// read from the browser's HTTP cache whenever it has them, even stale (`force-cache`): that is
// where Chromium keeps the compiled WebAssembly, and it needs no network. Only when that fails
// (offline, with the HTTP cache emptied) does the service worker's copy take over, under the
// same folder + "offline/" (see sw.js).
//
// Python compiles every module from source on every visit, a good part of the planner's
// start-up. So the first visit keeps the planner's bytecode, made by this very runtime, in
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

async function start({ root, runtime, version }) {
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
  const bytecode = readBytecode(bytecodeKey);
  const options = {
    lockFileURL: new URL(`pyodide/pyodide-lock.json?v=${version}`, base).href,
    // The wheel is named in the lock file copy the build made (pyodide lockfile add-wheels);
    // `packages` fetches it while the interpreter boots instead of after.
    packages: ["backchain-planner"],
    stdout: () => {},
    stderr: (line) => console.warn(line),
  };
  let pyodide;
  try {
    pyodide = await boot(online, options);
  } catch (error) {
    // A module script the HTTP cache no longer holds, and no network to fetch it from.
    pyodide = await boot(copy, options);
  }
  const loaded = performance.now() - t0;
  progress("planner", "Loading the planner…");
  pyodide.globals.set("CATALOGUE_JSON", await catalogue);
  // Links in the copied Markdown must work wherever it is pasted: absolute, to this site.
  pyodide.globals.set("SITE_ROOT", base.href);
  const compiled = await bytecode;
  if (compiled) {
    pyodide.globals.set("BYTECODE", compiled);
    pyodide.runPython(UNPACK_BYTECODE);
  }
  pyodide.runPython(`
from planner.web import handle as _handle
import plan_view as _view
from plan_view import plan_json as plan_view_json

def _plan(request_json, root):
    envelope = _handle(CATALOGUE_JSON, request_json, SITE_ROOT)
    return [envelope, _view.render(envelope, root)]
`);
  return {
    plan: pyodide.globals.get("_plan"),
    json: pyodide.globals.get("plan_view_json"),
    keepBytecode: compiled ? null : () => keepBytecode(pyodide, bytecodeKey),
    ms: performance.now() - t0,
    phases: { runtime: loaded, imports: performance.now() - t0 - loaded },
  };
}

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

async function boot(indexURL, options) {
  const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
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

// {type: "call", id, fn, args} -> {type: "call", id, result}: planner.web.<fn>(*args), for the
// Today and Log views (planner/web/today.js). Only these names; each returns a JSON envelope
// and never raises. `alternatives` gets the catalogue this worker already holds as its first
// argument, so the page does not send it.
const CALLS = ["alternatives", "parse_log_json", "log_csv", "log_from_csv", "next_targets", "history"];
const CALL_PY = `
def _call(fn, args_json):
    import json
    import planner.web as web
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
  (state) => self.postMessage({ type: "ready", ms: state.ms, phases: state.phases, bytecode: !state.keepBytecode }),
  (error) => self.postMessage({ type: "failed", text: String(error && error.message ? error.message : error) }),
);

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === "json") {
    // The JSON download, written by Python so it matches the CLI's bytes (1.0 stays 1.0).
    const state = await ready;
    self.postMessage({ type: "json", id: message.id, text: state.json(message.envelope) });
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
