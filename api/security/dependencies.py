"""The one dependency through which every protected route learns its caller.

Until the identity module lands this refuses every request: the safe default.
"""

from typing import Annotated

from fastapi import Depends

from api.problems import Unauthenticated
from api.security.principal import Principal


def current_principal() -> Principal:
    raise Unauthenticated("Authentication is required.")


PrincipalDep = Annotated[Principal, Depends(current_principal)]
