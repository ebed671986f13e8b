"""Every problem `type` URI the API uses is dereferenceable: it describes itself here."""

from fastapi import APIRouter
from pydantic import BaseModel

from api.problems import PROBLEM_TYPES, NotFound, problem_responses

router = APIRouter(tags=["problems"])


class ProblemType(BaseModel):
    type: str
    status: int
    title: str
    description: str


def _describe(slug: str) -> ProblemType:
    problem = PROBLEM_TYPES[slug]
    return ProblemType(type=problem.type_uri(), status=problem.status,
                       title=problem.title, description=problem.description)


@router.get("/problems", operation_id="listProblemTypes", response_model=list[ProblemType])
def list_problem_types() -> list[ProblemType]:
    """Every problem type the API can answer with."""
    return [_describe(slug) for slug in sorted(PROBLEM_TYPES)]


@router.get("/problems/{slug}", operation_id="getProblemType", response_model=ProblemType,
            responses=problem_responses(NotFound))
def get_problem_type(slug: str) -> ProblemType:
    """What one problem type means."""
    if slug not in PROBLEM_TYPES:
        raise NotFound("No such problem type.")
    return _describe(slug)
