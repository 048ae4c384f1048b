// Using the plan in the gym: Swap an exercise, Today's session with a rest timer, and the set
// log. Loaded by planner.js once the page is up; the numbers come from the Python core in the
// worker (planner.browser.alternatives, next_targets, history, parse_log_json, log_csv,
// log_from_csv), the sets are kept by log-store.js on this device and are sent nowhere.
//
// Every name shown here comes from the plan or the catalogue, which a fork may change: the DOM
// is built with textContent, never from HTML strings. The one exception is the history chart,
// an SVG the core writes (and escapes); it is parsed as SVG, which runs no script, and any
// <script> or event attribute in it is dropped before it is shown.
//
// Events for tests and the benchmark, dispatched on #bc-planner:
//   bc:today  {ms}       Today's exercises and checkboxes are on the page (ms: to draw them)
//   bc:targets {}        Today's targets from the log are filled in
//   bc:logged {ms}       a ticked set has been recorded (ms: main-thread work of the tick)
//   bc:log   {sets}      the Log view has been drawn

const WEEKDAY_NAMES = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MAX_IMPORT = 5 * 1024 * 1024; // the core checks the same limit on the text
const LOG_STEM = "backchain-log";
const SHOWN_PER_EXERCISE = 50;
const SVG_NS = "http://www.w3.org/2000/svg";

export async function attach(options) {
  const { page } = options;
  const search = new URL(import.meta.url).search;
  const { openLog } = await import(new URL(`log-store.js${search}`, import.meta.url).href);
  const store = await openLog();
  const view = new GymViews(page, store, options);
  store.onProblem = (text) => view.showProblem(text);
  if (store.problem) view.showProblem(store.problem);
  view.start();
  return view;
}

class GymViews {
  constructor(page, store, { call, plan, status, request, setPins, root }) {
    this.page = page;
    this.status = status;
    this.store = store;
    this.call = call;
    this.plan = plan;
    this.request = request;
    this.setPins = setPins;
    this.root = root;
    this.names = exerciseNames(page);
    this.today = isoDate(new Date());
    this.selected = null; // "week:weekday" of the session shown in Today
    this.timer = new RestTimer(page);
    this.targetsSeq = 0;
    this.logDirty = true;
    this.els = {
      body: page.querySelector("#bc-today-body"),
      select: page.querySelector("#bc-today-day"),
      logBody: page.querySelector("#bc-log-body"),
      logStatus: page.querySelector("#bc-log-status"),
      file: page.querySelector("#bc-log-file"),
      planBody: page.querySelector("#bc-plan-body"),
    };
  }

