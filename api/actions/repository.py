"""Action queries. Every list reads one of the actions indexes in its own order, through a
keyset cursor, filtered by access.visible()."""

import functools
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    Select,
    String,
    Uuid,
    bindparam,
    case,
    cast,
    func,
    literal,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.orm import Session

from api.actions.access import SHAPES, Visible
from api.actions.models import Action, ActionChange
from api.common import cursor as pagination
from api.db import table_of
from api.meetings.models import Attendance, Hearing, HearingStatus, Meeting
from api.panels.models import Agency, Panel
from api.problems import NotFound
from domain.actions import overdue_if_due_by
from domain.working_days import Subdivision

OPEN = "open"


def action(session: Session, action_id: uuid.UUID, *, for_update: bool = False) -> Action:
    found = session.get(Action, action_id, with_for_update=for_update)
    if found is None:
        raise NotFound("No such action.")
    return found


def _attending(meeting_id: uuid.UUID) -> tuple[Any, ...]:
    """Attendance rows of agencies present at the meeting (apologies are not attendance)."""
    return Attendance.meeting_id == meeting_id, Attendance.apologies.is_(False)


def present_agencies(session: Session, meeting_id: uuid.UUID) -> set[uuid.UUID]:
    """The agencies recorded as attending (apologies are not attendance)."""
    return set(session.scalars(select(Attendance.agency_id).where(*_attending(meeting_id))))


@dataclass(frozen=True)
class Tasking:
    """What recording an action at a meeting asks: the meeting (its panel, state and date, and
    the panel's bank-holiday calendar), whether the case is listed on or heard at it, and the
    agencies present there (by name). `panel_id` is None when there is no such meeting."""

    panel_id: uuid.UUID | None
    status: str | None
    held_on: date | None
    nation: str
    heard: bool
    present: dict[uuid.UUID, str]


# Built once, parameters bound at execution (building it and its cache key on every request
# cost more CPU than running it): a row per fact, told apart by `kind`.
_MEETING_ID = bindparam("meeting_id", type_=Uuid)
_TASKING = union_all(
    select(literal("m").label("kind"), Meeting.panel_id.label("ref"),
           Panel.bank_holiday_region.label("value"), cast(Meeting.status, String).label("state"),
           Meeting.held_on.label("held_on"))
    .join(Panel, Panel.id == Meeting.panel_id).where(Meeting.id == _MEETING_ID),
    select(literal("h"), Hearing.id, literal(None, String), literal(None, String),
           literal(None, Date))
    .where(Hearing.case_id == bindparam("case_id", type_=Uuid), Hearing.meeting_id == _MEETING_ID,
           Hearing.status.in_([HearingStatus.listed, HearingStatus.heard])),
    select(literal("a"), Attendance.agency_id, Agency.name, literal(None, String),
           literal(None, Date))
    .join(Agency, Agency.id == Attendance.agency_id)
    .where(Attendance.meeting_id == _MEETING_ID, Attendance.apologies.is_(False)))


def tasking(session: Session, case_id: uuid.UUID, meeting_id: uuid.UUID) -> Tasking:
    """The Tasking in one round trip (recording an action asks all of it, and its answer shows
    the owners' names and whether each action is overdue)."""
    rows = session.connection().execute(_TASKING, {"meeting_id": meeting_id,
                                                   "case_id": case_id}).all()
    meeting = next((row for row in rows if row.kind == "m"), None)
    return Tasking(panel_id=meeting.ref if meeting else None,
                   status=meeting.state if meeting else None,
                   held_on=meeting.held_on if meeting else None,
                   nation=meeting.value if meeting else "",
                   heard=any(row.kind == "h" for row in rows),
                   present={row.ref: row.value for row in rows if row.kind == "a"})


def names_and_subdivisions(session: Session, agency_ids: set[uuid.UUID],
                           panel_ids: set[uuid.UUID]) -> tuple[dict[uuid.UUID, str],
                                                               dict[uuid.UUID, str]]:
    """Agencies' names and panels' bank-holiday calendars in one round trip."""
    if not agency_ids and not panel_ids:
        return {}, {}
    agencies = select(literal("a").label("kind"), Agency.id.label("ref"),
                      Agency.name.label("value")).where(Agency.id.in_(agency_ids))
    panels = select(literal("p").label("kind"), Panel.id.label("ref"),
                    Panel.bank_holiday_region.label("value")).where(Panel.id.in_(panel_ids))
    names: dict[uuid.UUID, str] = {}
    nations: dict[uuid.UUID, str] = {}
    for kind, ref, value in session.execute(agencies.union_all(panels)):
        (names if kind == "a" else nations)[ref] = value
    return names, nations


