"""Today as the panels count days: the date in the UK, where every panel sits (referral dates,
meeting dates, deadlines).

A dependency so tests can hold the calendar still (`app.dependency_overrides[today]`)."""

from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends

_UK = ZoneInfo("Europe/London")


def today() -> date:
    return datetime.now(_UK).date()


TodayDep = Annotated[date, Depends(today)]
