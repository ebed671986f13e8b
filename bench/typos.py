"""Search queries as people type them: each one names a person on file with one typo (a letter
dropped, added, changed or two swapped) or a spelling variant (Clarke/Clark, Stephen/Steven)."""

import random
import string
from dataclasses import dataclass
from datetime import date

from bench.names import Person

# Spellings of the same name that registers hold both ways (given names and surnames).
_PAIRS = (
    "Sarah Sara|Leanne Lianne|Stacey Stacy|Tracey Tracy|Kirsty Kirstie|Natalie Nathalie|"
    "Connor Conor|Callum Calum|Aaron Aron|Matthew Mathew|Stephen Steven|Lee Leigh|Neil Neal|"
    "Mark Marc|Carl Karl|Shane Shayne|Ian Iain|Gary Garry|Jason Jayson|Freddie Freddy|"
    "Charlie Charley|Lily Lilly|Millie Milly|Sophie Sophy|Mohammed Muhammad|Mohammad Mohamed|"
    "Ahmed Ahmad|Catherine Katherine|Jessica Jesica|Rebecca Rebekah|Megan Meghan|"
    "Michelle Michele|Kelly Kelley|Claire Clare|Nicola Nichola|Joanne Joann|Lauren Loren|"
    "Clarke Clark|Thompson Thomson|Davies Davis|Smith Smyth|Stephens Stevens|"
    "Matthews Mathews|Phillips Philips|Gray Grey|Hussain Hussein|McDonald MacDonald|"
    "Rahman Rehman|Stephenson Stevenson|Reid Reed|Byrne Burne|Lloyd Loyd|Pearce Pierce|"
    "Griffiths Griffith|Powell Powel|Harvey Harvie|Walsh Welsh|Kennedy Kenedy"
)
VARIANTS: dict[str, str] = {}
for pair in _PAIRS.split("|"):
    a, b = pair.split()
    VARIANTS[a], VARIANTS[b] = b, a


@dataclass(frozen=True)
class Query:
    name: str
    date_of_birth: date | None
    postcode: str | None
    kind: str          # typo or variant
    shape: str         # name, name+dob, name+postcode
    truth: Person      # the person planted on file


def typo(word: str, rng: random.Random) -> str:
    """One edit of a word: a letter dropped, added, changed, or two neighbours swapped."""
    if len(word) < 3:
        return word + rng.choice(string.ascii_lowercase)
    i = rng.randrange(len(word))
    kind = rng.choice(("drop", "add", "change", "swap"))
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "add":
        return word[:i] + rng.choice(string.ascii_lowercase) + word[i:]
    if kind == "change":
        letters = [c for c in string.ascii_lowercase if c != word[i].lower()]
        return word[:i] + rng.choice(letters) + word[i + 1:]
    i = min(i, len(word) - 2)
    if word[i].lower() == word[i + 1].lower():
        return word[:i] + word[i + 1:]  # swapping equal letters changes nothing: drop one
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def _misspelt(p: Person, rng: random.Random) -> tuple[str, str, str]:
    variant = [w for w in (p.given_name, p.family_name) if w in VARIANTS]
    if variant and rng.random() < 0.5:
        word = rng.choice(variant)
        given = VARIANTS[word] if word == p.given_name else p.given_name
        family = VARIANTS[word] if word == p.family_name else p.family_name
        return given, family, "variant"
    if rng.random() < 0.5:
        return typo(p.given_name, rng), p.family_name, "typo"
    return p.given_name, typo(p.family_name, rng), "typo"


def queries(sample: list[Person], count: int, seed: int) -> list[Query]:
    """`count` searches for people on file: 40% name only, 40% with the date of birth, 20%
    with the postcode; every name with one typo or a variant spelling."""
    rng = random.Random(seed)  # noqa: S311 - deterministic bench data
    out = []
    for _ in range(count):
        p = rng.choice(sample)
        given, family, kind = _misspelt(p, rng)
        shape = rng.choices(("name", "name+dob", "name+postcode"), (40, 40, 20))[0]
        out.append(Query(f"{given} {family}", p.date_of_birth if "dob" in shape else None,
                         p.postcode if "postcode" in shape else None, kind, shape, p))
    return out
