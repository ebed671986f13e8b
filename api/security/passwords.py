"""Password hashing (argon2 through libpass) and the rules a new password must meet."""

import re
from functools import lru_cache
from pathlib import Path

from passlib.context import CryptContext

MIN_LENGTH = 12
MAX_LENGTH = 128
_CONTEXT = CryptContext(schemes=["argon2"], deprecated="auto")
_COMMON_FILE = Path(__file__).with_name("common_passwords.txt")
_TRAILING_DIGITS_AND_SYMBOLS = re.compile(r"[\d\W_]+$")
# Verified against when the account does not exist, so both paths cost one argon2 verify.
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
    return frozenset(line.strip().lower() for line in lines if line.strip())


def check_new_password(password: str) -> None:
    """At least 12 and at most 128 characters, and not a well-known password."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"The password must be at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"The password must be at most {MAX_LENGTH} characters.")
    lowered = password.lower()
    base = _TRAILING_DIGITS_AND_SYMBOLS.sub("", lowered)
    if lowered in common_passwords() or base in common_passwords():
        raise WeakPassword("The password is too common; choose a longer, unusual phrase.")
