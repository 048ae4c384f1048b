"""Render the figures (and, if built, the real exercise pages) in headless Chromium as PNGs.

    .venv/bin/python tests/visual/screenshots.py            # gallery of every figure
    .venv/bin/python tests/visual/screenshots.py --site     # pages of build/site instead
    .venv/bin/python tests/visual/screenshots.py --site DIR # pages of another built site
    .venv/bin/python tests/visual/screenshots.py --only rdl # gallery items whose id has "rdl"
    .venv/bin/python tests/visual/screenshots.py --site --reduced-motion --only deadlift
    .venv/bin/python tests/visual/screenshots.py --site --print --only deadlift

Writes tests/visual/out/ (gitignored): gallery.html and PNGs in the light (default) and dark
(slate) palettes, animated figures paused at several moments, and the reduced-motion strips.
This is for a person to look at; it asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.site.figures.bodymap import body_map_svg, sprite_svg  # noqa: E402

SCALE = 1
OUT = ROOT / "tests" / "visual" / "out"
SPRITE_NAME = "bodymap.svg"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def _load_yaml(path: Path):
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _material_css() -> list[Path]:
    import material

    base = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    return sorted(base.glob("main.*.min.css")) + sorted(base.glob("palette.*.min.css"))


def _drafts() -> dict:
    """Work-in-progress figures (tests/visual/draft_figures.py) for exercises without one."""
    try:
        from tests.visual.draft_figures import DRAFTS
    except ImportError:
        return {}
    return DRAFTS


def gallery_items(only: str | None = None) -> list[tuple[str, str, str]]:
    """(id, caption, svg) for every figure the generator can draw from the current content."""
    muscles = _load_yaml(ROOT / "content" / "muscles.yaml")["muscles"]
    items: list[tuple[str, str, str]] = []
    items.append(("map-plain", "Body map, nothing highlighted",
                  body_map_svg(muscles, [], [], title="Muscle groups")))
    items.append(("map-links", "Interactive map (links)",
                  body_map_svg(muscles, [], [], title="Muscle groups",
                               links={m["id"]: f"muscles/{m['id']}/" for m in muscles})))
    items.append(("map-all-primary", "Every group primary",
                  body_map_svg(muscles, [m["id"] for m in muscles], [], title="All groups")))
    exercises = sorted((ROOT / "content" / "exercises").glob("*.yaml"))
    try:
        from generator.site.figures.movement import movement_svg
    except ImportError:  # the movement module is optional while it is being written
        movement_svg = None
    for path in exercises:
        ex = _load_yaml(path)
        name = ex.get("name", path.stem)
        mus = ex.get("muscles", {})
        # as on the site: the drawing comes from the shared sprite file
        items.append((f"map-{path.stem}", f"{name}: body map",
                      body_map_svg(muscles, mus.get("primary", []), mus.get("secondary", []),
                                   title=f"Muscles worked: {name}",
                                   sprite_href=SPRITE_NAME)))
        fig = ex.get("figure") or _drafts().get(path.stem)
        if movement_svg is not None:
            items.append((f"move-{path.stem}", f"{name}: movement",
                          movement_svg(fig, title=f"{name}: movement")))
            # every further view the exercise asks for (front, rear), from the same poses
            for view in (fig or {}).get("views") or ():
                if view != "side":
                    items.append((f"move-{path.stem}-{view}", f"{name}: {view} view",
                                  movement_svg(fig, title=f"{name}: {view} view", view=view)))
            items.append((f"thumb-{path.stem}", f"{name}: thumbnail",
                          movement_svg(fig, title=name, thumbnail=True)))
    if movement_svg is not None:
        items.append(("move-none", "No figure", movement_svg(None, title="Placeholder")))
    if only:
        items = [it for it in items if only in it[0]]
    return items


def write_gallery(items: list[tuple[str, str, str]]) -> Path:
    """gallery.html, its stylesheets and the body map sprite, all in OUT (served over HTTP:
    Chromium refuses <use> of another file from a file:// page)."""
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / SPRITE_NAME).write_text(sprite_svg(), encoding="utf-8")
    sheets = [*_material_css(), ROOT / "generator/site/assets/figures.css"]
    for sheet in sheets:
        (OUT / sheet.name).write_bytes(sheet.read_bytes())
    css = "".join(f'<link rel="stylesheet" href="{p.name}">' for p in sheets)
    cells = "".join(
        f'<figure class="cell" id="{i}"><div class="pic">{_picture(i, svg)}</div>'
        f"<figcaption>{cap}</figcaption></figure>"
        for i, cap, svg in items
    )
    html = (
        "<!doctype html><html><head><meta charset='utf-8'>" + css +
        "<style>body{margin:0;padding:16px;background:var(--md-default-bg-color);"
        "color:var(--md-default-fg-color)} .grid{display:flex;flex-wrap:wrap;gap:16px}"
        ".cell{margin:0;padding:8px;border:1px solid var(--md-default-fg-color--lightest)}"
        ".pic{width:460px} .cell[id^=thumb] .pic{width:120px}"
        "figcaption{font:12px sans-serif}</style></head>"
        "<body data-md-color-scheme='default' data-md-color-primary='indigo' "
        "data-md-color-accent='indigo'>"
        f"<div class='grid md-typeset'>{cells}</div></body></html>"
    )
    path = OUT / "gallery.html"
    path.write_text(html, encoding="utf-8")
    return path


