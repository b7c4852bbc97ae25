"""One of two processes writing notes into the same data directory at once.

    python tests/faults/interleave_writer.py DATA_DIR TAG COUNT

Prints the id of each note once `log_interaction` has returned (an acknowledged write)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from netui.domain.models import Interaction, Kind
from netui.services import Network
from netui.storage import Store

TODAY = date(2026, 11, 22)


def main() -> None:
    root, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    net = Network(Store(root, backups=False, lock_timeout=30).open(), today=lambda: TODAY)
    people = [c.id for c in net.contacts()]
    for n in range(count):
        note = Interaction(contact_ids=[people[n % len(people)]], date=TODAY, kind=Kind.note,
                           text=f"{tag} {n}")
        net.log_interaction(note)
        print(note.id, flush=True)
    net.store.close()


if __name__ == "__main__":
    main()
