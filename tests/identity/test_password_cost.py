"""The test suite hashes passwords cheaply (tests/conftest.py calls
`use_cheap_hashing_for_tests`); the service keeps argon2id's strong cost, and a password hashed
at either cost verifies at both."""

import subprocess
import sys
from pathlib import Path

from passlib.hash import argon2

from api.security import passwords

ROOT = Path(__file__).resolve().parents[2]
# OWASP's floor for argon2id is 19 MiB with time cost 2; production runs libpass's defaults.
STRONG = {"type": "id", "rounds": 3, "memory_cost": 65536, "parallelism": 4}


def _cost(password_hash: str) -> dict[str, object]:
    parsed = argon2.from_string(password_hash)
    return {"type": parsed.type, "rounds": parsed.rounds, "memory_cost": parsed.memory_cost,
            "parallelism": parsed.parallelism}


def test_a_fresh_production_context_hashes_at_the_strong_cost() -> None:
    assert _cost(passwords.production_context().hash("a passphrase of some length")) == STRONG


def test_the_service_hashes_at_the_strong_cost_when_no_test_lowered_it() -> None:
    # A fresh interpreter imports the module as the service, the demo and `make run` do.
    script = ("from api.security import passwords; "
              "print(passwords.hash_password('a passphrase of some length'))")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,  # noqa: S603
                         text=True, check=True, timeout=120).stdout.strip()
    assert _cost(out) == STRONG


def test_the_suite_hashes_cheaply() -> None:
    cost = _cost(passwords.hash_password("a passphrase of some length"))
    assert cost["rounds"] == 1
    assert cost["memory_cost"] == 8


def test_a_cheap_hash_verifies_under_both_costs_and_production_upgrades_it() -> None:
    cheap = passwords.hash_password("a passphrase of some length")
    assert passwords.verify_password("a passphrase of some length", cheap)
    assert not passwords.verify_password("another passphrase entirely", cheap)
    production = passwords.production_context()
    assert production.verify("a passphrase of some length", cheap)
    # At the next login the service rehashes it at the strong cost (api/identity/service.py).
    assert production.needs_update(cheap)


def test_a_strong_hash_verifies_under_the_cheap_cost() -> None:
    strong = passwords.production_context().hash("a passphrase of some length")
    assert passwords.verify_password("a passphrase of some length", strong)
