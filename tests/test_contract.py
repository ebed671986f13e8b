"""The exported contract is the app's contract: regenerate with `make openapi` when it drifts."""

import json

from api.export_openapi import CONTRACT, render


def test_openapi_file_matches_the_app() -> None:
    assert CONTRACT.exists(), "openapi/openapi.json is missing: run `make openapi`"
    exported = json.loads(CONTRACT.read_text())
    assert exported == json.loads(render()), "the contract drifted: run `make openapi`"


def test_every_error_response_is_a_problem_document() -> None:
    schema = json.loads(render())
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    content = response.get("content", {})
                    assert list(content) == ["application/problem+json"], (method, path, status)


def test_operation_ids_are_unique_and_stable() -> None:
    schema = json.loads(render())
    ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))
    assert all(op_id[0].islower() and "_" not in op_id for op_id in ids)
