"""No link on the site leads nowhere, and no page reaches out to another host."""

from __future__ import annotations

from pathlib import Path

from tests.site.links import check_site


def test_every_internal_link_resource_and_anchor_resolves(built_site):
    report = check_site(built_site)
    assert not report.broken, (
        f"{len(report.broken)} broken links in the built site:\n" + "\n".join(report.broken)
    )


def test_pages_and_their_stylesheets_only_link_to_other_hosts_and_never_load_from_them(
    built_site,
):
    report = check_site(built_site)
    # Listed, never fetched: the run shows them with `pytest -s` (or on failure).
    for ref in report.external:
        print(f"external link: {ref.where}")
    assert not report.fetched_external, "the site loads resources from other hosts:\n" + "\n".join(
        ref.where for ref in report.fetched_external
    )
    assert all(ref.element in ("a", "area", "form", "link") for ref in report.external)


def write(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html>\n<html lang=en><body>\n{body}\n</body></html>\n",
                    encoding="utf-8")


def test_a_missing_page_anchor_file_or_symbol_is_reported_with_its_page_and_line(tmp_path):
    site = tmp_path / "site"
    write(site / "about" / "index.html", '<h2 id="team">Team</h2>')
    (site / "img").mkdir()
    (site / "img" / "a b.png").write_bytes(b"")
    (site / "sprite.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">'
                                     '<symbol id="dot"/></svg>', encoding="utf-8")
    write(site / "guide" / "index.html", "\n".join([
        '<a href="../about/">fine: a directory is its index page</a>',
        '<a href="../about/#team">fine: the anchor exists</a>',
        '<a href="#">fine: a bare # names nothing</a>',
        '<a href="#intro" id="intro">fine: an anchor on this page</a>',
        '<img src="../img/a%20b.png" alt="">',
        '<svg><use href="../sprite.svg#dot"/></svg>',
        '<a href="../missing/">a page that was never built</a>',
        '<a href="../about/#people">an anchor that is not there</a>',
        '<svg><use href="#nothing"/></svg>',
        '<script src="../js/app.js"></script>',
        '<a href="../../../outside.html">above the root</a>',
        '<a href="/about/">root-absolute</a>',
        '<a href="https://example.org/">a reader may follow this</a>',
        '<script src="https://cdn.example.net/lib.js"></script>',
    ]))

    report = check_site(site)

    assert report.broken == [
        "guide/index.html:9: <a> ../missing/ → no file missing/index.html in the site",
        "guide/index.html:10: <a> ../about/#people → no id 'people' in about/index.html",
        "guide/index.html:11: <use> #nothing → no id 'nothing' in guide/index.html",
        "guide/index.html:12: <script> ../js/app.js → no file js/app.js in the site",
        "guide/index.html:13: <a> ../../../outside.html → climbs above the root of the site",
        "guide/index.html:14: <a> /about/ → root-absolute; breaks when the site is served "
        "from a sub-path",
    ]
    assert [(ref.url, ref.fetched) for ref in report.external] == [
        ("https://example.org/", False),
        ("https://cdn.example.net/lib.js", True),
    ]
    assert [ref.url for ref in report.fetched_external] == ["https://cdn.example.net/lib.js"]


def test_a_stylesheet_url_that_is_missing_root_absolute_or_on_another_host_is_reported(tmp_path):
    site = tmp_path / "site"
    write(site / "index.html", "\n".join([
        '<link rel="stylesheet" href="assets/backchain.css">',
        '<div style="background: url(assets/missing.png)"></div>',
        "<svg><style>.dot { fill: url(#gradient) }</style></svg>",
    ]))
    (site / "img").mkdir()
    (site / "img" / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">'
                                          '<symbol id="dot"/></svg>', encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "a b.png").write_bytes(b"")
    (site / "assets" / "figures.css").write_text("", encoding="utf-8")
    # Lines 1-5 are fine: a comment is never fetched, the files exist (a ?query and #fragment
    # do not change which file), a data: URL may hold parentheses and quotes of its own.
    (site / "assets" / "backchain.css").write_text("\n".join([
        "/* url(commented-out.png) is never fetched */",
        '@import "figures.css";',
        '.ok { background: url(../img/dot.svg?v=2#dot) }',
        '.data { background: url("data:image/svg+xml,<svg><text>(a) \\"b\\"</text></svg>") }',
        r".escaped { background: url(a\ b.png) }",
        '.stripes { background-image: url("../images/warning-stripes.svg") }',
        '@import "print.css" print;',
        '@font-face { font-family: Inter; src: url(https://fonts.gstatic.com/inter.woff2) }',
        '@import "https://fonts.googleapis.com/css2?family=Inter";',
        ".logo { background: url(/assets/logo.svg) }",
        '.hidpi { background: image-set("../img/dot.svg" 1x, "../img/dot-2x.png" 2x) }',
        ".icon { mask: url(../img/dot.svg#nothing) }",
        ".climb { background: url(../../up.png) }",
    ]) + "\n", encoding="utf-8")

    report = check_site(site)

    assert report.broken == [
        "index.html:4: url(assets/missing.png) → no file assets/missing.png in the site",
        "index.html:5: url(#gradient) → no id 'gradient' in index.html",
        "assets/backchain.css:6: url(../images/warning-stripes.svg) → no file "
        "images/warning-stripes.svg in the site",
        'assets/backchain.css:7: @import "print.css" → no file assets/print.css in the site',
        "assets/backchain.css:10: url(/assets/logo.svg) → root-absolute; breaks when the site "
        "is served from a sub-path",
        "assets/backchain.css:11: image-set(../img/dot-2x.png) → no file img/dot-2x.png in the "
        "site",
        "assets/backchain.css:12: url(../img/dot.svg#nothing) → no id 'nothing' in img/dot.svg",
        "assets/backchain.css:13: url(../../up.png) → climbs above the root of the site",
    ]
    assert [ref.where for ref in report.fetched_external] == [
        "assets/backchain.css:8: url(https://fonts.gstatic.com/inter.woff2)",
        'assets/backchain.css:9: @import "https://fonts.googleapis.com/css2?family=Inter"',
    ]
