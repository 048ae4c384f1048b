// The planner page's behaviour: the form, the worker that runs the Python core, and the
// take-it-with-you actions. The plan itself is HTML made by Python (planner/web/plan_view.py),
// at build time for the first plan and in the worker for every change, so there is one
// renderer, not a Python one and a JavaScript one that could drift apart.
//
// Events for tests and the benchmark, dispatched on #bc-planner:
//   bc:ready  {ms, phases, bytecode}    the worker can plan
//   bc:plan   {status, sinceChange, workerMs}   a new plan is on the page

const STORAGE_KEY = "backchain.planner.request";
const LISTS = ["days", "equipment", "focus", "exclude", "prefer"];
const FIELDS = ["split", "days", "equipment", "level", "minutes", "weeks", "start", "focus", "exclude", "prefer", "pins"];
const FILE_STEM = "backchain-plan";
// What a share link may hold (see decodeShareLink): at least these, and always enough for
// the longest link this page can write, however large a fork's catalogue.
const LINK_FLOOR = { characters: 2000, items: 40 };
const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
// A swap made with a plan's Swap button: "<day>:<exercise>=<replacement>" (as the CLI's --pin).
const PIN = /^(mon|tue|wed|thu|fri|sat|sun):([a-z0-9][a-z0-9-]{0,79})=([a-z0-9][a-z0-9-]{0,79})$/;
const WEEKDAY = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };
const VALUE_RULES = {
  level: [NAME, "a level such as beginner"],
  minutes: [/^\d{1,4}$/, "a whole number of minutes"],
  weeks: [/^\d{1,3}$/, "a whole number of weeks"],
  start: [/^\d{4}-\d{2}-\d{2}$/, "a date written as YYYY-MM-DD"],
};

// Who a note about left-out settings speaks of (see fitToForm).
const LINK = { names: "This share link names", its: "Its" };
const SAVED = { names: "Your saved settings name", its: "Their" };

const page = document.getElementById("bc-planner");
if (page) main(page);

