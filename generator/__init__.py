"""Turns content/ into the site. The folders are the pipeline's stages, in the order they run:

    content/  read and check the YAML a contributor writes (schema, loading, validation,
              formatting, the `new` scaffold, importers, problem reports)
    site/     render the checked content into Markdown pages, figures and the catalogue
    web/      the in-browser planner: its wheel, Pyodide runtime, page, policy, service worker
    build/    the build as explicit steps, and the engines (MkDocs, Zensical) that run in it

`cli.py` is the contributor's command line (`python -m generator`); `paths.py` says where the
project is. Only build/ calls every stage. The checks in content/ borrow two rules from the
stages that enforce them, so a file is refused for what would break later: a pose the figures
cannot draw (site/figures) and page markup the policy forbids (web/csp.py).
"""
