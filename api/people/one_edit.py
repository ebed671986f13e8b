"""Words one edit from a searched word, as a pattern a typo scan filters its index entries by."""

from typing import Any

from sqlalchemy import Boolean
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


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
    while planning (about 1 ms a search of four typo scans, measured at 1,000,000 people).
    Elsewhere: text REGEXP pattern (SQLAlchemy gives SQLite its REGEXP)."""

    type = Boolean()
    name = "regexp_like"
    inherit_cache = True


@compiles(matches)
def _regexp(element: matches, compiler: Any, **kw: Any) -> str:
    text, pattern = list(element.clauses)
    return str(compiler.process(text.regexp_match(pattern), **kw))


@compiles(matches, "postgresql")
def _regexp_like(element: matches, compiler: Any, **kw: Any) -> str:
    return f"regexp_like({compiler.process(element.clauses, **kw)})"
