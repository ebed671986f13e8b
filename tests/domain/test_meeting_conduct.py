"""Declarations before discussion."""

import pytest

from domain.meeting_conduct import may_discuss, not_yet_declared


@pytest.mark.parametrize(("present", "declared", "missing", "may"), [
    pytest.param([], [], [], False, id="nobody present"),
    pytest.param(["police", "idva"], ["idva"], ["police"], False, id="one has not signed"),
    pytest.param(["police", "idva"], ["idva", "police"], [], True, id="all signed"),
    pytest.param(["police"], ["police", "housing"], [], True, id="a signer who left"),
])
def test_everyone_present_signs_before_discussion(present: list[str], declared: list[str],
                                                  missing: list[str], may: bool) -> None:
    assert not_yet_declared(present, declared) == missing
    assert may_discuss(present, declared) is may
