"""Body map SVG: well-formed, titled, and highlighting exactly the muscles asked for."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.site.figures.bodymap import MUSCLES, body_map_svg, muscle_vars, sprite_svg

ROOT = Path(__file__).resolve().parents[2]
NS = {"s": "http://www.w3.org/2000/svg"}
S = "{http://www.w3.org/2000/svg}"
MUSCLE_LIST = YAML(typ="safe").load((ROOT / "content" / "muscles.yaml").read_text())["muscles"]
EXERCISES = sorted((ROOT / "content" / "exercises").glob("*.yaml"))
SPRITE = "../../assets/bodymap.svg"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def regions(root: ET.Element, cls: str) -> set[str]:
    return {
        g.get("data-muscle")
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if g.get("data-muscle") and cls in g.get("class", "").split()
    }


def test_every_muscle_group_in_the_content_has_its_own_drawn_region():
    ids = {m["id"] for m in MUSCLE_LIST}
    assert ids <= set(MUSCLES), f"no drawing for {sorted(ids - set(MUSCLES))}"
    root = parse(body_map_svg(MUSCLE_LIST, [], [], title="Muscles"))
    assert regions(root, "bc-muscle") == ids


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_exercise_map_highlights_exactly_its_primary_and_secondary_muscles(path):
    ex = YAML(typ="safe").load(path.read_text())
    prim, sec = ex["muscles"]["primary"], ex["muscles"].get("secondary", [])
    root = parse(body_map_svg(MUSCLE_LIST, prim, sec, title=f"Muscles worked: {ex['name']}"))
    assert root.find("s:title", NS).text == f"Muscles worked: {ex['name']}"
    assert regions(root, "bc-primary") == set(prim)
    assert regions(root, "bc-secondary") == set(sec) - set(prim)
    desc = root.find("s:desc", NS).text
    names = {m["id"]: m["name"] for m in MUSCLE_LIST}
    for mid in prim + sec:
        assert names[mid] in desc


def test_legend_appears_only_when_something_is_highlighted():
    plain = body_map_svg(MUSCLE_LIST, [], [], title="Muscles")
    assert "bc-legend" not in plain
    one = body_map_svg(MUSCLE_LIST, ["glutes"], [], title="Glutes")
    legend = [g for g in parse(one).iter("{http://www.w3.org/2000/svg}g")
              if g.get("class") == "bc-legend"]
    assert len(legend) == 1
    assert "Primary" in "".join(legend[0].itertext())
    assert "Secondary" not in "".join(legend[0].itertext())


def test_unknown_muscle_ids_are_ignored():
    root = parse(body_map_svg(MUSCLE_LIST, ["glutes", "wings"], ["tail"], title="Odd"))
    assert regions(root, "bc-primary") == {"glutes"}
    assert regions(root, "bc-secondary") == set()


def test_plain_map_is_an_image_with_title_and_description():
    root = parse(body_map_svg(MUSCLE_LIST, ["calves"], ["hamstrings"], title="Calf raise"))
    assert root.get("role") == "img"
    labelled = root.get("aria-labelledby").split()
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    assert set(labelled) <= ids


def test_interactive_map_wraps_every_region_in_a_named_link():
    links = {m["id"]: f"../muscles/{m['id']}/" for m in MUSCLE_LIST}
    root = parse(body_map_svg(MUSCLE_LIST, [], [], title="Find a muscle", links=links))
    anchors = list(root.iter("{http://www.w3.org/2000/svg}a"))
    assert len(anchors) == len(MUSCLE_LIST)
    for a in anchors:
        group = a.find("s:g", NS)
        mid = group.get("data-muscle")
        name = next(m["name"] for m in MUSCLE_LIST if m["id"] == mid)
        assert a.get("href") == links[mid]
        assert a.get("aria-label") == name
        assert a.find("s:title", NS).text == name


def test_text_from_the_content_is_escaped():
    evil = [{"id": "glutes", "name": "<script>alert(1)</script>", "region": "lower",
             "chain": "posterior"}]
    svg = body_map_svg(evil, ["glutes"], [], title='Title "with" <b>tags</b>',
                       links={"glutes": 'x" onmouseover="boom'})
    assert "<script>" not in svg and "<b>" not in svg
    assert 'onmouseover="boom' not in svg
    parse(svg)


def test_the_body_is_symmetric():
    from generator.site.figures.bodymap import OUTLINE_HALF

    # the half outline starts and ends on the centre line, so its mirror closes the figure
    assert OUTLINE_HALF[0][0] == 0 and OUTLINE_HALF[-1][0] == 0
    assert all(dx >= 0 for dx, _ in OUTLINE_HALF)


# ---- the shared sprite (exercise and muscle pages) ---------------------------------------------


def sprite_colours(svg: str) -> dict[str, str]:
    """muscle id -> the colour a sprite-based map gives its region ("primary", "secondary"),
    read from the custom properties the map sets and the sprite's regions read."""
    root = parse(svg)
    declared = dict(re.findall(r"(--[\w-]+):var\(--bc-([\w-]+)\)", root.get("style") or ""))
    colours = {}
    for region in parse(sprite_svg()).iter(f"{S}g"):
        mid = region.get("data-muscle")
        if not mid:
            continue
        fill, line = muscle_vars(mid)
        assert f"fill:var({fill}," in region.get("style")
        assert f"stroke:var({line}," in region.get("style")
        if fill in declared:
            assert declared[line] == declared[fill] + "-line"
            colours[mid] = declared[fill]
    return colours