def _picture(item_id: str, svg: str) -> str:
    """Inline SVG, except thumbnails: a file loaded by <img>, as the catalogue shows them (and
    so their own <style> cannot leak into the other figures of the gallery)."""
    if not item_id.startswith("thumb-"):
        return svg
    (OUT / f"{item_id}.svg").write_text(svg, encoding="utf-8")
    return f'<img src="{item_id}.svg" width="120" alt="">'


def _pause_at(page, seconds: float) -> None:
    page.evaluate(
        "t => document.getAnimations().forEach(a => { a.pause(); a.currentTime = t * 1000; })",
        seconds,
    )


def _serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def shoot_gallery(items, browser) -> list[Path]:
    path = write_gallery(items)
    server, base = _serve(path.parent)
    try:
        return _shoot_gallery(items, browser, base + path.name)
    finally:
        server.shutdown()


def _shoot_gallery(items, browser, url: str) -> list[Path]:
    shots: list[Path] = []
    for scheme in ("default", "slate"):
        for motion in ("no-preference", "reduce"):
            page = browser.new_page(viewport={"width": 1000, "height": 800}, reduced_motion=motion,
                                     device_scale_factor=SCALE)
            page.goto(url)
            page.wait_for_load_state("networkidle")
            page.evaluate(f"document.body.dataset.mdColorScheme = '{scheme}'")
            times = (0.0, 1.0, 2.0) if motion == "no-preference" else (0.0,)
            for t in times:
                _pause_at(page, t)
                for item_id, _, _ in items:
                    if motion == "reduce" and not item_id.startswith("move"):
                        continue
                    if t and not item_id.startswith("move"):
                        continue
                    tag = f"{item_id}-{scheme}-{'still' if motion == 'reduce' else f't{t:g}'}"
                    shot = OUT / f"{tag}.png"
                    page.locator(f"#{item_id}").screenshot(path=str(shot))
                    shots.append(shot)
            page.close()
    return shots


def shoot_site(browser, site: Path, only: str | None = None, motion: str = "no-preference",
               media: str = "screen") -> list[Path]:
    if not site.is_dir():
        print("no build/site: run ./run build first to screenshot real pages")
        return []
    server, base = _serve(site)
    pages = ["", "exercises/", "muscles/", "muscles/glutes/"]
    if (site / "exercises").is_dir():
        pages += sorted(f"exercises/{p.name}/" for p in (site / "exercises").iterdir()
                        if p.is_dir())
    pages = [p for p in pages if (site / p / "index.html").is_file()]
    if only:
        pages = [p for p in pages if only in p]
    shots = []
    try:
        for scheme in ("default", "slate"):
            page = browser.new_page(viewport={"width": 1280, "height": 1000},
                                    reduced_motion=motion)
            page.emulate_media(media=media)
            for rel in pages:
                page.goto(base + rel)
                page.wait_for_load_state("networkidle")
                page.evaluate(f"document.body.dataset.mdColorScheme = '{scheme}'")
                _pause_at(page, 1.0)
                mode = ("-reduce" if motion == "reduce" else "") + (
                    "-print" if media == "print" else "")
                name = (rel.strip("/").replace("/", "-") or "home") + f"-{scheme}{mode}.png"
                shot = OUT / "site" / name
                shot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(shot), full_page=True)
                shots.append(shot)
            page.close()
    finally:
        server.shutdown()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", nargs="?", const=ROOT / "build" / "site", type=Path,
                        help="also screenshot the pages of a built site (default build/site)")
    parser.add_argument("--only", help="only gallery items whose id contains this text")
    parser.add_argument("--scale", type=float, default=1.0, help="device pixel ratio")
    parser.add_argument("--reduced-motion", action="store_true",
                        help="site pages as a reader who prefers reduced motion sees them")
    parser.add_argument("--print", action="store_true", help="site pages in print media")
    args = parser.parse_args(argv)
    global SCALE
    SCALE = args.scale
    from playwright.sync_api import sync_playwright

    items = [] if args.site else gallery_items(args.only)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        shots = shoot_gallery(items, browser) if items else []
        if args.site:
            shots += shoot_site(browser, args.site, args.only,
                                motion="reduce" if args.reduced_motion else "no-preference",
                                media="print" if args.print else "screen")
        browser.close()
    print(f"{len(shots)} screenshots in {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