function main(page) {
  const form = page.querySelector("#bc-form");
  const body = page.querySelector("#bc-plan-body");
  const progress = page.querySelector("#bc-progress");
  const problem = page.querySelector("#bc-problem");
  const actions = page.querySelector("#bc-actions");
  const initial = JSON.parse(document.getElementById("bc-initial").textContent);
  const root = page.dataset.root;
  const allFocus = [...form.querySelectorAll('input[name="focus"]')].map((i) => i.value);

  // What is on screen: the request that made it, and once Python has run, the core's envelope
  // (the downloads need it; the prerendered plan ships as HTML only, to keep the page small).
  let shown = { request: initial.request, envelope: null, text: null };
  let ready = false;
  let seq = 0;
  let inflight = false;
  let queued = null;
  let pending = null;
  let changedAt = null;
  const waiting = new Map(); // JSON downloads waiting for the worker, by id
  const calls = new Map(); // planner.browser calls (Today, the log, Swap) waiting for the worker
  let failed = null;
  let gym = null; // Swap, Today and the set log (today.js), once loaded
  let note = null; // said instead of the plan summary once the next plan is drawn

  // --- the starting request: share link, then the last request, then the built-in example ----
  const { request: start, refused, adjusted } = startingRequest(initial.request, linkLimits(form), formOptions(form));
  if (refused) linkNote(form, "bc-link-refused", "alert", `This share link could not be used: ${refused}. The planner starts from your last settings, or the example, instead.`);
  if (adjusted) linkNote(form, "bc-link-adjusted", "status", adjusted);
  writeForm(form, start);
  updateCounts(form);
  const differs = canonical(readForm(form, allFocus)) !== canonical(initial.request);
  const jump = document.getElementById("bc-jump-summary");
  showSummary();
  if (differs) {
    body.classList.add("bc-stale");
    say("Showing the example plan; yours appears as soon as the planner has loaded.", true);
  }
  setActions(actions, null);

  // --- the worker --------------------------------------------------------------------------
  // The page starts the worker in an inline script at its top, so Python boots while the rest
  // of the page loads; messages that arrived before this script ran are replayed.
  const boot = window.bcWorker;
  const worker = boot.worker;
  const onMessage = (event) => {
    const message = event.data;
    if (message.type === "progress") {
      if (!changedAt && !differs) say(message.text, true);
    } else if (message.type === "ready") {
      ready = true;
      page.dataset.state = "ready";
      page.dispatchEvent(new CustomEvent("bc:ready", { bubbles: true, detail: { ms: message.ms, phases: message.phases, bytecode: message.bytecode } }));
      // Plan the current settings at once: it brings the example up to date and fills in the
      // downloads; when nothing changed the page keeps the prerendered HTML as it is.
      if (!queued) queued = readForm(form, allFocus);
      pump();
    } else if (message.type === "failed") {
      page.dataset.state = "failed";
      failed = message.text;
      for (const resolve of calls.values()) resolve(callFailed());
      calls.clear();
      page.dispatchEvent(new CustomEvent("bc:failed", { bubbles: true }));
      say(`The planner could not start (${message.text}). The plan shown is the example from the site.`);
    } else if (message.type === "plan") {
      inflight = false;
      if (queued) return pump(); // the inputs changed again meanwhile: this answer is stale
      apply(message);
    } else if (message.type === "json") {
      waiting.get(message.id)?.(message.text);
      waiting.delete(message.id);
    } else if (message.type === "call") {
      calls.get(message.id)?.(JSON.parse(message.result));
      calls.delete(message.id);
    }
  };
  page.dataset.state = "loading";
  worker.onmessage = null;
  worker.addEventListener("message", onMessage);
  boot.early.splice(0).forEach(onMessage);

  function callFailed() {
    return { status: "error", message: `The planner could not start (${failed}), so this cannot be worked out.` };
  }

  // planner.browser.<fn>(*args) in the worker; resolves with its envelope (never rejects).
  function call(fn, args) {
    if (failed) return Promise.resolve(callFailed());
    return new Promise((resolve) => {
      const id = ++seq;
      calls.set(id, resolve);
      worker.postMessage({ type: "call", id, fn, args });
    });
  }

  function showSummary() {
    const line = body.querySelector(".bc-summary");
    jump.textContent = line ? line.textContent : "";
    jump.hidden = !line;
  }

  // Swap, Today and the set log, in their own module: the plan does not wait for them.
  import(new URL(`today.js${new URL(import.meta.url).search}`, import.meta.url).href)
    .then((module) =>
      module.attach({
        page,
        root,
        call,
        plan: () => (shown.envelope && shown.envelope.status === "ok" ? shown.envelope.plan : null),
        status: () => (shown.envelope ? shown.envelope.status : null),
        request: () => shown.request,
        setPins(pins, text) {
          writePins(form, pins);
          note = text;
          changed();
        },
      }),
    )
    .then((views) => {
      gym = views;
    })
    .catch((error) => console.error("Backchain: Today and the set log could not start:", error));

  function pump() {
    if (!ready || inflight || !queued) return;
    inflight = true;
    const request = queued;
    queued = null;
    pending = request;
    worker.postMessage({ type: "plan", id: ++seq, request, linkRoot: root });
  }

  function apply(message) {
    if (!message.envelope) {
      say(`The planner hit a problem it did not expect: ${message.text}`);
      return;
    }
    const envelope = JSON.parse(message.envelope);
    const first = shown.envelope === null;
    const same = first && canonical(pending) === canonical(initial.request);
    shown = { request: pending, envelope, text: message.envelope };
    if (envelope.status === "ok") {
      if (!same) body.innerHTML = message.html;
      clearProblem(problem, form);
    } else {
      showProblem(problem, form, message.html);
      body.replaceChildren(noPlanNote());
    }
    body.dataset.status = envelope.status;
    body.classList.remove("bc-stale");
    setActions(actions, envelope);
    if (first && !changedAt) say("The planner is ready: changes update the plan at once.");
    else if (note && envelope.status === "ok") say(note);
    else say(envelope.status === "ok" ? summary(envelope) : "No plan for these settings.");
    note = null;
    showSummary();
    gym?.planChanged();
    gym?.planDrawn();
    page.dispatchEvent(
      new CustomEvent("bc:plan", {
        bubbles: true,
        detail: {
          status: envelope.status,
          sinceChange: changedAt === null ? null : performance.now() - changedAt,
          workerMs: message.ms,
        },
      }),
    );
  }

  function planJson() {
    return new Promise((resolve) => {
      const id = ++seq;
      waiting.set(id, resolve);
      worker.postMessage({ type: "json", id, envelope: shown.text });
    });
  }

  // --- the form ----------------------------------------------------------------------------
  let typing = null;
  let latest = canonical(readForm(form, allFocus));
  function changed() {
    clearTimeout(typing);
    const request = readForm(form, allFocus);
    // A number field fires "change" again when it loses focus: nothing new to plan.
    if (canonical(request) === latest) return;
    latest = canonical(request);
    changedAt = performance.now();
    updateCounts(form);
    remember(request);
    history.replaceState(null, "", `${location.pathname}?${toQuery(request)}${location.hash}`);
    queued = request;
    if (!ready) {
      body.classList.add("bc-stale");
      say("The planner is still loading; your change applies in a moment.");
    }
    pump();
  }
  form.addEventListener("change", changed);
  form.addEventListener("input", (event) => {
    // Numbers and dates update as you type, once the typing pauses.
    if (!["number", "date"].includes(event.target.type)) return;
    clearTimeout(typing);
    typing = setTimeout(changed, 250);
  });
  form.addEventListener("submit", (event) => event.preventDefault());

  // "What would work" buttons under an explanation: apply that change to the settings.
  problem.addEventListener("click", (event) => {
    const button = event.target.closest("button.bc-apply");
    if (!button) return;
    const change = JSON.parse(button.dataset.change);
    writeForm(form, { ...readForm(form, allFocus), ...change });
    changed();
    form.querySelector(`[data-field="${Object.keys(change)[0]}"] input, [data-field="${Object.keys(change)[0]}"] select`)?.focus();
  });

  // --- take it with you --------------------------------------------------------------------
  actions.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const envelope = shown.envelope;
    const action = button.dataset.action;
    if (action === "ics") {
      download(`${FILE_STEM}.ics`, envelope.ics, "text/calendar;charset=utf-8");
    } else if (action === "json") {
      download(`${FILE_STEM}.json`, await planJson(), "application/json");
    } else if (action === "markdown") {
      say((await copy(envelope.markdown)) ? "The plan is copied as Markdown." : "Copying failed; your browser blocked the clipboard.");
    } else if (action === "print") {
      window.print();
    } else if (action === "share") {
      const link = shareLink(shown.request);
      say((await copy(link)) ? `Share link copied: ${link}` : `Share link: ${link}`);
    }
  });

  // Print every week, not only the open ones; restore the reader's choice afterwards.
  let closed = [];
  window.addEventListener("beforeprint", () => {
    closed = [...body.querySelectorAll("details:not([open])")];
    closed.forEach((d) => (d.open = true));
  });
  window.addEventListener("afterprint", () => closed.forEach((d) => (d.open = false)));

  function say(text, busy = false) {
    progress.textContent = text;
    progress.classList.toggle("bc-busy", busy);
  }
}

