// Makes the planner's Pyodide memory snapshot at build time (generator/web/webapp.py runs this).
//
// usage: node pyodide_snapshot.mjs <pyodide dir> <wheel> <module names, JSON list> <key> <out file>
// <key> (the hash of the runtime and the wheel that names the snapshot file) is left in
// Python's globals as SNAPSHOT_KEY: the worker restores only a snapshot holding the key it
// expects.
//
// Python starts from the very runtime files the site ships (node_modules/pyodide, checked by
// generator/web/runtime_integrity.py), installs the planner wheel and imports every module in it,
// then the whole WebAssembly memory is written out. The worker restores it (worker.js) and so
// skips Python's start-up and every import. The options are Pyodide's private ones
// (`_makeSnapshot`, `makeMemorySnapshot`), as its own tests use them.
//
// Pitfalls this avoids:
// - loadPackage before a snapshot leaves a JS object in Python's table ("Unexpected hiwire
//   entry", pyodide#5195); unpacking the wheel's bytes with unpackArchive does not.
// - Any JavaScript object Python still holds makes makeMemorySnapshot throw, so nothing from
//   JavaScript is left in Python's globals.
// - The memory must keep its initial size, or the restore fails ("offset is out of bounds",
//   pyodide#6254): checked below, so the build stops instead of shipping a snapshot that breaks.
// - The same build must give the same bytes (tests/site/test_reproducible.py): the random
//   bytes Python asks for while it starts (hash seed, `random`'s seed) come from a fixed
//   stream here, and the clock and time zone are fixed. The worker reseeds `random` and reads
//   the reader's time zone after every restore, so no reader gets these.
import { readFile, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import path from "node:path";
import nodeCrypto from "node:crypto";

const [pyodideDir, wheelPath, modulesJson, key, outPath] = process.argv.slice(2);

// A fixed stream of "random" bytes (xorshift32), for reproducible snapshots only. In Node the
// runtime reads node:crypto's randomFillSync (Emscripten's initRandomFill).
let state = 0x9e3779b9;
function fixedRandom(view) {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let i = 0; i < bytes.length; i++) {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    bytes[i] = state & 0xff;
  }
  return view;
}
nodeCrypto.randomFillSync = fixedRandom;
globalThis.crypto.getRandomValues = fixedRandom;
// The wall clock starts at 2000-01-01 and moves a millisecond per reading: file times in Python's
// import caches then come out the same on every build, whatever the real date.
// The monotonic clock likewise: CPython's allocator (mimalloc) mixes it into its random seed.
let clock = Date.UTC(2000, 0, 1);
Date.now = () => clock++;
let ticks = 0;
performance.now = () => (ticks += 0.001);

const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: pyodideDir + path.sep,
  _makeSnapshot: true,
  // sys.executable as in a browser, not this script's path (which names the checkout).
  _sysExecutable: "./this.program",
  stdout: () => {},
  stderr: (line) => process.stderr.write(line + "\n"),
});
const initial = pyodide._module.HEAP8.length;
pyodide.unpackArchive(new Uint8Array(await readFile(wheelPath)), "wheel");
pyodide.globals.set("MODULES", modulesJson);
pyodide.globals.set("SNAPSHOT_KEY", key);
pyodide.runPython(`
# Every module of the wheel: its .py files are gone after a restore (they live in the file
# system, which is not in the snapshot), so one imported later could not be found.
import importlib, json
for _name in json.loads(MODULES):
    importlib.import_module(_name)
del MODULES, _name, importlib, json
import gc
gc.collect()
del gc
`);
const grown = pyodide._module.HEAP8.length;
if (grown !== initial) {
  console.error(`Python's memory grew from ${initial} to ${grown} bytes while importing the planner: a snapshot of it could not be restored (pyodide#6254)`);
  process.exit(3);
}
await writeFile(outPath, pyodide.makeMemorySnapshot());
