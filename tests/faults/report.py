"""The counts of one fault run, as a table printed (pytest -s shows it; a failing run's
captured output too) and written beside the run's files."""

import re
from collections import Counter
from pathlib import Path

from .event_log import EventLog
from .faults import PROCESSES, FaultInjector
from .ground_truth import GroundTruth

EXIT_LINE = re.compile(r"^(\S+)\s*\| exited with (-?\d+); restarting", re.MULTILINE)


def supervisor_name(target: str) -> str:
    """"serve prospects" -> "prospects", "relay prospects" -> "prospects-relay"."""
    verb, service = target.split()
    return service if verb == "serve" else f"{service}-relay"


def exits(output: str) -> dict[str, Counter]:
    """Per child of `soho up`, its exit codes before each restart."""
    found: dict[str, Counter] = {}
    for name, code in EXIT_LINE.findall(output):
        found.setdefault(name, Counter())[int(code)] += 1
    return found


def unexpected_exits(output: str, injector: FaultInjector) -> list[str]:
    """Exits that no signal of ours explains: -9 only after our SIGKILL; after our SIGTERM
    a clean stop, 0 (a relay) or -15 (uvicorn finishes its requests, then raises the signal
    it caught again so that its parent sees why it stopped); anything else is a crash."""
    problems = []
    codes = exits(output)
    for target in PROCESSES:
        name = supervisor_name(target)
        seen = codes.get(name, Counter())
        kills = injector.signals[("SIGKILL", target)]
        terms = injector.signals[("SIGTERM", target)]
        if seen[-9] > kills:
            problems.append(f"{name}: {seen[-9]} SIGKILL deaths for {kills} sent")
        if seen[0] + seen[-15] != terms:
            problems.append(f"{name}: {terms} SIGTERM sent, {seen[0] + seen[-15]} clean "
                            "exits (0 or -15)")
        others = {code: n for code, n in seen.items() if code not in (0, -9, -15)}
        if others:
            problems.append(f"{name}: exited on its own with {others}")
    for name, seen in codes.items():
        if name not in {supervisor_name(t) for t in PROCESSES}:
            problems.append(f"{name}: exited {dict(seen)}")
    return problems


def table(title: str, rows: list[tuple[str, object]]) -> list[str]:
    width = max([len(name) for name, _ in rows] + [10])
    return [title, *(f"  {name:<{width}}  {value}" for name, value in rows), ""]


def render(*, seed: int, truth: GroundTruth, log: EventLog, injector: FaultInjector,
           output: str, mails: Counter, durations: dict[str, float], problems: list[str],
           plan: str, resent_mails: tuple[int, int]) -> str:
    codes = exits(output)
    lines = [f"Fault run, seed {seed} (SOHO_FAULT_SEED={seed} replays the schedule)", plan, ""]
    lines += table("Operations accepted (2xx)", sorted(truth.operations.items()) + [
        ("idempotent replays (same key, same answer)", sum(truth.replays.values())),
        ("lost answers resolved as ours (409 after retry)", sum(truth.resolved.values())),
        ("double bookings refused (409)", truth.conflicts["booking"]),
        ("retries (process, broker or database down)", sum(truth.retries.values()))])
    lines += table("Retries by cause", sorted(truth.retries.items()) or [("none", 0)])
    republished = log.republished()
    lines += table("Events seen by the outside listener (distinct ids; + copies "
                   "republished with the same id)",
                   [(t, f"{n}  (+{republished[t]})") for t, n in sorted(log.types().items())]
                   + [("redelivered to the listener itself", log.listener_redeliveries)])
    lines += table("Emails received by the SMTP sink", sorted(mails.items()) + [
        ("sent twice with one Message-ID at a SIGKILL of notifications", resent_mails[0]),
        ("sent twice with one Message-ID otherwise (a bug)", resent_mails[1])])
    lines += table("Signals sent / exits seen by soho up (code: count)", [
        (supervisor_name(target),
         f"SIGKILL {injector.signals[('SIGKILL', target)]}, SIGTERM "
         f"{injector.signals[('SIGTERM', target)]}; restarts "
         f"{sum(codes.get(supervisor_name(target), Counter()).values())} "
         f"{dict(codes.get(supervisor_name(target), Counter()))}")
        for target in PROCESSES])
    lines += table("Outages", [("RabbitMQ stop_app/start_app", injector.rabbitmq.outages),
                               ("PostgreSQL restarts", injector.postgres.outages)])
    lines += ["Faults as injected", *(f"  {line}" for line in injector.done)]
    lines += [f"  MISSED {m}" for m in injector.missed] + [""]
    lines += table("Durations (s)", [(k, f"{v:.1f}") for k, v in durations.items()])
    lines += ["Problems" if problems else "Problems: none",
              *(f"  - {p}" for p in problems)]
    return "\n".join(lines)


def write(path: Path, text: str) -> None:
    path.write_text(text + "\n")
