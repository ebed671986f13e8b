"""Prints the SHA-256 of what the lock files are made from: pyproject.toml's dependency lists.

`make lock` records it in requirements/*.txt and scripts/venv.sh compares, so a dependency added
to pyproject.toml without re-locking is caught with a clear message (other edits of
pyproject.toml, such as lint settings, do not make the lock stale).
"""

import hashlib
import json
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def inputs_digest(path: Path = PYPROJECT) -> str:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    project = data.get("project", {})
    inputs = {
        "requires-python": project.get("requires-python"),
        "dependencies": sorted(project.get("dependencies", [])),
        "optional-dependencies": {k: sorted(v) for k, v in
                                  project.get("optional-dependencies", {}).items()},
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


if __name__ == "__main__":
    sys.stdout.write(inputs_digest() + "\n")
