"""Person search within a panel: the terms travel in the body, never in a URL."""

from fastapi import APIRouter

from api.db import SessionDep
from api.people.keys import probe
from api.people.matching import find_candidates
from api.people.schemas import MatchCandidates, PersonSearch
from api.problems import Forbidden, NotFound, problem_responses
from api.referrals import access
from api.security.dependencies import PrincipalDep

router = APIRouter(prefix="/people", tags=["people"])


@router.post("/search", operation_id="searchPeople", response_model=MatchCandidates,
             responses=problem_responses(
                 *access.CALLER_PROBLEMS, *access.BODY_PROBLEMS, Forbidden, NotFound))
def search_people(body: PersonSearch, session: SessionDep,
                  principal: PrincipalDep) -> MatchCandidates:
    """People on the panel's referrals matching a name, date of birth or postcode."""
    access.require_search(principal, body.panel_id)
    terms = probe(body.name, date_of_birth=body.date_of_birth, postcode=body.postcode)
    return MatchCandidates(items=find_candidates(
        session, body.panel_id, terms, surname_alone=True, limit=body.limit))
