// The set log, on this device only: IndexedDB, with the page's memory when that cannot be used.
//
// One database ("backchain-log"), two stores: "sets" (one record per ticked set, keyed by its
// id, in the shape of planner/log.py's sets) and "meta" ({key: "schema", version}). The record
// shape is the log file's schema, version SCHEMA; a database written by a newer version is
// left exactly as it is (this page reads nothing from it and writes nothing to it).
//
// IndexedDB lives apart from the service worker's Cache Storage, so a new deployment (a new
// cache, the old one deleted whole) never touches the log. When IndexedDB cannot be opened
// (a private window, a browser setting) or a write fails (storage full), the store carries on
// in memory and `problem` says so in a sentence; the page shows it and keeps working.

export const SCHEMA = 1;
const NAME = "backchain-log";
const VERSION = 1; // the IndexedDB version (its stores), not the log's schema

export async function openLog() {
  let db = null;
  let problem = null;
  try {
    db = await openDatabase();
    const meta = await request(db.transaction("meta").objectStore("meta").get("schema"));
    if (meta && meta.version > SCHEMA) {
      db.close();
      db = null;
      problem =
        `The set log on this device was written by a newer version of Backchain (schema ${meta.version}); ` +
        "this page leaves it untouched and keeps today's sets only until you close it.";
    } else if (!meta) {
      await done(tx(db, ["meta"], (t) => t.objectStore("meta").put({ key: "schema", version: SCHEMA })));
    }
  } catch (error) {
    db = null;
    problem = unavailable(error);
  }
  const memory = new Map();
  if (db) {
    for (const set of await request(db.transaction("sets").objectStore("sets").getAll())) memory.set(set.id, set);
  }
  return new LogStore(db, memory, problem);
}

class LogStore {
  constructor(db, memory, problem) {
    this.db = db;
    this.memory = memory;
    this.problem = problem;
  }

  get saving() {
    return this.db !== null;
  }

  all() {
    return [...this.memory.values()].sort(compareSets);
  }

  log() {
    return { schema_version: SCHEMA, sets: this.all() };
  }

  async put(set) {
    this.memory.set(set.id, set);
    await this.write((t) => t.objectStore("sets").put(set));
  }

  async remove(id) {
    this.memory.delete(id);
    await this.write((t) => t.objectStore("sets").delete(id));
  }

  // The whole log at once, in one transaction: an import either lands whole or not at all.
  async replace(sets) {
    this.memory = new Map(sets.map((set) => [set.id, set]));
    await this.write((t) => {
      const store = t.objectStore("sets");
      store.clear();
      for (const set of sets) store.put(set);
    });
  }

  async write(work) {
    if (!this.db) return;
    try {
      await done(tx(this.db, ["sets"], work, "readwrite"));
    } catch (error) {
      // Storage full, or the browser took the database away: carry on in memory.
      try {
        this.db.close();
      } catch {
        // already gone
      }
      this.db = null;
      this.problem = unavailable(error);
      this.onProblem?.(this.problem);
    }
  }
}

function unavailable(error) {
  const name = error && error.name;
  if (name === "QuotaExceededError") {
    return "This device's storage is full, so sets are no longer saved: they stay on this page until you close it. Export the log to keep them.";
  }
  return "This browser does not let the page save the set log (a private window does this), so sets stay on this page until you close it. Export the log to keep them.";
}

function openDatabase() {
  return new Promise((resolve, reject) => {
    let opening;
    try {
      opening = indexedDB.open(NAME, VERSION);
    } catch (error) {
      reject(error);
      return;
    }
    opening.onupgradeneeded = () => {
      const db = opening.result;
      if (!db.objectStoreNames.contains("sets")) db.createObjectStore("sets", { keyPath: "id" });
      if (!db.objectStoreNames.contains("meta")) db.createObjectStore("meta", { keyPath: "key" });
    };
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
    opening.onblocked = () => reject(new Error("blocked"));
  });
}

function tx(db, stores, work, mode = "readwrite") {
  const t = db.transaction(stores, mode);
  work(t);
  return t;
}

function done(t) {
  return new Promise((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error || new DOMException("aborted", "AbortError"));
  });
}

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

export function compareSets(a, b) {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.exercise < b.exercise ? -1 : a.exercise > b.exercise ? 1 : a.set - b.set;
}
