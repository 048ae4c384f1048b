"""axe-core, the accessibility engine browsers' own audits use, run inside a real page.

The engine comes from node_modules (npm `axe-core`, pinned in package.json) and is injected
into the page as it stands, so it judges what the reader's browser rendered: the theme's CSS,
the light or dark palette, the planner after Python has drawn a plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# What a reader cannot get past: "minor" and "moderate" findings are for a person to weigh.
SEVERE = ("serious", "critical")

# Material's name for each palette of mkdocs.yml, as it marks <body>.
SCHEMES = {"light": "default", "dark": "slate"}


@dataclass(frozen=True)
class Violation:
    """One axe rule a page breaks, with where (up to three elements) and how badly."""

    where: str  # e.g. "planner [dark]"
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    count: int

    def __str__(self) -> str:
        hidden = self.count - len(self.targets)
        more = f" (+{hidden} more)" if hidden else ""
        shown = ", ".join(self.targets)
        return f"{self.where}: {self.rule} ({self.impact}): {self.help} — {shown}{more}"


def axe_source() -> str:
    if not AXE.is_file():
        raise FileNotFoundError(f"{AXE} is missing: run `npm ci` (axe-core is in package.json)")
    return AXE.read_text(encoding="utf-8")


def run_axe(page, where: str) -> list[Violation]:
    """Every axe violation on the page as it is now, worst first."""
    if not page.evaluate("typeof window.axe === 'object'"):
        # Passed to evaluate as an expression (not a <script> tag), so a page's
        # Content-Security-Policy cannot keep the checker out.
        page.evaluate(axe_source())
    found = page.evaluate(
        """async () => {
            // Colours mid-transition (a button just focused) are not what the reader ends up
            // seeing; endless animations (a spinner) are left running.
            const finite = document.getAnimations().filter(
                (a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
            await Promise.all(finite.map((a) => a.finished.catch(() => null)));
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map((v) => ({
                rule: v.id, impact: v.impact || "", help: v.help,
                targets: v.nodes.map((n) => n.target.flat().join(" ")),
            }));
        }"""
    )
    order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    violations = [
        Violation(
            where=where, rule=v["rule"], impact=v["impact"], help=v["help"],
            targets=tuple(v["targets"][:3]), count=len(v["targets"]),
        )
        for v in found
    ]
    return sorted(violations, key=lambda v: (order.get(v.impact, 9), v.rule))


def severe(violations: list[Violation]) -> list[Violation]:
    return [v for v in violations if v.impact in SEVERE]


def report(violations: list[Violation]) -> str:
    """One line per broken rule per page, readable in a test failure."""
    return "\n".join(str(v) for v in violations)
