"""Backchain's weekly planner: a pure, standard-library scheduling core with thin front ends.

    from planner.catalogue import Catalogue
    from planner.request import parse_request
    from planner.plan import make_plan

The core does no I/O and never imports the generator, so the same files run on the command line,
at site build time and in the browser under Pyodide.
"""

__all__ = ["SCHEMA_VERSION"]

SCHEMA_VERSION = 1
