"""Match keys: names and postcodes reduced so case, accents, spacing, punctuation, look-alike
letters from other scripts and invisible characters differ without hiding a match."""

import unicodedata

import jellyfish

# Bidirectional controls (LRE..RLO, LRI..PDI, LRM, RLM, ALM): they reorder how a name is shown,
# so a name holding them can read as another. Refused in names at intake, stripped at search.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                          "\u200e\u200f\u061c")
# Invisible characters that split or join nothing a reader can see.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e")
_DROP = {ord(c): None for c in BIDI_CONTROLS | _INVISIBLE}

# Latin look-alikes from Unicode's confusables.txt (Cyrillic, Greek, Armenian, Latin IPA),
# after case folding: a Cyrillic 'о' in 'Smіth' is read as the Latin letter it looks like.
_LOOK_ALIKES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j", "к": "k",
    "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ү": "y", "ғ": "f", "ӏ": "l", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ζ": "z", "ϲ": "c", "ϳ": "j",
    # Armenian and Latin letters that look like plain ones
    "օ": "o", "ս": "u", "զ": "q", "ı": "i", "ȷ": "j", "ℓ": "l", "ſ": "s",
}
_FOLD = str.maketrans(_LOOK_ALIKES)


def strip_invisible(text: str) -> str:
    """The text without bidi controls and zero-width characters."""
    return text.translate(_DROP)


def has_bidi_control(text: str) -> bool:
    return any(c in BIDI_CONTROLS for c in text)


def name_tokens(name: str) -> list[str]:
    """Words of a name: invisible characters dropped, accents dropped (NFKD), case folded,
    look-alike letters read as Latin, hyphens and punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", strip_invisible(name))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    cleaned = "".join(c if c.isalnum() else " " for c in bare.translate(_FOLD))
    return cleaned.split()


def name_key(name: str) -> str:
    """One key per name, spacing-insensitive: 'Anne-Marie  O'Brien' -> 'annemarieobrien'."""
    return "".join(name_tokens(name))[:200]


def surname_key(full_name: str) -> str:
    """The key of the last word of a name (an alias's surname)."""
    tokens = name_tokens(full_name)
    return tokens[-1][:200] if tokens else ""


def given_key(full_name: str) -> str:
    """The key of every word but the last (an alias's given names)."""
    return "".join(name_tokens(full_name)[:-1])[:200]


def sounds_like(key: str) -> str:
    """A phonetic code (Metaphone) of one key: 'jon' and 'john', 'smyth' and 'smith' agree."""
    return jellyfish.metaphone(key)[:60] if key else ""


def phonetic_key(given: str, surname: str) -> str:
    """The name as it sounds: given names' code and surname's code."""
    return f"{sounds_like(given)} {sounds_like(surname)}"[:120]


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
