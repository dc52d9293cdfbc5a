"""The shape of the code, checked: every service has the same layers and its imports point
one way (.importlinter: entry points -> use cases -> store and adapters -> domain), its
domain imports no database, broker, HTTP or template library, no service imports another,
and one statement writes outbox rows."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_imports_point_one_way_in_every_service():
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint), "--no-cache", "--no-logo", str(ROOT / ".importlinter")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_only_the_shared_outbox_writes_outbox_rows():
    """`shared.outbox.store.insert_outbox_rows` is the one statement that writes the outbox:
    a new column is added there, for every writer at once."""
    writers = [str(path.relative_to(ROOT)) for folder in ("services", "shared", "soho")
               for path in (ROOT / folder).rglob("*.py")
               if re.search(r"insert\s+into\s+outbox\b", path.read_text(), re.IGNORECASE)]
    assert writers == ["shared/outbox/store.py"]
