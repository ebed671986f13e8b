"""A keyed chain in a database of its own, once per backend, for the tampering tests."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.audit.chains import Chain, keyed_chain
from tests.support.databases import BACKENDS


@pytest.fixture(params=BACKENDS)
def chain(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Chain]:
    with keyed_chain(request.param, tmp_path) as made:
        yield made
