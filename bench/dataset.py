"""A deterministic stream of historical referrals: victim, perpetrator(s), children; about a
third of victims come back (a repeat: the same human again, as a new person row)."""

import random
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from bench.names import Person, PersonFactory

FIRST_DAY = date(2017, 1, 2)
LAST_DAY = date(2026, 10, 30)
REPEAT_SHARE = 0.3


def _answer_sets(rng: random.Random) -> list[dict[str, str]]:
    """DASH answer sets, drawn once: yes-counts spread across and around the threshold."""
    return [{f"q{n}": rng.choices(("yes", "no", "dont_know"), (55, 35, 10))[0]
             for n in range(1, 25)} for _ in range(512)]


ANSWER_SETS = _answer_sets(random.Random(3))  # noqa: S311 - deterministic bench data


@dataclass(slots=True)
class Record:
    id: uuid.UUID
    referral_date: date
    submitted_at: datetime
    status: str
    agency: int
    case_id: uuid.UUID | None
    answers: dict[str, str]
    people: list[tuple[uuid.UUID, str, int, Person]]  # id, role, position, person
    repeat_of: uuid.UUID | None = None


@dataclass
class Cases:
    """Cases opened while loading: id -> [opened_on, last_referral_date]."""

    rows: dict[uuid.UUID, list[date]] = field(default_factory=dict)
    pending: list[uuid.UUID] = field(default_factory=list)


class History:
    """Generates referrals in date order; the same seed and total give the same data."""

    def __init__(self, seed: int, total_referrals: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - deterministic bench data
        self.factory = PersonFactory(seed + 1)
        self.total = total_referrals
        self.count = 0
        self.cases = Cases()
        self.recent: deque[tuple[Person, Person | None, uuid.UUID | None]] = deque(maxlen=20_000)
        self.sample: list[Person] = []  # a reservoir of people on file, for the match queries

    def uid(self, at: datetime) -> uuid.UUID:
        """A time-ordered id (UUIDv7 layout, as api.db.new_id makes) for a row made at `at`."""
        rand = self.rng.getrandbits(74)
        return uuid.UUID(int=(int(at.timestamp() * 1000) << 80) | (0x7 << 76)
                         | ((rand >> 62) << 64) | (0b10 << 62) | (rand & ((1 << 62) - 1)))

    def next(self) -> Record:
        r = self.rng
        day = FIRST_DAY + timedelta(days=(LAST_DAY - FIRST_DAY).days * self.count // self.total)
        self.count += 1
        repeat = self.recent[r.randrange(len(self.recent))] if (
            self.recent and r.random() < REPEAT_SHARE) else None
        victim = repeat[0] if repeat else self.factory.person()
        perp = repeat[1] if repeat and r.random() < 0.8 else self.factory.person()
        status = r.choices(("accepted", "submitted", "returned"), (70, 25, 5))[0]
        submitted = datetime(day.year, day.month, day.day, 9, tzinfo=UTC) + timedelta(
            seconds=r.randrange(0, 8 * 3600))
        case_id = None
        if status == "accepted":
            case_id = repeat[2] if repeat and repeat[2] else self.uid(submitted)
            self._case(case_id, day)
        people = [(self.uid(submitted), "victim", 0, victim)]
        if perp is not None and r.random() < 0.92:
            people.append((self.uid(submitted), "perpetrator", 0, perp))
        for n in range(r.choice((0, 0, 0, 1, 1, 2))):
            child = self.factory.person()
            child = Person(child.given_name, victim.family_name,
                           day - timedelta(days=r.randrange(200, 5800)), victim.postcode, ())
            people.append((self.uid(submitted), "child", n, child))
        self.recent.append((victim, perp, case_id))
        self._reservoir([p for _, _, _, p in people])
        answers = ANSWER_SETS[r.randrange(len(ANSWER_SETS))]
        return Record(self.uid(submitted), day, submitted, status, r.randrange(13), case_id,
                      answers, people, repeat_of=repeat[2] if repeat else None)

    def _case(self, case_id: uuid.UUID, day: date) -> None:
        if case_id in self.cases.rows:
            self.cases.rows[case_id][1] = day
        else:
            self.cases.rows[case_id] = [day, day]
            self.cases.pending.append(case_id)

    def _reservoir(self, people: list[Person]) -> None:
        for person in people:
            seen = self.count
            if len(self.sample) < 5000:
                self.sample.append(person)
            elif self.rng.random() < 5000 / (seen * 2.3):
                self.sample[self.rng.randrange(5000)] = person
