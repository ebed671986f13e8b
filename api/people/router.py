"""Person search within a panel: the terms travel in the body, never in a URL."""

from fastapi import APIRouter, Depends

from api.db import SessionDep
from api.people.keys import probe
from api.people.matching import find_candidates
from api.people.schemas import MatchCandidates, PersonSearch
from api.problems import Forbidden, NotFound, problem_responses
from api.referrals import access
from api.referrals.query import no_unknown_query
from api.security.dependencies import PrincipalDep

router = APIRouter(prefix="/people", tags=["people"],
                   dependencies=[Depends(no_unknown_query)])
_HOW = """People on the panel's referrals matching a name, date of birth or postcode.

Give at least one term. Candidates come from the full name or an alias, the surname with the
date of birth, the date of birth with the postcode, and people at the postcode with that name
or surname. A surname alone (a search by surname, or a given name spelt another way) is a
fallback: used only when no date of birth is given and nothing else matched, and then at most
50 people with that surname are ranked. A name without letters or digits finds nobody.
`truncated` is true when more people may match than are listed: narrow the search."""


@router.post("/search", operation_id="searchPeople", response_model=MatchCandidates,
             description=_HOW,
             responses=problem_responses(
                 *access.CALLER_PROBLEMS, *access.BODY_PROBLEMS, Forbidden, NotFound))
def search_people(body: PersonSearch, session: SessionDep,
                  principal: PrincipalDep) -> MatchCandidates:
    """People on the panel's referrals matching a name, date of birth or postcode."""
    access.require_search(principal, body.panel_id)
    terms = probe(body.name, date_of_birth=body.date_of_birth, postcode=body.postcode)
    return find_candidates(session, body.panel_id, terms, surname_alone=True, limit=body.limit)