def _due_cursor(row: Any) -> tuple[datetime, uuid.UUID]:
    return datetime.combine(row.due_on, time(), UTC), row.id


def _by_due(query: Select[Any], after: bool) -> Select[Any]:
    """Soonest due first, after the cursor's row when there is one (a row-value comparison:
    one index range); one row more than the page tells whether a next page exists."""
    if after:
        query = query.where(tuple_(Action.due_on, Action.id) > tuple_(
            bindparam("after_on", type_=Date), bindparam("after_id", type_=Uuid)))
    return query.order_by(Action.due_on, Action.id).limit(bindparam("limit", type_=Integer))


def _page_params(visible: Visible, cursor: str | None, limit: int) -> dict[str, Any]:
    params = visible.params | {"limit": limit + 1}
    if cursor:
        at, params["after_id"] = pagination.decode(cursor)
        params["after_on"] = at.date()
    return params


# An action as its lists show it, in one statement: its columns, its owner's name and its
# panel's bank-holiday calendar (which decides whether it is overdue).
_ROW_COLUMNS = [c for c in table_of(Action).columns if c.name != "version"]


def as_rows(query: Select[Any]) -> Select[Any]:
    """`query` (a select of Action) as plain rows with the owner's name and panel's calendar."""
    return query.with_only_columns(
        *_ROW_COLUMNS, func.coalesce(Agency.name, "").label("owner_agency"),
        Panel.bank_holiday_region.label("nation"), maintain_column_froms=True).outerjoin(
        Agency, Agency.id == Action.owner_agency_id).outerjoin(
        Panel, Panel.id == Action.panel_id)


def row_page(session: Session, query: Select[Any], limit: int,
             cursor_of: Any = _due_cursor) -> tuple[list[Any], str | None]:
    """One page of plain rows (see as_rows) and the cursor after it."""
    rows = list(session.execute(as_rows(query)))
    return pagination.split(rows, limit, cursor_of)


def open_statement(visible: Visible, panel_id: uuid.UUID | None,
                   agency_id: uuid.UUID | None, cursor: str | None,
                   limit: int) -> tuple[Select[Any], dict[str, Any]]:
    """Open actions the caller sees, soonest due first (ix_actions_owner_status_due for an
    agency, ix_actions_panel_status_due for a panel's runners): the statement and its values."""
    params = _page_params(visible, cursor, limit) | {"panel_id": panel_id, "agency_id": agency_id}
    return _open(visible.shape, panel_id is not None, agency_id is not None, bool(cursor)), params


@functools.cache
def _open(shape: str, panel: bool, agency: bool, after: bool) -> Select[Any]:
    query = select(Action).where(SHAPES[shape], Action.status == OPEN)
    if panel:
        query = query.where(Action.panel_id == bindparam("panel_id", type_=Uuid))
    if agency:
        query = query.where(Action.owner_agency_id == bindparam("agency_id", type_=Uuid))
    return as_rows(_by_due(query, after))


def open_page(session: Session, visible: Visible, panel_id: uuid.UUID | None,
              agency_id: uuid.UUID | None, cursor: str | None,
              limit: int) -> tuple[list[Any], str | None]:
    """A page of plain rows (as_rows)."""
    return _page(session, open_statement(visible, panel_id, agency_id, cursor, limit), limit)


def overdue_statement(visible: Visible, panel_id: uuid.UUID, today: date, cursor: str | None,
                      limit: int) -> tuple[Select[Any], dict[str, Any]]:
    """A panel's open actions overdue today, oldest first (one range of
    ix_actions_panel_status_due): the statement and its values. Overdue depends on the panel's
    bank-holiday calendar: the statement reads it and picks that nation's cut-off from the four
    bound here, instead of a round trip first to ask which it is."""
    params = _page_params(visible, cursor, limit) | _overdue_params(panel_id, today)
    return _overdue(visible.shape, bool(cursor)), params


# A panel's open actions overdue today: the panel's cut-off picked from the four nations' by
# its bank-holiday calendar inside the statement (an index bound all the same), with the
# values of _overdue_params.
_PANEL_ID = bindparam("panel_id", type_=Uuid)
_OVERDUE = (Action.panel_id == _PANEL_ID, Action.status == OPEN, Action.due_on <= select(
    case({nation.value: bindparam(f"due_by_{nation.value}", type_=Date)
          for nation in Subdivision}, value=Panel.bank_holiday_region)
).where(Panel.id == _PANEL_ID).scalar_subquery())


