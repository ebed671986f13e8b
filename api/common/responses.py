"""JSON answers serialised once: a route that already holds plain rows validates them into its
response model and sends the model's own JSON bytes, instead of FastAPI validating the returned
object again against `response_model` and encoding it a second time. The route still declares
`response_model`, so the contract (and the generated client) are unchanged; the bytes are the
same as FastAPI's (compact separators, UTF-8, pydantic's JSON forms of dates and UUIDs)."""

from typing import Any

from pydantic import BaseModel
from starlette.responses import Response

JSON = "application/json"


def json_model(model: BaseModel, status_code: int = 200,
               headers: dict[str, str] | None = None) -> Response:
    """`model` as the response body, serialised by pydantic-core in one pass."""
    return Response(model.model_dump_json(), status_code=status_code, media_type=JSON,
                    headers=headers)


def validated(model: type[BaseModel], data: dict[str, Any]) -> BaseModel:
    """Plain data (rows as dicts) checked against the response model, without ORM objects."""
    return model.model_validate(data)