// --- requests ----------------------------------------------------------------------------------

function startingRequest(example, limits, options) {
  const base = { ...example };
  // The example starts the Monday after the build; an old build must not plan in the past.
  if (base.start < isoDate(new Date())) base.start = nextMonday(new Date());
  // Saved settings are fitted like a link: the site may have changed since they were saved.
  const stored = recall();
  const saved = stored
    ? fitToForm({ ...base, ...stored }, new Map(Object.entries(stored)), base, options, SAVED)
    : { request: base, adjusted: null };
  const current = saved.request;
  const link = decodeShareLink(location.search, limits);
  if (link.error) return { request: current, refused: link.error, adjusted: saved.adjusted };
  if (!link.fields.size) return { request: current, refused: null, adjusted: saved.adjusted };
  // A link with the split or the days is a whole plan; one without adjusts the reader's own.
  const complete = link.fields.has("split") || link.fields.has("days");
  const fallback = complete ? base : current;
  const request = fromFields(link.fields, fallback, complete);
  return { request, refused: null, ...fitToForm(request, link.fields, fallback, options, LINK) };
}

// What the form offers. A well-formed link may still name what this page has no place for: it
// was made before a fork renamed an exercise, or by hand. The form cannot show such a value, so
// it would vanish unseen; it is left out here instead, and the reader is told.
function formOptions(form) {
  const options = { level: new Set([...form.elements.level.options].map((o) => o.value)) };
  for (const field of ["split", ...LISTS]) {
    options[field] = new Set([...form.querySelectorAll(`input[name="${field}"]`)].map((i) => i.value));
  }
  options.pins = options.exclude; // a swap names two exercises the catalogue has
  return options;
}

