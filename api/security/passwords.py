"""Password hashing (argon2 through libpass) and the rules a new password must meet.

A new password is refused when it is one of the 30,000 most common passwords that zxcvbn ships
(from Xato's corpus of ten million leaked passwords), or one of this project's own list
(passphrases that became famous, service words), with or without trailing digits and symbols;
or when zxcvbn, which also knows English words, names, keyboard walks, dates, l33t and repeats,
rates it weaker than 3 of 4 (about 10^8 guesses or fewer).
"""

import re
from functools import lru_cache
from pathlib import Path

from passlib.context import CryptContext
from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 12
MAX_LENGTH = 128
MIN_STRENGTH = 3  # zxcvbn's score, 0 to 4
# zxcvbn's matching grows with length; past this many characters a password is strong anyway.
_STRENGTH_PREFIX = 64


def production_context() -> CryptContext:
    """The production cost: libpass's argon2id defaults (time cost 3, 64 MiB, 4 lanes), about a
    second a hash on a small machine. Only the suite lowers it (use_cheap_hashing_for_tests)."""
    return CryptContext(schemes=["argon2"], deprecated="auto")


_CONTEXT = production_context()
_COMMON_FILE = Path(__file__).with_name("common_passwords.txt")
_TRAILING_DIGITS_AND_SYMBOLS = re.compile(r"[\d\W_]+$")
# Verified against when the account does not exist, so both paths cost one argon2 verify.
_DUMMY_HASH = _CONTEXT.hash("dummy password for timing equalisation only")


def use_cheap_hashing_for_tests() -> None:
    """Hash (and check a missing account) with the cheapest argon2 cost from now on, in this
    process only. Called by tests/conftest.py before any test hashes; never by the service, the
    demo or `make run`. Hashes made with either cost verify under both."""
    global _CONTEXT, _DUMMY_HASH
    # The least argon2 allows: time cost 1, 8 KiB, one lane.
    _CONTEXT = CryptContext(schemes=["argon2"], deprecated="auto", argon2__rounds=1,
                            argon2__memory_cost=8, argon2__parallelism=1)
    _DUMMY_HASH = _CONTEXT.hash("dummy password for timing equalisation only")


class WeakPassword(ValueError):
    """A new password breaks the password rules; the message names the rule, never the password."""


def hash_password(password: str) -> str:
    return _CONTEXT.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """Constant work whether or not there is a hash to check against."""
    if password_hash is None:
        _CONTEXT.verify(password, _DUMMY_HASH)
        return False
    return bool(_CONTEXT.verify(password, password_hash))


def needs_rehash(password_hash: str) -> bool:
    return bool(_CONTEXT.needs_update(password_hash))


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = _COMMON_FILE.read_text(encoding="utf-8").splitlines()
    own = (line.strip().lower() for line in lines if line.strip())
    return frozenset((*own, *FREQUENCY_LISTS["passwords"]))


def check_new_password(password: str, user_inputs: tuple[str, ...] = ()) -> None:
    """At least 12 and at most 128 characters, not a common password, and not weak for
    zxcvbn (which is also told `user_inputs`: the user's email, say)."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"The password must be at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"The password must be at most {MAX_LENGTH} characters.")
    lowered = password.lower()
    base = _TRAILING_DIGITS_AND_SYMBOLS.sub("", lowered)
    if lowered in common_passwords() or base in common_passwords():
        raise WeakPassword("The password is too common; choose a longer, unusual phrase.")
    inputs = [*user_inputs, *(part for i in user_inputs for part in re.split(r"[@.\-_]", i))]
    if zxcvbn(password[:_STRENGTH_PREFIX], user_inputs=inputs)["score"] < MIN_STRENGTH:
        raise WeakPassword("The password is too easy to guess; choose a longer, unusual phrase.")
