"""The planner in the browser: wheel and Pyodide runtime, page, policy, offline files."""
