"""Match keys: names and postcodes reduced so case, accents, spacing and punctuation differ
without hiding a match."""

import unicodedata


def name_tokens(name: str) -> list[str]:
    """Words of a name: accents dropped (NFKD), case folded, hyphens and punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    cleaned = "".join(c if c.isalnum() else " " for c in bare)
    return cleaned.split()


def name_key(name: str) -> str:
    """One key per name, spacing-insensitive: 'Anne-Marie  O'Brien' -> 'annemarieobrien'."""
    return "".join(name_tokens(name))[:200]


def surname_key(full_name: str) -> str:
    """The key of the last word of a name (an alias's surname)."""
    tokens = name_tokens(full_name)
    return tokens[-1][:200] if tokens else ""


def postcode_key(postcode: str | None) -> str | None:
    """'sw1a 1aa' -> 'SW1A1AA'; None when nothing is left."""
    if not postcode:
        return None
    key = "".join(c for c in postcode.upper() if c.isascii() and c.isalnum())
    return key[:16] or None


def outward_code(postcode: str | None) -> str | None:
    """The outward code (area and district): the key minus its last three characters."""
    key = postcode_key(postcode)
    if key is None:
        return None
    return key[:-3] if len(key) >= 5 else key
