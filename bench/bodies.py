"""Valid referral bodies for the submission load, one JSON document per line for wrk."""

import json
import random
import uuid
from datetime import date, timedelta
from pathlib import Path

from bench.dataset import ANSWER_SETS
from bench.names import Person, PersonFactory


def _person(p: Person, **extra: object) -> dict:
    return {"given_names": p.given_name, "family_name": p.family_name,
            "aliases": [f"{g} {f}" for g, f in p.aliases],
            "date_of_birth": p.date_of_birth.isoformat(), "postcode": p.postcode, **extra}


def referral_body(rng: random.Random, panel: uuid.UUID, victim: Person, perpetrator: Person,
                  children: list[Person], today: date) -> dict:
    day = today - timedelta(days=rng.randrange(0, 20))
    return {
        "panel_id": str(panel), "referral_date": day.isoformat(),
        "referrer": {"name": "Bench Referrer", "role": "Police officer",
                     "email": "referrer@example.org", "phone": "01632 960000"},
        "victim": _person(victim, gender="female", address="1 High Street",
                          safe_to_call=True, preferred_contact="phone"),
        "perpetrators": [_person(perpetrator, gender="male", relationship_to_victim="partner")],
        "children": [_person(c, school="Demo Primary") for c in children],
        "relationships": [{"person": "perpetrator.0", "other": "victim",
                           "relationship": "ex-partner"}],
        "reason": "Repeated threats to kill and controlling behaviour; two call-outs this month.",
        "risks_identified": ["Threats to kill", "Escalation"],
        "actions_taken": "Safety planning with the IDVA; target hardening requested.",
        "victim_aware": True,
        "consent": {"status": "given", "method": "verbal", "obtained_by": "PC Bench",
                    "obtained_on": day.isoformat()},
        "incident_dates": [(day - timedelta(days=d)).isoformat() for d in (1, 20, 45)],
        "risk_assessment": {"instrument_key": "dash", "instrument_version": "2009-v1",
                            "answers": ANSWER_SETS[rng.randrange(len(ANSWER_SETS))]},
    }


def write_bodies(path: Path, panel: uuid.UUID, sample: list[Person], count: int,
                 seed: int) -> None:
    """`count` bodies: about 30% name a victim already on file (a possible repeat)."""
    rng = random.Random(seed)  # noqa: S311 - deterministic bench data
    fresh = PersonFactory(seed + 1)
    today = date.today()
    lines = []
    for _ in range(count):
        victim = rng.choice(sample) if rng.random() < 0.3 else fresh.person()
        victim = Person(victim.given_name, victim.family_name,
                        min(victim.date_of_birth, today - timedelta(days=365 * 18)),
                        victim.postcode, victim.aliases)
        kids = [fresh.person() for _ in range(rng.choice((0, 0, 1, 2)))]
        kids = [Person(k.given_name, victim.family_name, today - timedelta(days=rng.randrange(
            400, 5000)), victim.postcode, ()) for k in kids]
        body = referral_body(rng, panel, victim, fresh.person(), kids, today)
        lines.append(json.dumps(body, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_bare_bodies(path: Path, count: int) -> None:
    path.write_text("\n".join(json.dumps({"payload": f"bench row {n} " + "x" * 300})
                              for n in range(count)) + "\n")