function fitToForm(request, given, fallback, options, who) {
  const fitted = { ...request };
  const left = [];
  const quote = (value) => `“${shorten(value)}”`;
  if (given.has("split") && !options.split.has(request.split)) {
    left.push(`the split ${quote(given.get("split"))}`);
    fitted.split = fallback.split;
  }
  for (const field of LISTS) {
    if (!given.has(field) || !Array.isArray(request[field])) continue;
    const unknown = request[field].filter((name) => !options[field].has(name));
    if (!unknown.length) continue;
    left.push(`${field} ${unknown.map(quote).join(", ")}`);
    fitted[field] = request[field].filter((name) => options[field].has(name));
    if (field === "focus" && !fitted.focus.length) fitted.focus = null;
  }
  if (given.has("pins") && Array.isArray(request.pins)) {
    const known = (pin) => {
      const [, , from, to] = PIN.exec(pin) || [];
      return options.pins.has(from) && options.pins.has(to);
    };
    const unknown = request.pins.filter((pin) => !known(pin));
    if (unknown.length) {
      left.push(`the swaps ${unknown.map(quote).join(", ")}`);
      fitted.pins = request.pins.filter(known);
    }
  }
  if (given.has("level") && !options.level.has(request.level)) {
    left.push(`the level ${quote(request.level)}`);
    fitted.level = fallback.level;
  }
  const sentences = [];
  if (left.length) sentences.push(`${who.names} what this planner does not offer, so it was left out: ${left.join("; ")}.`);
  // A plan still under way keeps its dates (its weeks stay numbered as they were); one that
  // has ended starts again next Monday.
  if (given.has("start") && planEnded(request.start, request.weeks)) {
    fitted.start = nextMonday(new Date());
    sentences.push(`${who.its} plan started on ${request.start} and has ended, so it starts again on ${fitted.start}.`);
  }
  return { request: fitted, adjusted: sentences.join(" ") || null };
}

function planEnded(start, weeks) {
  if (typeof start !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(start)) return false;
  const end = new Date(`${start}T00:00:00`);
  end.setDate(end.getDate() + 7 * (Number(weeks) || 1));
  return isoDate(end) <= isoDate(new Date());
}

