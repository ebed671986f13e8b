"""JSON answers serialised once: a route that already holds its response model (or plain rows
validated into it) sends the model's own JSON bytes, instead of FastAPI validating the returned
object again against `response_model`, turning it into dicts and lists and `json.dumps`-ing
them: three passes over every item of a page or every case of a 40-case agenda. The route still
declares `response_model`, so the contract and the generated client are unchanged; the bytes
are the same as FastAPI's (compact separators, UTF-8, no ASCII escaping, pydantic's JSON forms
of dates and UUIDs) — tests/test_responses.py holds it to that."""

from pydantic import BaseModel
from starlette.responses import Response

JSON = "application/json"


def json_model(model: BaseModel, status_code: int = 200,
               headers: dict[str, str] | None = None) -> Response:
    """`model` as the response body, serialised by pydantic-core in one pass."""
    return Response(model.model_dump_json(), status_code=status_code, media_type=JSON,
                    headers=headers)
