"""Reading content/ as a stranger wrote it: the schema, loading, checks, `fmt`, `new`, importers."""