// A share link is input from anyone: it may be typed, truncated by a chat app or made to
// hurt. It is read field by field against fixed rules before anything uses it, and a link
// that breaks one is refused whole, with a sentence that says why. Well-formed names the
// catalogue does not have (a split that a fork removed, say) pass here and get the core's own
// explanation, like any other setting.
// Every name the form offers, listed once per field, is the longest link the page can write.
function linkLimits(form) {
  const items = {};
  let characters = 200; // the field names, the numbers and the date
  for (const field of ["split", ...LISTS]) {
    const values = [...form.querySelectorAll(`input[name="${field}"]`)].map((i) => i.value);
    items[field] = Math.max(LINK_FLOOR.items, values.length);
    characters += values.reduce((sum, value) => sum + value.length + 1, 0);
  }
  // Swaps are measured on their own: a few per session, each "day:exercise=replacement".
  items.pins = LINK_FLOOR.items;
  const longest = Math.max(0, ...[...form.querySelectorAll('input[name="exclude"]')].map((i) => i.value.length));
  const pinCharacters = items.pins * (5 + 2 * longest);
  return { characters: Math.max(LINK_FLOOR.characters, characters), items, pinCharacters };
}

function decodeShareLink(search, limits) {
  const fields = new Map();
  const query = search.replace(/^\?/, "");
  if (!query) return { fields };
  const pins = query.split("&").find((pair) => pair.startsWith("pins="));
  const counted = query.length - (pins ? pins.length + 1 : 0);
  if (counted > limits.characters) {
    return { error: `it is ${query.length.toLocaleString("en")} characters long, and a plan's link is at most ${limits.characters.toLocaleString("en")}` };
  }
  if (pins && pins.length > limits.pinCharacters) {
    return { error: `its swaps are ${pins.length.toLocaleString("en")} characters long, and at most ${limits.pinCharacters.toLocaleString("en")} are allowed` };
  }
  for (const pair of query.split("&")) {
    if (!pair) continue;
    const at = pair.indexOf("=");
    let key;
    let value;
    try {
      key = decodeURIComponent((at < 0 ? pair : pair.slice(0, at)).replace(/\+/g, " "));
      value = at < 0 ? "" : decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
    } catch {
      return { error: `part of it (“${shorten(pair)}”) is not correctly %-encoded` };
    }
    if (!FIELDS.includes(key)) continue; // other parameters (a campaign tag, say) are not ours
    if (fields.has(key)) return { error: `it gives “${key}” more than once` };
    const problem = fieldProblem(key, value, limits);
    if (problem) return { error: problem };
    fields.set(key, value);
  }
  return { fields };
}

function fieldProblem(key, value, limits) {
  if (key === "pins") {
    const items = splitList(value);
    if (items.length > limits.items.pins) return `“pins” lists ${items.length} swaps, and at most ${limits.items.pins} are allowed`;
    const bad = items.find((item) => !PIN.test(item));
    if (bad !== undefined) return `“pins” contains “${shorten(bad)}”, which is not a swap written as day:exercise=replacement`;
    return null;
  }
  if (key === "split" || LISTS.includes(key)) {
    const items = splitList(value);
    if (items.length > limits.items[key]) {
      return `“${key}” lists ${items.length} names, and at most ${limits.items[key]} are allowed`;
    }
    const bad = items.find((item) => !NAME.test(item));
    if (bad !== undefined) {
      return `“${key}” contains “${shorten(bad)}”, which is not a name the planner uses (lowercase letters, digits and dashes)`;
    }
    return null;
  }
  const [rule, what] = VALUE_RULES[key];
  if (!rule.test(value)) return `“${key}” is “${shorten(value)}”, and it should be ${what}`;
  if (key === "start" && !onTheCalendar(value)) return `“start” is “${value}”, which is not a date on the calendar`;
  return null;
}

