// The planner's Python, off the main thread: Pyodide runs the same `planner` package as the CLI.
//
// Messages in:  {type: "init", root, version}   once, from planner.js
//               {type: "plan", id, request, linkRoot}   a request object (ARCHITECTURE.md)
//               {type: "json", id, envelope}     that envelope's plan as JSON text (download)
// Messages out: {type: "progress", stage, text}  while Python loads
//               {type: "ready", ms, phases}      Python and the catalogue are loaded
//               {type: "plan", id, envelope, html, ms}   envelope: planner.web.handle's JSON
//               {type: "json", id, text}         the CLI's --format json bytes
//               {type: "failed", text}           Python could not start (shown to the reader)
//
// Every URL is relative to the site root the page passes in, so the site works under a
// sub-path and nothing is fetched from another origin.
import { loadPyodide } from "../../pyodide/pyodide.mjs";

let ready = null;

async function start({ root, version }) {
  const base = new URL(root, self.location.href);
  const catalogue = fetch(new URL(`catalogue.json?v=${version}`, base)).then((r) => {
    if (!r.ok) throw new Error(`catalogue.json: HTTP ${r.status}`);
    return r.text();
  });
  const t0 = performance.now();
  progress("runtime", "Loading Python…");
  // The wheel is named in the lock file copy the build made (pyodide lockfile add-wheels);
  // `packages` fetches it while the interpreter boots instead of after.
  const pyodide = await loadPyodide({
    indexURL: new URL("pyodide/", base).href,
    lockFileURL: new URL(`pyodide/pyodide-lock.json?v=${version}`, base).href,
    packages: ["backchain-planner"],
    stdout: () => {},
    stderr: (line) => console.warn(line),
  });
  const loaded = performance.now() - t0;
  progress("planner", "Loading the planner…");
  pyodide.globals.set("CATALOGUE_JSON", await catalogue);
  // Links in the copied Markdown must work wherever it is pasted: absolute, to this site.
  pyodide.globals.set("SITE_ROOT", base.href);
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
    ms: performance.now() - t0,
    phases: { runtime: loaded, imports: performance.now() - t0 - loaded },
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
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === "init") {
    if (ready) return;
    ready = start(message);
    try {
      const state = await ready;
      self.postMessage({ type: "ready", ms: state.ms, phases: state.phases });
    } catch (error) {
      self.postMessage({ type: "failed", text: String(error && error.message ? error.message : error) });
    }
  } else if (message.type === "json") {
    // The JSON download, written by Python so it matches the CLI's bytes (1.0 stays 1.0).
    const state = await ready;
    self.postMessage({ type: "json", id: message.id, text: state.json(message.envelope) });
  } else if (message.type === "plan") {
    try {
      run(await ready, message);
    } catch (error) {
      // A bug in the core, not a bad request (those come back as status "error").
      self.postMessage({ type: "plan", id: message.id, envelope: null, html: null, ms: 0, text: String(error) });
    }
  }
});