def test_sprite_draws_every_muscle_group_as_its_own_region():
    root = parse(sprite_svg())
    body = [g for g in root.iter(f"{S}g") if g.get("id") == "bc-body"]
    assert len(body) == 1
    drawn = {g.get("data-muscle") for g in root.iter(f"{S}g") if g.get("data-muscle")}
    assert {m["id"] for m in MUSCLE_LIST} <= drawn
    for g in root.iter(f"{S}g"):
        if g.get("data-muscle"):
            assert g.get("id") == f"bc-m-{g.get('data-muscle')}"
            assert g.find(f"{S}path") is not None


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_sprite_map_colours_exactly_the_exercises_primary_and_secondary_muscles(path):
    ex = YAML(typ="safe").load(path.read_text())
    prim, sec = ex["muscles"]["primary"], ex["muscles"].get("secondary", [])
    title = f"Muscles worked: {ex['name']}"
    svg = body_map_svg(MUSCLE_LIST, prim, sec, title=title, sprite_href=SPRITE)
    root = parse(svg)
    assert root.find("s:title", NS).text == title
    assert [u.get("href") for u in root.iter(f"{S}use")] == [f"{SPRITE}#bc-body"]
    colours = sprite_colours(svg)
    assert {m for m, c in colours.items() if c == "primary"} == set(prim)
    assert {m for m, c in colours.items() if c == "secondary"} == set(sec) - set(prim)
    # the same words as the inline map, and a legend
    inline = parse(body_map_svg(MUSCLE_LIST, prim, sec, title=title))
    assert root.find("s:desc", NS).text == inline.find("s:desc", NS).text
    assert "Primary" in "".join(root.find("s:g[@class='bc-legend']", NS).itertext())


def test_sprite_map_is_small():
    svg = body_map_svg(MUSCLE_LIST, ["glutes", "hamstrings"], ["erector-spinae", "forearms"],
                       title="Muscles worked by the Romanian deadlift", sprite_href=SPRITE)
    assert len(svg.encode()) < 1500


def test_interactive_map_stays_inline_even_when_a_sprite_is_offered():
    links = {m["id"]: f"../muscles/{m['id']}/" for m in MUSCLE_LIST}
    root = parse(body_map_svg(MUSCLE_LIST, [], [], title="Find", links=links,
                              sprite_href=SPRITE))
    assert not list(root.iter(f"{S}use"))
    assert len(list(root.iter(f"{S}a"))) == len(MUSCLE_LIST)


def test_sprite_map_escapes_the_sprite_address_and_the_title():
    svg = body_map_svg(MUSCLE_LIST, ["glutes"], [], title="<b>x</b>",
                       sprite_href='a.svg" onload="boom')
    assert 'onload="boom' not in svg and "<b>" not in svg
    parse(svg)
