"""`soho up --replicas 2`: two copies of every service (HTTP, consumers, periodic jobs) and of
every relay share the work, handle each event once, and one copy dying leaves the other
serving. The first copy keeps the contract's port; the second listens 100 above it."""

import asyncio
import contextlib
import os
import signal
import uuid
from pathlib import Path

import aio_pika
import httpx
from prometheus_client.parser import text_string_to_metric_families

from soho import registry
from soho.registry import SERVICE_NAMES
from tests.support.platform_process import alive, running_platform
from tests.support.waiting import wait_for

BASE_PORT, SINK_PORT = 18200, 11225
REPLICA_PORT_STEP = 100
CONTACTS = 20
QUALIFICATION = {"remote_work_viability": "confirmed", "household_adults": 2,
                 "household_children": 0, "move_horizon": "within_6_months"}


def copy_urls(platform, service: str) -> list[str]:
    first = platform.ports[service]
    return [f"http://127.0.0.1:{first + REPLICA_PORT_STEP * n}" for n in range(2)]


def serve_pid(platform, service: str, copy: int) -> int:
    """The `soho serve <service>` child of that copy (told apart by its port variable)."""
    port = f"{service.upper()}_PORT={platform.ports[service] + REPLICA_PORT_STEP * (copy - 1)}"
    for pid in platform.child_pids(f"serve {service}"):
        with contextlib.suppress(OSError):
            if port.encode() in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0"):
                return pid
    raise AssertionError(f"no process for copy {copy} of {service}")


async def all_answer(client: httpx.AsyncClient, urls: list[str], path: str) -> bool:
    try:
        return all([(await client.get(f"{url}{path}")).status_code == 200 for url in urls])
    except httpx.HTTPError:
        return False


async def consumer_counts(amqp_url: str) -> dict[str, int]:
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        counts = {}
        for queue in registry.consumer_queues():
            declared = await channel.declare_queue(queue, passive=True)
            counts[queue] = declared.declaration_result.consumer_count
        return counts


async def handled(client: httpx.AsyncClient, url: str, queue: str) -> float:
    """Events this process handled from `queue` since it started (its Prometheus counter)."""
    text = (await client.get(f"{url}/metrics")).text
    return sum(sample.value for family in text_string_to_metric_families(text)
               for sample in family.samples
               if sample.name == "soho_events_consumed_total"
               and sample.labels == {"queue": queue, "outcome": "handled"})


async def handled_by_copy(client, platform, service: str, queue: str) -> list[float]:
    return [await handled(client, url, queue) for url in copy_urls(platform, service)]


async def handled_since(client, platform, service: str, queue: str,
                        before: list[float]) -> list[float]:
    """Events each copy handled from `queue` since `before`, once they add up to CONTACTS
    (a copy counts an event just after its commit, so just after its effect is visible)."""
    async def counts() -> list[float] | None:
        now = await handled_by_copy(client, platform, service, queue)
        done = [after - was for after, was in zip(now, before, strict=True)]
        return done if sum(done) >= CONTACTS else None

    return await wait_for(counts, timeout=30, message=f"{queue} counted by its consumers")


def new_contact() -> dict:
    tag = uuid.uuid4().hex[:10]
    return {"first_name": "Anouk", "last_name": f"Visser-{tag}",
            "email": f"anouk.{tag}@example.nl", "consent": True, "locale": "en"}


