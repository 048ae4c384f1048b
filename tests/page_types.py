"""One page of every kind the site has, by its path in the built site.

The quality gates (HTML validity, accessibility, security headers) run on these, so a new kind
of page is added here once and every gate covers it.
"""

from __future__ import annotations

PAGE_TYPES: dict[str, str] = {
    "home": "index.html",
    "overview": "posterior-chain/index.html",
    "hip hinge": "hip-hinge/index.html",
    "exercise": "exercises/romanian-deadlift/index.html",
    "muscle": "muscles/hamstrings/index.html",
    "muscles index": "muscles/index.html",
    "catalogue": "exercises/index.html",
    "tags": "exercises/tags/index.html",
    "schedule": "scheduling/index.html",
    "planner": "planner/index.html",
    "planner method": "planner-method/index.html",
    "contributing": "contributing/index.html",
    "not found": "404.html",
}
