"""Figures drawn from the content: body maps and side-view movement figures (SVG)."""
