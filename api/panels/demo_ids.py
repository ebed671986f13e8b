"""The demo panels' ids, the same on every machine, so the contract's examples and the
schemathesis configuration can name them (`make run` loads the demo under these ids)."""

import uuid

_DEMO = uuid.UUID("6d0a1c52-8f55-4f1e-9a7e-2b0c0de0a11c")


def demo_panel_id(slug: str) -> uuid.UUID:
    return uuid.uuid5(_DEMO, slug)


NORTH_MARAC = demo_panel_id("demo-north-marac")
COMMUNITY_MARAC = demo_panel_id("demo-community-marac")
