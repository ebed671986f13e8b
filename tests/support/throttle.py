"""Moving an identity's failed logins into the past, instead of sleeping through delays."""

from datetime import timedelta

from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.identity.models import LoginThrottle
from api.security import tokens


def rewind(app: FastAPI, session: Session, email: str, seconds: float) -> None:
    """Every count of the identity, from every client, `seconds` older."""
    identity = tokens.keyed_hash(app.state.settings, "login", email.lower())
    session.expire_all()
    for row in session.scalars(select(LoginThrottle).where(
            LoginThrottle.identity_hash == identity, LoginThrottle.last_failure_at.is_not(None))):
        row.last_failure_at -= timedelta(seconds=seconds)
    session.commit()