function onTheCalendar(isoText) {
  const [year, month, day] = isoText.split("-").map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // Date.UTC would read year 99 as 1999
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function shorten(text) {
  const plain = String(text).replace(/[\u0000-\u001f\u007f]/g, "?");
  return plain.length > 40 ? `${plain.slice(0, 40)}…` : plain;
}

// A share link names every field it sets; missing lists mean empty, missing values the example's.
function fromFields(fields, base, complete) {
  const request = { ...base };
  for (const field of FIELDS) {
    if (!fields.has(field)) {
      if (complete && (LISTS.includes(field) || field === "pins")) request[field] = field === "focus" ? null : [];
      continue;
    }
    const raw = fields.get(field);
    if (field === "split") request.split = raw.includes(",") ? splitList(raw) : raw;
    else if (LISTS.includes(field) || field === "pins") request[field] = splitList(raw);
    else if (field === "minutes" || field === "weeks") request[field] = Number(raw);
    else request[field] = raw;
  }
  if (Array.isArray(request.focus) && request.focus.length === 0) request.focus = null;
  return request;
}

function toQuery(request) {
  const params = new URLSearchParams();
  for (const field of FIELDS) {
    const value = request[field];
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length || field === "days") params.set(field, value.join(","));
    } else params.set(field, String(value));
  }
  // Commas read better than %2C in a link someone may paste into a chat.
  return params.toString().replace(/%2C/g, ",").replace(/%3A/g, ":").replace(/%3D/g, "=");
}

function shareLink(request) {
  return `${location.origin}${location.pathname}?${toQuery(request)}`;
}

function linkNote(form, id, role, text) {
  const note = document.createElement("p");
  note.id = id;
  note.className = "bc-link-note"; // refused (role=alert) or adjusted (role=status) alike
  note.setAttribute("role", role);
  // textContent: the text quotes the link, which anyone could have written.
  note.textContent = text;
  form.before(note);
}

function splitList(raw) {
  return raw.split(",").map((s) => s.trim()).filter(Boolean);
}

function canonical(request) {
  const out = {};
  for (const field of FIELDS) {
    let value = request[field] ?? null;
    if (field === "pins" && Array.isArray(value) && !value.length) value = null;
    out[field] = Array.isArray(value) ? [...value].sort() : value;
  }
  return JSON.stringify(out);
}

function remember(request) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(request));
  } catch {
    // Private browsing or storage full: the plan still works, it is just not kept.
  }
}

function recall() {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
    if (!value || typeof value !== "object") return null;
    return Object.fromEntries(FIELDS.filter((f) => f in value).map((f) => [f, value[f]]));
  } catch {
    return null;
  }
}

// --- the form ----------------------------------------------------------------------------------

function readForm(form, allFocus) {
  const data = new FormData(form);
  const number = (name) => {
    const raw = String(data.get(name) ?? "").trim();
    return /^\d+$/.test(raw) ? Number(raw) : raw;
  };
  const focus = data.getAll("focus");
  return {
    split: data.get("split") ?? "",
    days: data.getAll("days"),
    equipment: data.getAll("equipment"),
    level: data.get("level"),
    minutes: number("minutes"),
    weeks: number("weeks"),
    start: data.get("start"),
    focus: focus.length === 0 || focus.length === allFocus.length ? null : focus,
    exclude: data.getAll("exclude"),
    prefer: data.getAll("prefer"),
    // Only when there are swaps: a request without them is the one every plan before had.
    ...(data.getAll("pins").length ? { pins: [...data.getAll("pins")].sort() } : {}),
  };
}

function writeForm(form, request) {
  const split = request.split;
  for (const input of form.querySelectorAll('input[name="split"]')) input.checked = input.value === split;
  for (const name of LISTS) {
    const values = name === "focus" && request.focus === null ? null : new Set(request[name] || []);
    for (const input of form.querySelectorAll(`input[name="${name}"]`)) {
      input.checked = values === null ? true : values.has(input.value);
    }
  }
  for (const name of ["level", "minutes", "weeks", "start"]) {
    if (request[name] !== undefined && request[name] !== null) form.elements[name].value = request[name];
  }
  writePins(form, request.pins || []);
  // A preferred or excluded exercise is worth showing: open its list.
  for (const name of ["exclude", "prefer"]) {
    if ((request[name] || []).length) form.querySelector(`details[data-field="${name}"]`).open = true;
  }
}

