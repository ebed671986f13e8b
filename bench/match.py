"""Person-match latency: POST /api/v1/people/search from one client over a kept-alive
connection, and the same search in process (api.people.matching.find_candidates), no HTTP."""

import http.client
import json
import random
import statistics
import time
import uuid
from datetime import date

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from api.people.keys import probe
from api.people.matching import find_candidates
from bench.names import Person, PersonFactory, misspell


def queries(sample: list[Person], count: int, seed: int) -> list[dict]:
    """Searches as coordinators type them: real people (case/accent/spacing typos, sometimes
    by alias), about 10% people who are not on file; with date of birth, postcode or neither."""
    rng = random.Random(seed)  # noqa: S311 - deterministic bench data
    strangers = PersonFactory(seed + 99)
    out = []
    for _ in range(count):
        known = rng.random() >= 0.1
        p = rng.choice(sample) if known else strangers.person()
        given, family = (rng.choice(p.aliases) if p.aliases and rng.random() < 0.3
                         else (p.given_name, p.family_name))
        name = f"{misspell(given, rng)} {misspell(family, rng)}"
        shape = rng.choices(("name+dob", "name", "name+postcode", "dob+postcode"),
                            (50, 25, 15, 10))[0]
        q: dict = {}
        if "name" in shape:
            q["name"] = name
        if "dob" in shape:
            q["date_of_birth"] = p.date_of_birth.isoformat()
        if "postcode" in shape:
            squashed = p.postcode.lower().replace(" ", "")
            q["postcode"] = squashed if rng.random() < 0.5 else p.postcode
        out.append({"shape": shape, "known": known, **q})
    return out


def summarise(ms: list[float]) -> dict:
    ordered = sorted(ms)

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))], 2)
    return {"count": len(ms), "p50": pct(50), "p95": pct(95), "p99": pct(99),
            "max": round(ordered[-1], 2), "mean": round(statistics.fmean(ms), 2)}


def login(port: int, email: str, password: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("POST", "/api/v1/auth/login", json.dumps({"email": email, "password": password}),
                 {"Content-Type": "application/json"})
    response = conn.getresponse()
    body = json.loads(response.read())
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"login refused: {response.status} {body}")
    return body["access_token"]


def over_http(port: int, token: str, panel: uuid.UUID, qs: list[dict]) -> dict:
    """One client, sequential requests; the first 5% are a warm-up and not counted."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    ms, found, statuses = [], 0, {}
    warm = max(1, len(qs) // 20)
    for n, q in enumerate(qs):
        body = json.dumps({"panel_id": str(panel), "limit": 20,
                           **{k: v for k, v in q.items() if k not in ("shape", "known")}})
        start = time.perf_counter()
        conn.request("POST", "/api/v1/people/search", body, headers)
        response = conn.getresponse()
        payload = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        statuses[response.status] = statuses.get(response.status, 0) + 1
        if response.status == 200 and n >= warm:
            ms.append(elapsed)
            found += bool(json.loads(payload)["items"])
    conn.close()
    return {**summarise(ms), "with_candidates": found, "statuses": statuses}


def in_process(url: str, panel: uuid.UUID, qs: list[dict]) -> dict:
    """What the route does, minus HTTP, auth and serialisation: the database part."""
    engine = create_engine(url, pool_size=1)
    ms = []
    by_shape: dict[str, list[float]] = {}
    warm = max(1, len(qs) // 20)
    with Session(engine) as session:
        for n, q in enumerate(qs):
            dob = date.fromisoformat(q["date_of_birth"]) if "date_of_birth" in q else None
            start = time.perf_counter()
            terms = probe(q.get("name"), date_of_birth=dob, postcode=q.get("postcode"))
            find_candidates(session, panel, terms, surname_alone=True, limit=20)
            session.rollback()
            elapsed = (time.perf_counter() - start) * 1000
            if n >= warm:
                ms.append(elapsed)
                by_shape.setdefault(q["shape"], []).append(elapsed)
    engine.dispose()
    return {**summarise(ms), "by_shape": {k: summarise(v) for k, v in sorted(by_shape.items())}}
