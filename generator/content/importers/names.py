"""Telling whether an imported exercise's name is one the content already has.

Two names are the same exercise when they read the same after `normalise`: lower case, without
punctuation, spaces or hyphens, each word made singular, and a few words that mean the same
movement replaced by one spelling (a chin-up is filed with the pull-up family, as our own
pull-up page covers both grips). So "Pullups", "Pull Ups" and "Pull-up" are one name, and
"Hyperextensions (Back Extensions)" matches the back extension, whose aliases include
"hyperextension".
"""

from __future__ import annotations

import re
import unicodedata

# Words (after singularising) that name the same thing as another spelling.
WORD_ALIASES: dict[str, str] = {
    "chin": "pullup",
    "chinup": "pullup",
    "flye": "fly",
    "one": "single",  # one-arm row = single-arm row
    "legged": "leg",  # one-legged = single-leg
    "rdl": "romanian deadlift",
    "db": "dumbbell",
}

_KEEP_S = ("ss", "us", "is")


def singular(word: str) -> str:
    """'rows' -> 'row', 'flies' -> 'fly', 'snatches' -> 'snatch'; 'press' stays 'press'."""
    if len(word) <= 2:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(_KEEP_S):
        return word[:-1]
    return word


def normalise(name: str) -> str:
    """The comparison key of a name: "Pull Ups" -> "pullup", "Chin-Up" -> "pullup"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"['’`]", "", text)  # farmer's -> farmers
    words = [singular(w) for w in re.findall(r"[a-z0-9]+", text)]
    out: list[str] = []
    for i, word in enumerate(words):
        if word == "up" and out and out[-1].endswith("pullup"):
            continue  # "chin up" -> "pullup", not "pullupup"
        if word == "chin" and i + 1 < len(words) and words[i + 1] == "up":
            word = "pullup"
        out.append(WORD_ALIASES.get(word, word))
    return "".join(out).replace(" ", "")


def candidates(name: str) -> list[str]:
    """The name and, for "A (B)", also B, which the database uses for another name of the same
    exercise ("Hyperextensions (Back Extensions)", "Butt Lift (Bridge)"). A alone is not one:
    "Band Good Morning (Pull Through)" is not the band good morning."""
    keys = [normalise(name)] + [normalise(inner) for inner in re.findall(r"\(([^)]*)\)", name)]
    return [k for i, k in enumerate(keys) if k and k not in keys[:i]]
