// Runs planner.browser.handle in Python restored from the build's memory snapshot (the very file
// the site ships), for a list of requests; the test compares the answers with CPython's.
//
// usage: node pyodide_snapshot_handle.mjs <pyodide dir> <snapshot.bin.gz> <catalogue.json> <requests.json> <out.json>
import { readFile, writeFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, snapshotPath, cataloguePath, requestsPath, outPath] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);

const pyodide = await loadPyodide({
  indexURL: pyodideDir + path.sep,
  _loadSnapshot: new Uint8Array(gunzipSync(await readFile(snapshotPath))),
  stdout: () => {},
});
pyodide.globals.set("CATALOGUE_JSON", await readFile(cataloguePath, "utf8"));
pyodide.globals.set("REQUESTS_JSON", await readFile(requestsPath, "utf8"));
const answers = pyodide.runPython(`
import json, os, sys
import planner
from planner.browser import handle
assert sys.platform == "emscripten", sys.platform
# Restored, not installed: the wheel's files are not on this file system, only in memory.
assert not os.path.exists(planner.__file__), planner.__file__

def answer(request_json):
    try:
        return handle(CATALOGUE_JSON, request_json)
    except Exception as exc:
        return f"exception: {type(exc).__name__}: {exc}"

json.dumps([answer(r) for r in json.loads(REQUESTS_JSON)])
`);
await writeFile(outPath, answers, "utf8");
