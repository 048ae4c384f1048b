"""The build as explicit steps (date, generate, engine, post, swap) and the engines it can run."""
