"""The hashed lock files are made from the current pyproject.toml and pin every package."""

import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from scripts.lock_inputs import inputs_digest

ROOT = Path(__file__).resolve().parents[2]
LOCKS = {"app": ROOT / "requirements" / "app.txt", "test": ROOT / "requirements" / "test.txt"}
_PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^ ;\\]+)")


def _pins(lock: Path) -> dict[str, str]:
    return {m.group(1).lower().replace("_", "-"): m.group(2)
            for line in lock.read_text().splitlines() if (m := _PIN.match(line))}


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower().replace("_", "-")
            for r in requirements}


@pytest.mark.parametrize("which", sorted(LOCKS))
def test_each_lock_records_the_inputs_it_was_made_from(which: str) -> None:
    recorded = re.search(r"^# lock-inputs-sha256: (\w+)$", LOCKS[which].read_text(), re.M)
    assert recorded is not None
    assert recorded.group(1) == inputs_digest(), "stale lock: run `make lock`"


@pytest.mark.parametrize("which", sorted(LOCKS))
def test_every_pin_has_a_hash(which: str) -> None:
    text = LOCKS[which].read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert blocks
    for block in blocks:
        assert _PIN.match(block), block[:80]
        assert "--hash=sha256:" in block, block[:80]


def test_the_locks_pin_every_declared_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    app, test = _pins(LOCKS["app"]), _pins(LOCKS["test"])
    assert _names(project["dependencies"]) <= set(app)
    assert _names(project["dependencies"] + project["optional-dependencies"]["test"]) <= set(test)
    assert all(test[name] == version for name, version in app.items() if name in test)


def test_venv_refuses_a_stale_lock(tmp_path: Path) -> None:
    """scripts/venv.sh stops with a clear message when pyproject.toml's dependencies changed."""
    for part in ("scripts", "requirements"):
        (tmp_path / part).mkdir()
    for name in ("venv.sh", "lock_inputs.py"):
        (tmp_path / "scripts" / name).write_text((ROOT / "scripts" / name).read_text())
    (tmp_path / "requirements" / "app.txt").write_text(LOCKS["app"].read_text())
    pyproject = (ROOT / "pyproject.toml").read_text()
    (tmp_path / "pyproject.toml").write_text(
        pyproject.replace("dependencies = [", 'dependencies = [\n    "example-new-dep>=1",', 1))
    run = subprocess.run(["bash", str(tmp_path / "scripts" / "venv.sh")],  # noqa: S603, S607
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode != 0
    assert "make lock" in run.stderr
    assert not (tmp_path / ".venv").exists()  # refused before installing anything
