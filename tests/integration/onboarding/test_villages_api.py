"""The villages: every commune with its profile, filters, edits, and demo data."""

import pytest

from services.onboarding.use_cases.seeding import DEMO_VILLAGES


async def villages(onboarding, **params) -> list[dict]:
    answer = await onboarding.client.get("/api/villages", params=params,
                                         headers=onboarding.staff())
    assert answer.status_code == 200, answer.text
    return answer.json()


async def test_staff_see_every_commune_with_host_status_committee_and_distances(onboarding):
    everything = await villages(onboarding)
    assert len(everything) == 458
    auch = next(v for v in everything if v["insee_code"] == "32013")
    assert auch["distances"]["auch_km"] == 0 and 68 < auch["distances"]["toulouse_km"] < 71
    assert {"host_status", "committee", "services", "broadband", "housing_notes",
            "demo"} <= auch.keys()


async def test_demo_data_is_marked_and_uses_example_addresses_only(onboarding):
    demo = await villages(onboarding, demo="true")
    assert {v["insee_code"] for v in demo} == {row[0] for row in DEMO_VILLAGES}
    for v in demo:
        assert v["housing_notes"].startswith("[DÉMO / DEMO]")
        assert v["committee"] is None or v["committee"]["email"].endswith("@example.org")
    hosts = await villages(onboarding, host_status="host", has_committee="true")
    assert hosts and all(v["host_status"] == "host" and v["committee"] for v in hosts)


async def test_filters_narrow_the_list(onboarding):
    staff = onboarding.staff()
    await onboarding.client.patch("/api/villages/32462", headers=staff, json={
        "services": {"school": True, "train_station": True},
        "broadband": {"technology": "fibre", "download_mbps": 900}})
    found = await villages(onboarding, school="true", train_station="true",
                           min_broadband_mbps=800, name="fezensac")
    assert [v["insee_code"] for v in found] == ["32462"]
    near = await villages(onboarding, max_distance_auch_km=10)
    assert near and all(v["distances"]["auch_km"] <= 10 for v in near)
    assert "32013" in {v["insee_code"] for v in near}
    assert {v["name"] for v in await villages(onboarding, name="montreal")} == {"Montréal"}
    both = await villages(onboarding, host_status=["host", "associated"])
    assert {v["host_status"] for v in both} <= {"host", "associated"}


async def test_an_edit_changes_only_what_is_sent_and_null_means_unknown(onboarding):
    staff, client = onboarding.staff(), onboarding.client
    first = await client.patch("/api/villages/32290", headers=staff, json={
        "host_status": "associated", "services": {"school": True, "doctor": False},
        "housing_notes": "Maisons à vendre"})
    assert first.status_code == 200
    second = await client.patch("/api/villages/32290", headers=staff,
                                json={"services": {"doctor": None}})
    village = second.json()
    assert village["host_status"] == "associated" and village["housing_notes"] == "Maisons à vendre"
    assert village["services"] == {"school": True, "doctor": None, "shops": None,
                                   "train_station": None}


@pytest.mark.parametrize("body, field", [
    ({"email": "not-an-email", "locale": "fr"}, "email"),
    ({"email": "a@example.org", "locale": "de"}, "locale"),
    ({"email": "a@example.org"}, "locale"),
    ({"email": "a@example.org", "locale": "fr", "webhook_url": "ftp://x"}, "webhook_url"),
])
async def test_a_bad_committee_is_422_naming_the_field(onboarding, body, field):
    answer = await onboarding.client.put("/api/villages/32290/committee", json=body,
                                         headers=onboarding.staff())
    assert answer.status_code == 422
    assert field in {e["loc"][-1] for e in answer.json()["detail"]}


async def test_committee_with_webhook_then_removed(onboarding):
    staff, client = onboarding.staff(), onboarding.client
    body = {"email": "accueil@example.org", "locale": "en",
            "webhook_url": "https://hooks.example.org/32290"}
    put = await client.put("/api/villages/32290/committee", json=body, headers=staff)
    assert put.json()["committee"]["webhook_url"] == "https://hooks.example.org/32290"
    assert (await client.delete("/api/villages/32290/committee", headers=staff)).status_code == 204
    village = (await client.get("/api/villages/32290", headers=staff)).json()
    assert village["committee"] is None


async def test_an_unknown_commune_is_404_and_a_malformed_code_422(onboarding):
    staff = onboarding.staff()
    assert (await onboarding.client.get("/api/villages/32999", headers=staff)).status_code == 404
    assert (await onboarding.client.get("/api/villages/auch", headers=staff)).status_code == 422