def _overdue_params(panel_id: uuid.UUID, today: date) -> dict[str, Any]:
    return {"panel_id": panel_id} | {
        f"due_by_{nation.value}": overdue_if_due_by(today, nation) for nation in Subdivision}


@functools.cache
def _overdue(shape: str, after: bool) -> Select[Any]:
    return as_rows(_by_due(select(Action).where(SHAPES[shape], *_OVERDUE), after))


def overdue_page(session: Session, visible: Visible, panel_id: uuid.UUID, today: date,
                 cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
    """A page of plain rows (as_rows)."""
    return _page(session, overdue_statement(visible, panel_id, today, cursor, limit), limit)


def _page(session: Session, statement: tuple[Select[Any], dict[str, Any]],
          limit: int) -> tuple[list[Any], str | None]:
    rows = list(session.connection().execute(*statement))
    return pagination.split(rows, limit, _due_cursor)


def case_page(session: Session, visible: Visible, case_id: uuid.UUID,
              cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
    """Every action on the case, whatever its state, newest first, as plain rows (as_rows)."""
    query = pagination.page(select(Action).where(visible.clause(), Action.case_id == case_id),
                            Action.created_at, Action.id, cursor, limit)
    return row_page(session, query, limit, lambda a: (a.created_at, a.id))


def changes(session: Session, action_id: uuid.UUID) -> list[ActionChange]:
    return list(session.scalars(select(ActionChange).where(ActionChange.action_id == action_id)
                                .order_by(ActionChange.at, ActionChange.id)))


# Built once, parameters bound at execution (making a statement and its cache key costs more
# CPU than running it): every agenda runs it.
_OUTSTANDING = (
    select(Action.id, Action.case_id, Action.owner_agency_id, Agency.name.label("owner_agency"),
           Action.category, Action.description, Action.due_on, Action.meeting_id,
           Action.status)
    .join(Meeting, Meeting.id == Action.meeting_id)
    .outerjoin(Agency, Agency.id == Action.owner_agency_id)
    .where(Action.panel_id == bindparam("panel_id"), Action.status == OPEN,
           Meeting.held_on < bindparam("before"))
    .order_by(Action.case_id, Action.due_on, Action.id))


def outstanding(session: Session, panel_id: uuid.UUID, before: date) -> list[Any]:
    """Open actions agreed at the panel's meetings held before `before`, by case, with their
    owner agency's name, as plain rows (_OUTSTANDING's columns, in its order)."""
    return list(session.connection().execute(_OUTSTANDING, {
        "panel_id": panel_id, "before": before}).all())


# The minutes' two statements, built once like _OUTSTANDING, as plain rows.
_AGREED_AT = as_rows(select(Action).where(Action.meeting_id == bindparam("meeting_id"))
                     .order_by(Action.case_id, Action.created_at, Action.id))
_CHANGES_AT = (select(ActionChange.id, ActionChange.action_id, ActionChange.meeting_id,
                      ActionChange.kind, ActionChange.before, ActionChange.after,
                      ActionChange.by_kind, ActionChange.by_id, ActionChange.by_agency_id,
                      ActionChange.at)
               .where(ActionChange.meeting_id == bindparam("meeting_id"),
                      ActionChange.kind != "recorded")
               .order_by(ActionChange.at, ActionChange.id))


def agreed_at(session: Session, meeting_id: uuid.UUID) -> list[Any]:
    """The actions agreed at a meeting, by case, as plain rows (see as_rows)."""
    return list(session.connection().execute(_AGREED_AT, {"meeting_id": meeting_id}).all())


def changes_at(session: Session, meeting_id: uuid.UUID) -> list[Any]:
    """Updates given at a meeting (the record of each action's creation is not one), as plain
    rows of ActionChangeRead's fields."""
    return list(session.connection().execute(_CHANGES_AT, {"meeting_id": meeting_id}).all())


def counts(session: Session, panel_id: uuid.UUID,
           today: date) -> tuple[dict[str, int], int, dict[str, int]]:
    """Per status, overdue today, and per category: aggregates only."""
    by_status = {status: n for status, n in session.execute(
        select(Action.status, func.count()).where(Action.panel_id == panel_id)
        .group_by(Action.status))}
    overdue = session.scalar(select(func.count()).select_from(Action).where(*_OVERDUE),
                             _overdue_params(panel_id, today)) or 0
    by_category = {category: n for category, n in session.execute(
        select(Action.category, func.count()).where(Action.panel_id == panel_id)
        .group_by(Action.category))}
    return by_status, overdue, by_category
