"""Authorization-matrix rows for the need-to-know reads of a case (summary, safety plan).

The case is on a meeting whose agenda went to every member agency, the actors' agency included,
so an agency representative is invited and only the caller's role decides."""

import uuid
from collections.abc import Callable
from typing import Any

from tests.security.matrix_world import ACTORS, MatrixWorld
from tests.security.meeting_matrix import _hearing_on, _meeting

Request = tuple[str, dict[str, Any] | None, dict[str, str]]
Factory = Callable[[MatrixWorld, str, str], Request]
# A role with no view of the panel's cases is not told a case exists (as GET /cases/{id}).
_NOT_SHOWN = {actor: 404 for actor in ACTORS} | {"anonymous": 401}


def _view(**ok: int) -> dict[str, dict[str, int]]:
    return {"own": _NOT_SHOWN | ok, "other": dict(_NOT_SHOWN)}


def _invited_case(suffix: str) -> Factory:
    def make(w: MatrixWorld, actor: str, where: str) -> Request:
        meeting_id = _meeting(w, where)["id"]
        _, case_id = _hearing_on(w, where, uuid.UUID(meeting_id))
        sent = w.client.post(f"/api/v1/meetings/{meeting_id}/agenda/publications",
                             headers=w.creators[where], json={})
        assert sent.status_code == 201, sent.text
        return f"/api/v1/cases/{case_id}/{suffix}", None, {}
    return make


ROWS: dict[tuple[str, str], dict[str, dict[str, int]]] = {
    ("GET", "/api/v1/cases/{case_id}/summary"): _view(
        coordinator=200, chair=200, idva=200, agency_representative=200),
    ("GET", "/api/v1/cases/{case_id}/safety-plan"): _view(
        coordinator=200, chair=200, idva=200, agency_representative=403),
}
FACTORIES: dict[tuple[str, str], Factory] = {
    ("GET", "/api/v1/cases/{case_id}/summary"): _invited_case("summary"),
    ("GET", "/api/v1/cases/{case_id}/safety-plan"): _invited_case("safety-plan"),
}