async def test_two_copies_share_the_work_each_event_once_and_survive_one_dying(
        database_url, amqp_url, tmp_path):
    env = {"PROSPECTS_CONTACT_RATE_LIMIT": "100000 per minute"}
    async with running_platform(tmp_path, replicas=2, base_port=BASE_PORT, sink_port=SINK_PORT,
                                env=env) as platform, httpx.AsyncClient(timeout=10) as client:
        await platform.wait_ready(timeout=180)
        second_copies = [copy_urls(platform, s)[1] for s in SERVICE_NAMES]
        await wait_for(lambda: all_answer(client, second_copies, "/ready"), timeout=120,
                       interval=0.5, message="every second copy ready")
        assert platform.url("prospects") == f"http://127.0.0.1:{BASE_PORT + 1}", "contract port"
        relayed = registry.relayed_services()
        for service in SERVICE_NAMES:
            assert len(platform.child_pids(f"serve {service}")) == 2, service
            relays = 2 if service in relayed else 0  # none for a service that publishes nothing
            assert len(platform.child_pids(f"relay {service}")) == relays, service
        await wait_for(lambda: "the platform is up" in platform.output(), timeout=60,
                       message="URLs printed")
        for url in second_copies:
            assert f"{url}/" in platform.output(), "the second copies are announced"
        await wait_for(lambda: _every_queue_has_two_consumers(amqp_url), timeout=60,
                       message="two consumers on every queue")

        staff = platform.staff_headers()
        dashboards = copy_urls(platform, "dashboard")
        before = (await client.get(f"{dashboards[0]}/api/kpis", headers=staff)).json()
        acknowledged_before = await handled_by_copy(client, platform, "notifications",
                                                    "notifications.contact.received")
        cases_before = await handled_by_copy(client, platform, "onboarding",
                                             "onboarding.prospect.qualified")

        # Contacts go in through both copies of prospects at once.
        people = [new_contact() for _ in range(CONTACTS)]
        responses = await asyncio.gather(*(
            client.post(f"{copy_urls(platform, 'prospects')[n % 2]}/api/contacts", json=person)
            for n, person in enumerate(people)))
        assert [r.status_code for r in responses] == [202] * CONTACTS, responses[0].text
        prospect_ids = [r.json()["prospect_id"] for r in responses]

        # Each person gets exactly one acknowledgement, though two notifications consume.
        await wait_for(lambda: all(platform.mails_to(p["email"]) for p in people), timeout=120,
                       interval=0.5, message=f"{CONTACTS} acknowledgements at the sink")
        await wait_for(lambda: _counted(client, dashboards[0], staff, before, "contacts", CONTACTS),
                       timeout=60, message="the dashboard counted every contact")
        for person in people:
            assert len(platform.mails_to(person["email"])) == 1, person["email"]
        by_copy = await handled_since(client, platform, "notifications",
                                      "notifications.contact.received", acknowledged_before)
        assert sum(by_copy) == CONTACTS, f"each contact handled once, not {by_copy}"
        assert all(by_copy), f"both copies of notifications did some of the work: {by_copy}"

        # Qualified through both copies: onboarding opens one case each, never two.
        responses = await asyncio.gather(*(
            client.post(f"{copy_urls(platform, 'prospects')[n % 2]}/api/prospects/{pid}/qualify",
                        json=QUALIFICATION, headers=staff)
            for n, pid in enumerate(prospect_ids)))
        assert [r.status_code for r in responses] == [200] * CONTACTS, responses[0].text
        for n, prospect_id in enumerate(prospect_ids):
            url = copy_urls(platform, "onboarding")[n % 2]

            async def cases_of(pid=prospect_id, url=url) -> list:
                return (await client.get(f"{url}/api/cases", params={"prospect_id": pid},
                                         headers=staff)).json()

            await wait_for(cases_of, timeout=60, message=f"a case for {prospect_id}")
        for prospect_id in prospect_ids:
            cases = (await client.get(f"{platform.url('onboarding')}/api/cases",
                                      params={"prospect_id": prospect_id}, headers=staff)).json()
            assert len(cases) == 1, cases
        by_copy = await handled_since(client, platform, "onboarding",
                                      "onboarding.prospect.qualified", cases_before)
        assert sum(by_copy) == CONTACTS, f"each qualification handled once, not {by_copy}"
        await wait_for(lambda: _counted(client, dashboards[1], staff, before, "qualified",
                                        CONTACTS),
                       timeout=60, message="the dashboard counted every qualification")

        # Copy 1 of every service dies: copy 2 goes on serving and consuming meanwhile.
        victims = [serve_pid(platform, service, 1) for service in SERVICE_NAMES]
        for pid in victims:
            os.kill(pid, signal.SIGKILL)
        await wait_for(lambda: not any(alive(pid) for pid in victims), timeout=10,
                       message="copy 1 of every service gone")
        with contextlib.suppress(httpx.HTTPError):
            await client.get(f"{platform.url('prospects')}/health", timeout=1)
            raise AssertionError("copy 1 of prospects still answers after SIGKILL")
        assert await all_answer(client, second_copies, "/ready"), "copy 2 still ready"
        late = new_contact()
        response = await client.post(f"{copy_urls(platform, 'prospects')[1]}/api/contacts",
                                     json=late)
        assert response.status_code == 202, response.text
        await wait_for(lambda: platform.mails_to(late["email"]), timeout=90, interval=0.5,
                       message="the acknowledgement sent while copy 1 was down")
        await wait_for(lambda: _counted(client, dashboards[1], staff, before, "contacts",
                                        CONTACTS + 1),
                       timeout=60, message="copy 2 of the dashboard counted it")
        assert len(platform.mails_to(late["email"])) == 1

        # The supervisor brings copy 1 back on the contract's port.
        await platform.wait_ready(timeout=120)
        assert not set(victims) & set(platform.child_pids("serve "))
        assert len(platform.child_pids("serve ")) == 2 * len(SERVICE_NAMES)


async def _every_queue_has_two_consumers(amqp_url: str) -> bool:
    try:
        counts = await consumer_counts(amqp_url)
    except aio_pika.exceptions.ChannelClosed:  # a queue not declared yet
        return False
    return all(count == 2 for count in counts.values())


async def _counted(client, url: str, staff, before: dict, figure: str, expected: int) -> bool:
    """The dashboard at `url` has counted `expected` more `figure` than `before`."""
    try:
        now = (await client.get(f"{url}/api/kpis", headers=staff)).json()
    except httpx.HTTPError:
        return False
    return now[figure] - before[figure] == expected
