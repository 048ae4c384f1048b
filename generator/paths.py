"""Where the contributor's commands look for the project.

Commands act on the project in the current folder (a fork, or a copy made by a benchmark), not
on the folder this code happens to be installed from. Every command module reads the root
from here, so none of them imports another to learn it.
"""

from pathlib import Path

ROOT = Path.cwd()
