"""Person search within a panel: the terms travel in the body, never in a URL."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from api.audit.unit_of_work import commit_read
from api.common import access, responses
from api.common.query import no_unknown_query
from api.db import SessionDep
from api.people.keys import probe
from api.people.normalise import strip_invisible
from api.people.schemas import PeopleFound, PersonSearch
from api.people.search import find_people
from api.problems import Forbidden, NotFound, problem_responses
from api.security.dependencies import PrincipalDep

router = APIRouter(prefix="/people", tags=["people"],
                   dependencies=[Depends(no_unknown_query)])
_HOW = """People on the panel's referrals matching a name, date of birth or postcode.

One result per person (the same name and date of birth across referrals), listing each
referral that names them, best first. Give at least one term. A name matches as given, as an
alias, as it sounds (spelling variants such as Jon/John, Smyth/Smith) or one letter off (a
typo); letters from other scripts that look like Latin ones are read as those, and invisible
or bidirectional control characters are ignored. Candidates also come from the date of birth
and the postcode. Each result says why it matched (`reasons`), where it disagrees
(`conflicts`) and how sure the match is (`certainty`): a conflicting date of birth is never
more than `possible`. A surname alone (a search by surname, or a given name spelt another way) is a
fallback: used only when no date of birth is given and nothing else matched, and then at most
50 people with that surname are ranked. A name without letters or digits finds nobody.
`truncated` is true when more people may match than are listed: narrow the search."""


@router.post("/search", operation_id="searchPeople", response_model=PeopleFound,
             description=_HOW,
             responses=problem_responses(
                 *access.CALLER_PROBLEMS, *access.BODY_PROBLEMS, Forbidden, NotFound))
def search_people(body: PersonSearch, request: Request, session: SessionDep,
                  principal: PrincipalDep) -> Response:
    """People on the panel's referrals matching a name, date of birth or postcode.

    The result is built from trusted values (model_construct), so it is serialised once,
    straight to JSON bytes, not validated again and encoded by way of Python objects."""
    access.require_search(principal, body.panel_id)
    name = strip_invisible(body.name) if body.name else None
    terms = probe(name, date_of_birth=body.date_of_birth, postcode=body.postcode)
    found = find_people(session, body.panel_id, terms, body.limit)
    answer = responses.json_model(found)
    commit_read(session, request)
    return answer
