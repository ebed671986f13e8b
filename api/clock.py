"""Today as the panels count days: the date in the UK, where every panel sits (referral dates,
meeting dates, deadlines).

A dependency so tests can hold the calendar still (`app.dependency_overrides[today]`); code
outside a request calls `uk_today()`."""

from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends

_UK = ZoneInfo("Europe/London")


def uk_today() -> date:
    return datetime.now(_UK).date()


async def today() -> date:
    """The dependency. Async only because it does no I/O: FastAPI then runs it on the event
    loop instead of handing it to a worker thread and back (a tenth of a millisecond of CPU
    and two thread switches on every request that asks for the date)."""
    return uk_today()


TodayDep = Annotated[date, Depends(today)]
