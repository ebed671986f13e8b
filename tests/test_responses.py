"""api.common.responses sends the same bytes FastAPI would have sent for the response model."""

import uuid
from datetime import UTC, date, datetime

from fastapi.responses import JSONResponse

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
