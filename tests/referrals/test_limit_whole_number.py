"""JSON Schema's integer admits 48.0, so `limit=48.0` is a page of 48; 48.5 is refused."""


def test_a_whole_number_written_with_a_fraction_is_a_limit(client, act_as, world):
    act_as(world.coordinator)
    assert client.get("/api/v1/referrals", params={"limit": "48.0"}).status_code == 200
    assert client.get("/api/v1/cases", params={"limit": "2.0"}).status_code == 200
    for bad in ("48.5", "101.0", "0.0", "1e1"):
        response = client.get("/api/v1/referrals", params={"limit": bad})
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["pointer"] == "/query/limit"
