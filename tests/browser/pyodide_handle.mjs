// Runs planner.browser.handle under real Pyodide in Node, from the npm package and the wheel the
// build made, for a list of requests; the test compares the answers with CPython's.
//
// usage: node pyodide_handle.mjs <pyodide dir> <lock file> <catalogue.json> <requests.json> <out.json>
// requests.json is a JSON list of request JSON strings; out.json gets the list of envelopes.
import { readFile, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, lockFile, cataloguePath, requestsPath, outPath] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);

const pyodide = await loadPyodide({
  indexURL: pyodideDir + path.sep,
  lockFileURL: lockFile,
  packages: ["backchain-planner"],
  stdout: () => {},
});
pyodide.globals.set("CATALOGUE_JSON", await readFile(cataloguePath, "utf8"));
pyodide.globals.set("REQUESTS_JSON", await readFile(requestsPath, "utf8"));
const answers = pyodide.runPython(`
import json, sys
import planner
from planner.browser import handle
assert sys.platform == "emscripten", sys.platform
assert "site-packages" in planner.__file__, planner.__file__  # the wheel, not the checkout

def answer(request_json):
    # handle() promises never to raise; if it does, that outcome is compared too.
    try:
        return handle(CATALOGUE_JSON, request_json)
    except Exception as exc:
        return f"exception: {type(exc).__name__}: {exc}"

json.dumps([answer(r) for r in json.loads(REQUESTS_JSON)])
`);
await writeFile(outPath, answers, "utf8");