  start() {
    const { select, body, logBody, planBody, file } = this.els;
    select.addEventListener("change", () => {
      this.selected = select.value;
      this.renderToday();
    });
    body.addEventListener("change", (event) => this.onTodayChange(event));
    body.addEventListener("toggle", (event) => this.onHistory(event), true);
    logBody.addEventListener("toggle", (event) => this.onHistory(event), true);
    logBody.addEventListener("click", (event) => this.onLogClick(event));
    this.page.querySelector("#bc-log").addEventListener("click", (event) => this.onLogAction(event));
    file.addEventListener("change", () => this.importFile());
    planBody.addEventListener("click", (event) => this.onSwapClick(event));
    planBody.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && event.target.closest(".bc-swap-panel")) this.closeSwap(true);
    });
    this.renderLog();
    this.planChanged();
  }

  showProblem(text) {
    for (const note of this.page.querySelectorAll(".bc-storage-note")) {
      note.hidden = false;
      note.textContent = text;
    }
  }

  // --- the plan changed (or arrived): Today follows it ------------------------------------

  planChanged() {
    const plan = this.plan();
    const { select, body } = this.els;
    this.sessions = [];
    if (!plan) {
      select.disabled = true;
      body.replaceChildren(paragraph("bc-hint", this.status() ? "There is no plan for these settings, so there is no session to show. Change the settings above." : "Today's session appears once the planner has loaded."));
      return;
    }
    for (const week of plan.weeks || []) {
      for (const session of week.sessions || []) this.sessions.push({ week, session, key: `${week.number}:${session.weekday}` });
    }
    const keys = new Set(this.sessions.map((s) => s.key));
    if (!this.selected || !keys.has(this.selected)) this.selected = this.defaultSession();
    select.replaceChildren(
      ...this.sessions.map(({ week, session, key }) => {
        const when = session.date === this.today ? " (today)" : "";
        const option = new Option(`Week ${week.number}, ${session.weekday_name} ${shortDate(session.date)}${when}: ${session.session_name}`, key);
        option.selected = key === this.selected;
        return option;
      }),
    );
    select.disabled = false;
    this.renderToday();
  }

  defaultSession() {
    const today = this.sessions.find((s) => s.session.date === this.today);
    if (today) return today.key;
    const next = this.sessions.find((s) => s.session.date > this.today);
    return (next || this.sessions[this.sessions.length - 1] || { key: null }).key;
  }

  current() {
    return this.sessions.find((s) => s.key === this.selected) || null;
  }

  // --- Today -------------------------------------------------------------------------------

  renderToday() {
    const t0 = performance.now();
    const chosen = this.current();
    const { body } = this.els;
    if (!chosen) {
      body.replaceChildren(paragraph("bc-hint", "This plan has no sessions."));
      return;
    }
    const { week, session } = chosen;
    const done = this.todaysSets();
    const heading = document.createElement("p");
    heading.className = "bc-today-when";
    const when = session.date === this.today ? "today" : session.date < this.today ? `planned for ${longDate(session.date)}` : `planned for ${longDate(session.date)}; sets you tick are logged as today's`;
    heading.textContent = `${session.weekday_name}, week ${week.number}${week.deload ? " (deload)" : ""}: ${session.session_name}, about ${session.estimated_minutes} min, ${when}.`;
    const list = document.createElement("ol");
    list.className = "bc-today-list";
    for (const exercise of session.exercises) list.append(this.exerciseCard(exercise, session, done.get(exercise.id) || new Map()));
    body.replaceChildren(heading, list);
    this.page.dispatchEvent(new CustomEvent("bc:today", { bubbles: true, detail: { ms: performance.now() - t0 } }));
    this.fillTargets();
  }

  todaysSets() {
    const byExercise = new Map();
    for (const set of this.store.all()) {
      if (set.date !== this.today) continue;
      if (!byExercise.has(set.exercise)) byExercise.set(set.exercise, new Map());
      byExercise.get(set.exercise).set(set.set, set);
    }
    return byExercise;
  }

  exerciseCard(exercise, session, logged) {
    const item = document.createElement("li");
    item.className = "bc-today-ex";
    item.dataset.exercise = exercise.id;
    item.dataset.restMin = exercise.rest_seconds_min;
    item.dataset.restMax = exercise.rest_seconds_max;
    // Bodyweight and band work log 0 kg; weights need the load that was lifted.
    item.dataset.weighted = String((exercise.progression || {}).kind === "load");
    const title = document.createElement("h3");
    const link = document.createElement("a");
    link.href = this.root + exercise.url;
    link.textContent = exercise.name;
    title.append(link);
    const target = paragraph("bc-target", targetText(exercise, null));
    const reason = paragraph("bc-target-reason", "");
    reason.hidden = true;
    const sets = document.createElement("ol");
    sets.className = "bc-sets";
    const count = Math.max(exercise.sets, ...logged.keys());
    for (let n = 1; n <= count; n += 1) sets.append(this.setRow(exercise, session, n, logged.get(n)));
    const next = paragraph("bc-next", "");
    next.hidden = true;
    next.setAttribute("aria-live", "polite");
    item.append(title, target, reason, sets, next, historyBox(exercise));
    return item;
  }

  setRow(exercise, session, n, record) {
    const row = document.createElement("li");
    row.className = "bc-set";
    row.dataset.set = n;
    if (record) row.dataset.id = record.id;
    const id = `bc-set-${exercise.id}-${n}`;
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = id;
    box.checked = Boolean(record);
    box.className = "bc-set-done";
    const label = document.createElement("label");
    label.htmlFor = id;
    label.className = "bc-set-label";
    label.textContent = `Set ${n}`;
    const sr = document.createElement("span");
    sr.className = "bc-sr";
    sr.textContent = ` of ${exercise.name} done`;
    label.append(sr);
    const weighted = (exercise.progression || {}).kind === "load";
    const load = numberField("kg", `Set ${n} load in kg`, "load", record ? record.load : weighted ? "" : 0, { min: 0, step: "any", inputmode: "decimal" });
    const reps = numberField("reps", `Set ${n} reps`, "reps", record ? record.reps : exercise.reps_min, { min: 0, step: 1, inputmode: "numeric" });
    const rir = numberField("in reserve", `Set ${n} reps in reserve`, "rir", record ? record.rir : exercise.rir_max, { min: 0, max: 10, step: 1, inputmode: "numeric" });
    const problem = paragraph("bc-set-problem", "");
    problem.hidden = true;
    problem.id = `${id}-problem`;
    problem.setAttribute("role", "alert");
    row.append(box, label, load, reps, rir, problem);
    return row;
  }

  async fillTargets() {
    const chosen = this.current();
    const plan = this.plan();
    if (!chosen || !plan) return;
    const seq = ++this.targetsSeq;
    const planJson = JSON.stringify(plan);
    const before = { schema_version: 1, sets: this.store.all().filter((s) => s.date < this.today) };
    const answer = await this.call("next_targets", [planJson, JSON.stringify(before), chosen.week.number]);
    if (seq !== this.targetsSeq) return; // another session was chosen meanwhile
    if (answer.status === "ok") {
      const targets = new Map(answer.targets.map((t) => [t.id ?? t.exercise, t]));
      for (const item of this.els.body.querySelectorAll(".bc-today-ex")) {
        const target = targets.get(item.dataset.exercise);
        if (!target) continue;
        item.querySelector(".bc-target").textContent = targetText(null, target);
        const reason = item.querySelector(".bc-target-reason");
        reason.textContent = target.reason;
        reason.hidden = !target.reason;
        item.dataset.action = target.action;
        this.prefill(item, target);
      }
    }
    await this.fillNext();
    if (seq === this.targetsSeq) this.page.dispatchEvent(new CustomEvent("bc:targets", { bubbles: true, detail: { status: answer.status } }));
  }

  // The target's numbers in the sets not yet ticked (a ticked set shows what was done).
  prefill(item, target) {
    const rows = [...item.querySelectorAll(".bc-set")];
    while (rows.length < target.sets) {
      const exercise = this.current().session.exercises.find((e) => e.id === item.dataset.exercise);
      const row = this.setRow(exercise, this.current().session, rows.length + 1, null);
      item.querySelector(".bc-sets").append(row);
      rows.push(row);
    }
    rows.forEach((row, i) => {
      if (row.querySelector(".bc-set-done").checked) return;
      row.hidden = i >= target.sets; // a deload asks for fewer sets
      if (target.load !== null && target.load !== undefined) row.querySelector('[data-field="load"]').value = target.load;
      row.querySelector('[data-field="reps"]').value = target.reps_min;
      row.querySelector('[data-field="rir"]').value = target.rir_max;
    });
  }

  // After sets are logged today: what the core asks for next time, from the whole log.
  async fillNext() {
    const chosen = this.current();
    const plan = this.plan();
    if (!chosen || !plan) return;
    const done = this.todaysSets();
    const items = [...this.els.body.querySelectorAll(".bc-today-ex")];
    for (const item of items) if (!done.has(item.dataset.exercise)) item.querySelector(".bc-next").hidden = true;
    if (!items.some((item) => done.has(item.dataset.exercise))) return;
    const answer = await this.call("next_targets", [JSON.stringify(plan), JSON.stringify(this.store.log()), chosen.week.number]);
    if (answer.status !== "ok") return;
    const targets = new Map(answer.targets.map((t) => [t.id ?? t.exercise, t]));
    for (const item of this.els.body.querySelectorAll(".bc-today-ex")) {
      const target = targets.get(item.dataset.exercise);
      const next = item.querySelector(".bc-next");
      if (!target || !this.todaysSets().has(item.dataset.exercise)) {
        next.hidden = true;
        continue;
      }
      next.hidden = false;
      next.dataset.action = target.action;
      next.dataset.load = target.load ?? "";
      const strong = document.createElement("strong");
      strong.textContent = "Next time: ";
      next.replaceChildren(strong, `${targetText(null, target)}. ${target.reason}`);
    }
  }

  onTodayChange(event) {
    const t0 = performance.now();
    const row = event.target.closest(".bc-set");
    if (!row) return;
    const item = row.closest(".bc-today-ex");
    const box = row.querySelector(".bc-set-done");
    if (event.target === box && !box.checked) {
      if (row.dataset.id) this.store.remove(row.dataset.id);
      delete row.dataset.id;
      this.afterLogChange();
      return;
    }
    if (!box.checked) return; // a number changed on a set not yet ticked
    const values = readSet(row, item.dataset.weighted === "true");
    const problem = row.querySelector(".bc-set-problem");
    if (values.error) {
      box.checked = false;
      problem.textContent = values.error;
      problem.hidden = false;
      for (const input of row.querySelectorAll("input[type=number]")) input.removeAttribute("aria-invalid");
      const field = row.querySelector(`[data-field="${values.field}"]`);
      field.setAttribute("aria-invalid", "true");
      box.setAttribute("aria-describedby", problem.id);
      if (event.target === box) field.focus();
      if (row.dataset.id) {
        this.store.remove(row.dataset.id);
        delete row.dataset.id;
        this.afterLogChange();
      }
      return;
    }
    problem.hidden = true;
    box.removeAttribute("aria-describedby");
    for (const input of row.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    const chosen = this.current();
    const fresh = !row.dataset.id;
    const record = {
      id: row.dataset.id || newId(),
      date: this.today,
      day: chosen.session.weekday,
      exercise: item.dataset.exercise,
      set: Number(row.dataset.set),
      load: values.load,
      reps: values.reps,
      rir: values.rir,
    };
    row.dataset.id = record.id;
    this.store.put(record);
    if (fresh && event.target === box) {
      const name = item.querySelector("h3").textContent;
      this.timer.start(Number(item.dataset.restMin), Number(item.dataset.restMax), `${name}, set ${record.set}`);
    }
    this.afterLogChange();
    this.page.dispatchEvent(new CustomEvent("bc:logged", { bubbles: true, detail: { ms: performance.now() - t0 } }));
  }

  afterLogChange() {
    this.logDirty = true;
    clearTimeout(this.nextTimer);
    // Off the tick's own frame: the next targets come from the worker, the log list is redrawn.
    this.nextTimer = setTimeout(() => {
      this.fillNext();
      this.renderLog();
    }, 150);
  }

  // --- history charts (Today's rows and the Log view) --------------------------------------

  async onHistory(event) {
    const box = event.target;
    if (!(box instanceof HTMLDetailsElement) || !box.classList.contains("bc-history") || !box.open) return;
    const holder = box.querySelector(".bc-history-chart");
    holder.replaceChildren(paragraph("bc-hint", "Drawing the chart…"));
    const { exercise, name } = box.dataset;
    const answer = await this.call("history", [JSON.stringify(this.store.log()), exercise, name]);
    const svg = answer.status === "ok" ? safeSvg(answer.svg) : null;
    if (svg) holder.replaceChildren(svg);
    else holder.replaceChildren(paragraph("bc-hint", answer.status === "ok" ? "The chart appears once you have logged this exercise in two sessions." : answer.message));
  }

  // --- Swap ----------------------------------------------------------------------------------

  async onSwapClick(event) {
    const choice = event.target.closest("button[data-swap-to]");
    if (choice) return this.choose(choice);
    if (event.target.closest("button.bc-swap-cancel")) return this.closeSwap(true);
    const button = event.target.closest("button.bc-swap");
    if (!button) return;
    const open = this.swapPanel;
    this.closeSwap(false);
    if (open && open.button === button) {
      button.focus();
      return;
    }
    const { day, exercise } = button.dataset;
    const name = button.closest("li").querySelector("a").textContent;
    const panel = document.createElement("div");
    panel.className = "bc-swap-panel";
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", `Alternatives to ${name} on ${WEEKDAY_NAMES[day] || day}`);
    const status = paragraph("bc-hint", "Looking for exercises that fit this slot…");
    status.setAttribute("role", "status");
    panel.append(status);
    button.setAttribute("aria-expanded", "true");
    button.closest("li").append(panel);
    this.swapPanel = { panel, button, day, exercise, name };
    const answer = await this.call("alternatives", [JSON.stringify(this.request()), day, exercise]);
    if (this.swapPanel?.panel !== panel) return;
    const list = document.createElement("ul");
    list.className = "bc-swap-list";
    const alternatives = answer.status === "ok" ? answer.alternatives : [];
    for (const alt of alternatives) {
      const li = document.createElement("li");
      const use = document.createElement("button");
      use.type = "button";
      use.className = "md-button bc-swap-choice";
      use.dataset.swapTo = alt.id;
      use.dataset.name = alt.name;
      use.textContent = `Use ${alt.name}`;
      li.append(use, paragraph("bc-reason", alt.reason));
      list.append(li);
    }
    status.textContent =
      answer.status !== "ok"
        ? answer.message
        : alternatives.length
          ? `${alternatives.length} exercise${alternatives.length === 1 ? "" : "s"} can take this slot; the rest of the week is re-planned around your choice.`
          : "No other exercise fits this slot with your equipment and level.";
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "md-button bc-swap-cancel";
    cancel.textContent = `Keep ${name}`;
    panel.append(list, cancel);
    (list.querySelector("button") || cancel).focus();
  }

  closeSwap(refocus) {
    const open = this.swapPanel;
    if (!open) return;
    this.swapPanel = null;
    open.panel.remove();
    open.button.setAttribute("aria-expanded", "false");
    if (refocus) open.button.focus();
  }

  choose(choice) {
    const { day, exercise, name } = this.swapPanel;
    const to = choice.dataset.swapTo;
    const pins = [...(this.request().pins || [])];
    // A pinned exercise is swapped again: the pin keeps the plan's own exercise as its key.
    const existing = pins.findIndex((p) => p.startsWith(`${day}:`) && p.endsWith(`=${exercise}`));
    const original = existing >= 0 ? pins[existing].slice(day.length + 1, pins[existing].indexOf("=")) : exercise;
    if (existing >= 0) pins.splice(existing, 1);
    if (to !== original) pins.push(`${day}:${original}=${to}`);
    this.closeSwap(false);
    this.refocus = { day, exercise: to };
    this.setPins(pins, `${WEEKDAY_NAMES[day] || day}: ${choice.dataset.name} instead of ${name}. The week is re-planned around it.`);
  }

  // After a swap re-planned the week, focus goes back to the swapped exercise's Swap button.
  planDrawn() {
    const want = this.refocus;
    this.refocus = null;
    if (!want) return;
    const button = this.els.planBody.querySelector(`.bc-session[data-weekday="${want.day}"] li[data-exercise="${cssId(want.exercise)}"] .bc-swap`);
    button?.focus();
  }

  // --- the Log view --------------------------------------------------------------------------

  renderLog(force = false) {
    const t0 = performance.now();
    // A set being edited keeps its form: the list is redrawn when the edit is saved or cancelled.
    if (!force && this.els.logBody.querySelector(".bc-log-set.bc-editing")) {
      this.logDirty = true;
      return;
    }
    this.logDirty = false;
    const sets = this.store.all();
    const { logBody } = this.els;
    if (!sets.length) {
      logBody.replaceChildren(paragraph("bc-hint", "No sets logged yet. Tick a set in Today's session and it appears here."));
      this.page.dispatchEvent(new CustomEvent("bc:log", { bubbles: true, detail: { sets: 0, ms: performance.now() - t0 } }));
      return;
    }
    const byExercise = new Map();
    for (const set of sets) {
      if (!byExercise.has(set.exercise)) byExercise.set(set.exercise, []);
      byExercise.get(set.exercise).push(set);
    }
    const open = new Set([...logBody.querySelectorAll("details.bc-history[open]")].map((d) => d.dataset.exercise));
    const sections = [...byExercise.entries()]
      .map(([id, list]) => [id, this.nameOf(id), list])
      .sort((a, b) => a[1].localeCompare(b[1], "en"))
      .map(([id, name, list]) => {
        const section = document.createElement("section");
        section.className = "bc-log-ex";
        section.dataset.exercise = id;
        const title = document.createElement("h3");
        title.textContent = name;
        const rows = document.createElement("ol");
        rows.className = "bc-log-sets";
        rows.reversed = true;
        const newest = [...list].reverse();
        for (const set of newest.slice(0, SHOWN_PER_EXERCISE)) rows.append(this.logRow(set, name));
        section.append(title, historyBox({ id, name }, open.has(id)));
        section.append(rows);
        if (newest.length > SHOWN_PER_EXERCISE) section.append(paragraph("bc-hint", `The latest ${SHOWN_PER_EXERCISE} of ${newest.length} sets; export the log to see them all.`));
        return section;
      });
    const count = paragraph("bc-log-count", `${sets.length} set${sets.length === 1 ? "" : "s"} of ${byExercise.size} exercise${byExercise.size === 1 ? "" : "s"}, kept on this device${this.store.saving ? "" : " until you close the page"}.`);
    logBody.replaceChildren(count, ...sections);
    for (const box of logBody.querySelectorAll("details.bc-history[open]")) this.onHistory({ target: box });
    this.page.dispatchEvent(new CustomEvent("bc:log", { bubbles: true, detail: { sets: sets.length, ms: performance.now() - t0 } }));
  }

  nameOf(id) {
    return this.names.get(id) || id;
  }

  logRow(set, name) {
    const row = document.createElement("li");
    row.className = "bc-log-set";
    row.dataset.id = set.id;
    const text = document.createElement("span");
    text.className = "bc-log-text";
    text.textContent = `${longDate(set.date)}, set ${set.set}: ${formatLoad(set.load)} × ${set.reps}, ${set.rir} in reserve${set.note ? ` (${set.note})` : ""}`;
    const edit = button("Edit", `Edit ${name}, set ${set.set} on ${longDate(set.date)}`, "edit");
    const remove = button("Delete", `Delete ${name}, set ${set.set} on ${longDate(set.date)}`, "delete");
    row.append(text, edit, remove);
    return row;
  }

  async onLogClick(event) {
    const control = event.target.closest("button[data-log-row]");
    if (!control) return;
    const row = control.closest(".bc-log-set");
    const set = this.store.memory.get(row.dataset.id);
    const action = control.dataset.logRow;
    const name = this.nameOf(set?.exercise);
    if (!set) return;
    if (action === "delete") {
      const list = row.parentElement;
      const next = row.nextElementSibling || row.previousElementSibling;
      await this.store.remove(set.id);
      this.say(`Deleted ${name}, set ${set.set} on ${longDate(set.date)}.`);
      this.renderLog(true);
      this.renderTodayKeepingFocus();
      const again = next && this.els.logBody.querySelector(`li[data-id="${cssId(next.dataset.id)}"] button[data-log-row="delete"]`);
      (again || this.page.querySelector("#bc-log-heading")).focus();
      void list;
    } else if (action === "edit") {
      row.replaceChildren(...this.editForm(set, name));
      row.classList.add("bc-editing");
      row.querySelector("input").focus();
    } else if (action === "cancel") {
      this.renderLog(true);
      this.focusRow(set.id, "edit");
    } else if (action === "save") {
      const values = readSet(row);
      const date = row.querySelector('[data-field="date"]').value;
      const problem = row.querySelector(".bc-set-problem");
      const error = values.error || (/^\d{4}-\d{2}-\d{2}$/.test(date) ? null : "Enter the date as a day on the calendar.");
      if (error) {
        problem.textContent = error;
        problem.hidden = false;
        return;
      }
      await this.store.put({ ...set, date, load: values.load, reps: values.reps, rir: values.rir });
      this.say(`Saved ${name}, set ${set.set} on ${longDate(date)}.`);
      this.renderLog(true);
      this.renderTodayKeepingFocus();
      this.focusRow(set.id, "edit");
    }
  }

  focusRow(id, action) {
    this.els.logBody.querySelector(`li[data-id="${cssId(id)}"] button[data-log-row="${action}"]`)?.focus();
  }

  editForm(set, name) {
    const what = `${name}, set ${set.set}`;
    const date = document.createElement("label");
    date.className = "bc-num";
    const dateInput = document.createElement("input");
    dateInput.type = "date";
    dateInput.value = set.date;
    dateInput.dataset.field = "date";
    dateInput.setAttribute("aria-label", `${what} date`);
    date.append(dateInput, span("date"));
    const problem = paragraph("bc-set-problem", "");
    problem.hidden = true;
    problem.setAttribute("role", "alert");
    return [
      date,
      numberField("kg", `${what} load in kg`, "load", set.load, { min: 0, step: "any", inputmode: "decimal" }),
      numberField("reps", `${what} reps`, "reps", set.reps, { min: 0, step: 1, inputmode: "numeric" }),
      numberField("in reserve", `${what} reps in reserve`, "rir", set.rir, { min: 0, max: 10, step: 1, inputmode: "numeric" }),
      button("Save", `Save ${what}`, "save"),
      button("Cancel", `Cancel editing ${what}`, "cancel"),
      problem,
    ];
  }

  renderTodayKeepingFocus() {
    const focused = document.activeElement;
    if (focused && this.els.body.contains(focused)) return; // the reader is there; it is current
    this.renderToday();
  }

  say(text) {
    this.els.logStatus.textContent = text;
  }

  async onLogAction(event) {
    const control = event.target.closest("button[data-log]");
    if (!control) return;
    const action = control.dataset.log;
    if (action === "json") {
      const answer = await this.call("parse_log_json", [JSON.stringify(this.store.log())]);
      if (answer.status !== "ok") return this.say(answer.message);
      download(`${LOG_STEM}.json`, `${JSON.stringify(answer.log, null, 2)}\n`, "application/json");
      this.say(`The log (${this.store.all().length} sets) is downloaded as ${LOG_STEM}.json.`);
    } else if (action === "csv") {
      const answer = await this.call("log_csv", [JSON.stringify(this.store.log())]);
      if (answer.status !== "ok") return this.say(answer.message);
      download(`${LOG_STEM}.csv`, answer.csv, "text/csv;charset=utf-8");
      this.say(`The log (${this.store.all().length} sets) is downloaded as ${LOG_STEM}.csv.`);
    } else if (action === "import") {
      this.els.file.value = "";
      this.els.file.click();
    } else if (action === "clear") {
      const sure = this.page.querySelector("#bc-log-clear-sure");
      sure.hidden = false;
      sure.querySelector("button").focus();
    } else if (action === "clear-yes") {
      const count = this.store.all().length;
      await this.store.replace([]);
      this.page.querySelector("#bc-log-clear-sure").hidden = true;
      this.say(`The log is cleared: ${count} set${count === 1 ? "" : "s"} deleted from this device.`);
      this.renderLog(true);
      this.renderToday();
      this.page.querySelector('#bc-log-actions button[data-log="clear"]').focus();
    } else if (action === "clear-no") {
      this.page.querySelector("#bc-log-clear-sure").hidden = true;
      this.page.querySelector('#bc-log-actions button[data-log="clear"]').focus();
    }
  }

  // An imported file replaces the log only when the core accepts all of it.
  async importFile() {
    const file = this.els.file.files[0];
    if (!file) return;
    const refuse = (reason) => {
      this.say(`${file.name} was not imported: ${reason.replace(/\.$/, "")}. The log on this device is unchanged.`);
      this.page.dispatchEvent(new CustomEvent("bc:import", { bubbles: true, detail: { ok: false } }));
    };
    if (file.size > MAX_IMPORT) return refuse(`it is ${(file.size / 1048576).toFixed(1)} MB, and a log file can be at most 5 MB`);
    let text;
    try {
      text = await file.text();
    } catch {
      return refuse("the browser could not read it");
    }
    const csv = /\.csv$/i.test(file.name) || !/^\s*[{[]/.test(text);
    const answer = await this.call(csv ? "log_from_csv" : "parse_log_json", [text]);
    if (answer.status !== "ok") return refuse(answer.message);
    const sets = (answer.log.sets || []).map((set) => ({ ...set, id: set.id || newId() }));
    const before = this.store.all().length;
    await this.store.replace(sets);
    this.say(`Imported ${sets.length} set${sets.length === 1 ? "" : "s"} from ${file.name}; they replace the ${before} that were on this device.`);
    this.renderLog(true);
    this.renderToday();
    this.page.dispatchEvent(new CustomEvent("bc:import", { bubbles: true, detail: { ok: true } }));
  }
}

// --- the rest timer ----------------------------------------------------------------------------

class RestTimer {
  constructor(page) {
    this.box = page.querySelector("#bc-timer");
    this.time = page.querySelector("#bc-timer-time");
    this.label = page.querySelector("#bc-timer-label");
    this.awake = page.querySelector("#bc-timer-awake");
    this.announce = page.querySelector("#bc-timer-say");
    this.interval = null;
    this.lock = null;
    page.querySelector("#bc-timer-stop").addEventListener("click", () => this.stop("Rest timer stopped."));
    document.addEventListener("visibilitychange", () => {
      // The browser lets go of the lock when the page is hidden; ask again on return.
      if (document.visibilityState === "hidden") this.release();
      else if (this.interval) this.keepAwake();
    });
  }

  start(min, max, what) {
    clearInterval(this.interval);
    this.min = min;
    this.max = Math.max(min, max);
    this.started = Date.now();
    this.stage = 0;
    // Where the keyboard was (the set's tick box): focus goes back there when the timer closes.
    if (!this.box.contains(document.activeElement)) this.returnTo = document.activeElement;
    this.box.hidden = false;
    this.box.dataset.state = "running";
    this.label.textContent = `Rest ${min === max ? min : `${min}–${max}`} s after ${what}.`;
    this.say(`Rest timer started: ${min === max ? min : `${min} to ${max}`} seconds.`);
    this.tick();
    this.interval = setInterval(() => this.tick(), 1000);
    this.keepAwake();
  }

  tick() {
    const elapsed = Math.floor((Date.now() - this.started) / 1000);
    if (elapsed < this.min) {
      this.time.textContent = `${clock(this.min - elapsed)} until your next set`;
    } else if (elapsed < this.max) {
      if (this.stage < 1) {
        this.stage = 1;
        this.box.dataset.state = "ready";
        this.say(`${this.min} seconds rested: start the next set when you are ready.`);
      }
      this.time.textContent = `Ready: start within ${clock(this.max - elapsed)}`;
    } else {
      this.finish();
    }
  }

  finish() {
    clearInterval(this.interval);
    this.interval = null;
    this.box.dataset.state = "done";
    this.time.textContent = "Rest is over: start your next set";
    this.say(`${this.max} seconds: rest is over.`);
    this.release();
  }

  stop(text) {
    if (this.box.hidden) return;
    clearInterval(this.interval);
    this.interval = null;
    // A hidden button keeps the focus in some browsers: a keyboard user would be left nowhere.
    const hadFocus = this.box.contains(document.activeElement);
    this.box.hidden = true;
    if (hadFocus) {
      const back = this.returnTo?.isConnected ? this.returnTo : document.querySelector("#bc-today-day");
      back.focus({ preventScroll: true });
    }
    this.box.dataset.state = "stopped";
    this.say(text);
    this.release();
  }

  async keepAwake() {
    if (!("wakeLock" in navigator) || this.lock || document.visibilityState !== "visible") return;
    try {
      this.lock = await navigator.wakeLock.request("screen");
      this.awake.hidden = false;
      this.lock.addEventListener("release", () => {
        this.lock = null;
        this.awake.hidden = true;
      });
      if (!this.interval) this.release(); // the timer ended while the lock was on its way
    } catch {
      this.lock = null; // not allowed here (battery saver, a browser setting): the timer still runs
    }
  }

  release() {
    const lock = this.lock;
    this.lock = null;
    this.awake.hidden = true;
    lock?.release().catch(() => {});
  }

  // Said once at the start, once when the shortest rest is over and once at the end: a screen
  // reader is not told every second (the clock itself has aria-live off).
  say(text) {
    this.announce.textContent = text;
  }
}

// --- small helpers -------------------------------------------------------------------------------

function exerciseNames(page) {
  const names = new Map();
  for (const input of page.querySelectorAll('input[name="exclude"]')) names.set(input.value, input.parentElement.textContent.trim());
  return names;
}

function targetText(exercise, target) {
  const t = target || {
    sets: exercise.sets, reps_min: exercise.reps_min, reps_max: exercise.reps_max, rir_min: exercise.rir_min, rir_max: exercise.rir_max, load: null,
  };
  const dose = `${t.sets} × ${span2(t.reps_min, t.reps_max)}, ${span2(t.rir_min, t.rir_max)} in reserve`;
  if (t.load === null || t.load === undefined) return `${dose}${target ? "" : ", rest " + span2(exercise.rest_seconds_min, exercise.rest_seconds_max) + " s"}`;
  return `${dose}, ${formatLoad(t.load)}`;
}

function formatLoad(load) {
  return load === 0 ? "bodyweight" : `${Number(load).toLocaleString("en", { maximumFractionDigits: 2 })} kg`;
}

function span2(a, b) {
  return a === b ? String(a) : `${a}–${b}`;
}

function readSet(row, weighted = false) {
  const value = (field) => row.querySelector(`[data-field="${field}"]`).value.trim();
  if (weighted && value("load") === "") return { error: "Enter the load you lifted, in kg, then tick the set.", field: "load" };
  const load = value("load") === "" ? 0 : Number(value("load"));
  if (!Number.isFinite(load) || load < 0 || load > 1000) return { error: "Enter the load in kg as a number from 0 (bodyweight) to 1000.", field: "load" };
  const reps = Number(value("reps"));
  if (value("reps") === "" || !Number.isInteger(reps) || reps < 0 || reps > 1000) return { error: "Enter the reps as a whole number.", field: "reps" };
  const rir = Number(value("rir"));
  if (value("rir") === "" || !Number.isInteger(rir) || rir < 0 || rir > 10) return { error: "Enter the reps in reserve as a whole number from 0 to 10.", field: "rir" };
  return { load, reps, rir };
}

function numberField(text, name, field, value, { min, max, step, inputmode }) {
  const label = document.createElement("label");
  label.className = "bc-num";
  const input = document.createElement("input");
  input.type = "number";
  input.dataset.field = field;
  input.setAttribute("aria-label", name);
  input.setAttribute("inputmode", inputmode);
  input.min = min;
  if (max !== undefined) input.max = max;
  input.step = step;
  input.value = value ?? "";
  label.append(input, span(text));
  return label;
}

function historyBox(exercise, open = false) {
  const box = document.createElement("details");
  box.className = "bc-history";
  box.dataset.exercise = exercise.id;
  box.dataset.name = exercise.name;
  const summary = document.createElement("summary");
  summary.textContent = "History";
  const sr = span(` of ${exercise.name}`);
  sr.className = "bc-sr";
  summary.append(sr);
  const chart = document.createElement("div");
  chart.className = "bc-history-chart";
  box.append(summary, chart);
  box.open = open;
  return box;
}

function safeSvg(text) {
  if (!text || !text.trim().startsWith("<svg")) return null;
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  const svg = doc.documentElement;
  if (svg.namespaceURI !== SVG_NS || svg.localName !== "svg" || doc.querySelector("parsererror")) return null;
  for (const el of svg.querySelectorAll("script, foreignObject")) el.remove();
  for (const el of [svg, ...svg.querySelectorAll("*")]) {
    for (const attr of [...el.attributes]) {
      if (/^on/i.test(attr.name) || /^\s*javascript:/i.test(attr.value)) el.removeAttribute(attr.name);
    }
  }
  return document.importNode(svg, true);
}

function paragraph(className, text) {
  const p = document.createElement("p");
  p.className = className;
  p.textContent = text;
  return p;
}

function span(text) {
  const s = document.createElement("span");
  s.textContent = text;
  return s;
}

function button(text, name, action) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "bc-small-button";
  b.dataset.logRow = action;
  b.textContent = text;
  b.setAttribute("aria-label", name);
  return b;
}

function clock(seconds) {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function cssId(id) {
  return window.CSS && CSS.escape ? CSS.escape(id) : String(id).replace(/["\\]/g, "\\$&");
}

function isoDate(date) {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 10);
}

function shortDate(iso) {
  const [, month, day] = iso.split("-").map(Number);
  return `${day} ${MONTHS[month - 1]}`;
}

function longDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