// The swaps as checkboxes in the form, so they travel with the request like any other setting
// (saved settings, the share link) and unticking one gives the slot back to the planner.
function writePins(form, pins) {
  const names = new Map([...form.querySelectorAll('input[name="exclude"]')].map((i) => [i.value, i.parentElement.textContent.trim()]));
  const list = form.querySelector("#bc-pin-list");
  pins = Array.isArray(pins) ? pins.filter((pin) => typeof pin === "string") : [];
  list.replaceChildren(
    ...[...new Set(pins)].sort().map((pin) => {
      const [, day, from, to] = PIN.exec(pin) || [null, "", pin, pin];
      const item = document.createElement("li");
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = "pins";
      box.value = pin;
      box.checked = true;
      label.append(box, ` ${WEEKDAY[day] || day}: ${names.get(to) || to} instead of ${names.get(from) || from}`);
      item.append(label);
      return item;
    }),
  );
  form.querySelector("#bc-pins").hidden = pins.length === 0;
}

function updateCounts(form) {
  for (const badge of form.querySelectorAll("[data-count]")) {
    const name = badge.dataset.count;
    const all = form.querySelectorAll(`input[name="${name}"]`).length;
    const on = form.querySelectorAll(`input[name="${name}"]:checked`).length;
    badge.textContent = name === "focus" ? (on === all || on === 0 ? "(all)" : `(${on} of ${all})`) : on ? `(${on})` : "";
  }
}

function setActions(actions, envelope) {
  // The share link and printing need no Python; the files need the core's envelope.
  const ok = Boolean(envelope && envelope.status === "ok");
  for (const button of actions.querySelectorAll("button")) {
    const always = button.dataset.action === "share" || button.dataset.action === "print";
    button.disabled = !(always || ok);
    if (button.disabled) button.title = envelope ? "There is no plan to export" : "Available once the planner has loaded";
    else button.removeAttribute("title");
  }
}

// The core's explanation (rendered by plan_view) sits with the inputs, and the fields it is
// about are marked, so the reader sees what to change where they change it.
function showProblem(problem, form, html) {
  clearProblem(problem, form);
  const template = document.createElement("template");
  template.innerHTML = html;
  const fields = (template.content.firstElementChild?.dataset.fields || "").split(" ").filter(Boolean);
  const boxes = fields.map((f) => form.querySelector(`[data-field="${f}"]`)).filter(Boolean);
  for (const box of boxes) {
    box.classList.add("bc-invalid");
    for (const input of box.querySelectorAll("input, select")) input.setAttribute("aria-invalid", "true");
  }
  // Right under the first setting it is about, where the reader is looking.
  boxes.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const anchor = boxes.length ? boxes[0].closest(".bc-numbers") || boxes[0] : null;
  if (anchor) anchor.after(problem);
  else form.querySelector(".bc-status").before(problem);
  problem.hidden = false;
  problem.replaceChildren(template.content);
}

function clearProblem(problem, form) {
  for (const el of form.querySelectorAll(".bc-invalid")) el.classList.remove("bc-invalid");
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  problem.hidden = true;
  problem.replaceChildren();
}

function noPlanNote() {
  const note = document.createElement("p");
  note.className = "bc-no-plan";
  note.textContent = "No plan for these settings. The explanation and what would work are next to the settings.";
  return note;
}

function summary(envelope) {
  const plan = envelope.plan || {};
  const weeks = Array.isArray(plan.weeks) ? plan.weeks.length : null;
  return weeks ? `Plan updated: ${weeks} week${weeks === 1 ? "" : "s"}.` : "Plan updated.";
}

// --- files and clipboard -----------------------------------------------------------------------

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

function isoDate(date) {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 10);
}

function nextMonday(date) {
  const d = new Date(date);
  d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7));
  return isoDate(d);
}
