"""Checked content into pages: Markdown from templates, figures, catalogue, field reference."""
