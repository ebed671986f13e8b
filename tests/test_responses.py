"""api.common.responses sends the same bytes FastAPI would have sent for the response model."""

import uuid
from datetime import UTC, date, datetime

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.requests import Request

from api.actions.schemas import ActionPage
from api.common import responses


def test_json_model_bytes_are_fastapis() -> None:
    item = {"id": uuid.uuid4(), "plan_id": uuid.uuid4(), "panel_id": uuid.uuid4(),
            "case_id": uuid.uuid4(), "meeting_id": uuid.uuid4(),
            "owner_agency_id": uuid.uuid4(), "owner_agency": "Police — Gwent «ÿ»",
            "category": "victim_update", "description": 'Fit "locks"\n\u2028 café',
            "due_on": date(2026, 12, 1), "status": "open", "overdue": False, "outcome": None,
            "reason": None, "progress": None, "recorded_by_kind": "user",
            "recorded_by_id": uuid.uuid4(),
            "created_at": datetime(2026, 11, 25, 9, 30, 1, 123456, tzinfo=UTC),
            "updated_at": datetime(2026, 11, 25, 9, 30, tzinfo=UTC), "closed_on": None}
    page = ActionPage.model_validate({"items": [item, item], "next_cursor": "abc"})

    sent = responses.json_model(page)

    assert sent.body == JSONResponse(page.model_dump(mode="json")).body
    assert sent.media_type == "application/json"


def test_location_is_the_path_starlette_gives(app: FastAPI) -> None:
    request = Request({"type": "http", "app": app})
    names = {"get_action": "action_id", "get_meeting": "meeting_id",
             "get_referral": "referral_id", "get_sharing_decision": "decision_id",
             "get_panel_instrument": "panel_id"}
    for name, param in names.items():
        value = str(uuid.uuid4())
        expected = app.url_path_for(name, **{param: value})
        assert responses.location(request, name, **{param: value}) == expected
        assert responses.location(request, name, **{param: value}) == expected  # found once
        assert value in expected
    assert responses.location(request, "get_action", action_id="x") == "/api/v1/actions/x"
