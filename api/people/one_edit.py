"""Words one edit from a searched word, as a pattern a typo scan filters its index entries by.

Only a short word's scan needs it: with a word of more than SHORT letters a typo scan keeps
three letters or more whole, its range is narrow and its LIKE filters leave little to drop;
its pattern is then empty (matches everything), which costs nothing to compile or run. A short
word's scan reads wide ranges (every Thomas whose given name starts with 's', for 'Saan
Thomas'): the pattern drops, before they are joined to their people and sent, the hundreds of
rows ranking would drop."""

from typing import Any

from sqlalchemy import Boolean
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

SHORT = 6


def near_pattern(word: str) -> str:
    """The pattern a typo scan for `word` filters by: one_edit_pattern for a short word."""
    return one_edit_pattern(word) if len(word) <= SHORT else ""


def one_edit_pattern(word: str) -> str:
    """A regular expression matching exactly the words at most one edit from `word` (a letter
    dropped, added or changed, or two neighbours swapped: OSA distance <= 1), the word itself
    included. Keys hold letters and digits only, none of them special in a pattern."""
    n = len(word)
    near = {word[:i] + "." + word[i + 1:] for i in range(n)}
    near |= {word[:i] + word[i + 1:] for i in range(n)}
    near |= {word[:i] + "." + word[i:] for i in range(n + 1)}
    near |= {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(n - 1)}
    return "^(?:" + "|".join(sorted(near)) + ")$"


class matches(FunctionElement[bool]):  # noqa: N801 - used as a SQL function
    """matches(text, pattern): the text matches the regular expression.

    PostgreSQL: regexp_like(), a function call, whose selectivity the planner takes as a
    default; with the ~ operator it would run each new pattern over the column's statistics
    while planning (~0.8 ms a search of four typo scans, measured at 1,000,000 people).
    Elsewhere: text REGEXP pattern (SQLAlchemy gives SQLite its REGEXP). Evaluated after the
    cheaper filters beside it (PostgreSQL orders filters of equal cost as written)."""

    type = Boolean()
    name = "regexp_like"
    inherit_cache = True


@compiles(matches)
def _regexp(element: matches, compiler: Any, **kw: Any) -> str:
    text, pattern = list(element.clauses)
    return str(compiler.process(text.regexp_match(pattern), **kw))


@compiles(matches, "postgresql")
def _regexp_like(element: matches, compiler: Any, **kw: Any) -> str:
    version = compiler.dialect.server_version_info
    if version is not None and version < (15,):  # regexp_like() came with PostgreSQL 15
        return _regexp(element, compiler, **kw)
    return f"regexp_like({compiler.process(element.clauses, **kw)})"
