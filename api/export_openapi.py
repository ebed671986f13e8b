"""Writes the API contract to openapi/openapi.json: `python -m api.export_openapi`."""

import json
from pathlib import Path

from api.config import Settings
from api.main import create_app

CONTRACT = Path(__file__).resolve().parent.parent / "openapi" / "openapi.json"


def render() -> str:
    app = create_app(Settings(database_url="sqlite://", environment="test"))
    return json.dumps(app.openapi(), indent=2, sort_keys=True) + "\n"


def main() -> None:
    CONTRACT.write_text(render())
    print(f"wrote {CONTRACT}")


if __name__ == "__main__":
    main()
