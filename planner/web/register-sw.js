// Registers the site's service worker (sw.js at the site root) from every page, so one online
// visit to any page makes the whole site, the planner included, work offline.
//
// The site root is found from this script's own URL (it lives at assets/planner/), which stays
// right when the site is served under a sub-path such as GitHub Pages' /<repo>/.
(() => {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const script = document.currentScript;
  if (!script || !script.src) return;
  const root = new URL("../../", script.src);

  function offerUpdate(registration) {
    // A new build has been cached completely and waits for this page to let go of the old one.
    if (document.getElementById("bc-update")) return;
    const note = document.createElement("div");
    note.id = "bc-update";
    note.className = "bc-update";
    // Styled here: this script runs on every page, the planner's stylesheet only on one.
    note.style.cssText =
      "position:fixed;inset:auto 1rem 1rem auto;z-index:10;padding:.6rem .8rem;" +
      "border-radius:.2rem;font-size:.7rem;box-shadow:var(--md-shadow-z2);" +
      "background:var(--md-default-bg-color);color:var(--md-default-fg-color)";
    note.setAttribute("role", "status");
    note.textContent = "A new version of Backchain is ready. ";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Reload";
    button.addEventListener("click", () => {
      if (registration.waiting) registration.waiting.postMessage("skip-waiting");
    });
    note.append(button);
    document.body.append(note);
  }

  async function register() {
    let registration;
    try {
      registration = await navigator.serviceWorker.register(new URL("sw.js", root), {
        scope: root.pathname,
      });
    } catch (error) {
      // No worker (e.g. file:// or a blocked origin) just means no offline copy.
      console.info("Backchain: offline copy unavailable:", error.message);
      return;
    }
    if (!registration) return; // an automated browser that blocks service workers
    const hadController = Boolean(navigator.serviceWorker.controller);
    if (registration.waiting && hadController) offerUpdate(registration);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      if (!worker) return;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) {
          offerUpdate(registration);
        }
      });
    });
    let reloading = false;
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      // Only an accepted update reloads; the very first install takes over silently.
      if (!hadController || reloading) return;
      reloading = true;
      window.location.reload();
    });
  }

  // Caching the site (some 15 MB) must not compete with the page: start once it has loaded,
  // and on the planner page once Python is up (or has given up), so both load at full speed.
  function whenQuiet(start) {
    const planner = document.getElementById("bc-planner");
    if (planner && planner.dataset.state !== "ready" && planner.dataset.state !== "failed") {
      let started = false;
      const once = () => {
        if (!started) (started = true), start();
      };
      planner.addEventListener("bc:ready", once, { once: true });
      planner.addEventListener("bc:failed", once, { once: true });
      setTimeout(once, 60000);
    } else start();
  }
  if (document.readyState === "complete") whenQuiet(register);
  else window.addEventListener("load", () => whenQuiet(register));
})();
