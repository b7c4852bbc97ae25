"""A child process for the crash tests: a long mixed sequence of writes through `Network`,
logged so the parent can tell exactly what was acknowledged when it was killed.

    python tests/faults/crash_writer.py DATA_DIR LOG_FILE SEED [OPS]

Log lines (one JSON object each, written unbuffered with os.write, so a SIGKILL cannot
lose a line the kernel accepted):
    {"ready": true}                          the store is open; the parent may kill from now on
    {"intent": n, "changes": [[c, id, doc|null], ...]}   a transaction is about to be applied
    {"ack": n}                               the Network call around intents <= n returned
An intent without an ack is the write the kill interrupted: the data must hold either all
of it or none of it. Everything acked must be there."""

from __future__ import annotations

import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from netui.demo import generate
from netui.domain.models import (
    CheckInStatus,
    Contact,
    Direction,
    Favour,
    FavourStatus,
    Interaction,
    Kind,
)
from netui.services import Network
from netui.storage import Change, Store

TODAY = date(2026, 11, 22)


class Log:
    def __init__(self, path: str) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self.intents = 0

    def line(self, obj: dict[str, Any]) -> None:
        os.write(self.fd, orjson.dumps(obj) + b"\n")


def instrument(store: Store, log: Log) -> None:
    """Log each transaction's exact changes just before the store applies them."""
    real_apply = store.apply

    def logged(changes: Any) -> Any:
        log.intents += 1
        log.line({"intent": log.intents,
                  "changes": [[c.collection, c.id, c.doc] for c in changes]})
        return changes

    def apply(changes: Any, what: str = "the change") -> None:
        if callable(changes):  # computed under the lock: logged once built
            build = changes
            real_apply(lambda: logged(build()), what)
        else:
            real_apply(logged(changes), what)

    store.apply = apply  # type: ignore[method-assign]


def one_op(net: Network, rng: random.Random, n: int) -> None:
    """One Network call, chosen from a mix weighted like real use (mostly notes)."""
    people = [c.id for c in net.contacts(include_archived=True)]
    day = TODAY - timedelta(days=rng.randint(0, 400))
    op = rng.choices(
        ["note", "meeting", "quick_new", "favour", "status", "edit", "add", "del_note",
         "del_fav", "del_contact", "done", "snooze", "import", "bulk", "undo"],
        weights=[30, 10, 5, 10, 5, 8, 4, 4, 2, 1, 3, 3, 2, 2, 3],
    )[0]
    if op == "add" or len(people) < 5:
        net.add_contact(Contact(name=f"Person {n} {rng.randint(0, 9999)}", tags=["crash"]))
    elif op in ("note", "meeting"):
        kind = Kind.note if op == "note" else Kind.meeting
        who = rng.sample(people, rng.randint(1, 3))
        followup = TODAY + timedelta(days=rng.randint(1, 60)) if rng.random() < 0.2 else None
        net.log_interaction(Interaction(contact_ids=who, date=day, kind=kind,
                                        text=f"note {n} " + "x" * rng.randint(0, 400)),
                            followup=followup)
    elif op == "quick_new":
        new = Contact(name=f"Newcomer {n}")
        net.log_interaction(Interaction(contact_ids=[new.id, rng.choice(people)], date=day,
                                        kind=Kind.call, text=f"met {n}"), new_contacts=[new])
    elif op == "favour":
        direction = rng.choice(list(Direction))
        net.log_favour(Favour(contact_id=rng.choice(people), direction=direction,
                              text=f"favour {n}", date=day, size=rng.randint(1, 3)))
    elif op == "status":
        favs = [d["id"] for d in net.store.docs("favours")]
        if favs:
            net.set_favour_status(rng.choice(favs), rng.choice(list(FavourStatus)))
    elif op == "edit":
        net.edit_contact(rng.choice(people), company=f"Co {n}", tags=[f"t{n % 7}"])
    elif op == "del_note":
        notes = [d["id"] for d in net.store.docs("interactions")]
        if notes:
            net.delete_interaction(rng.choice(notes))
    elif op == "del_fav":
        favs = [d["id"] for d in net.store.docs("favours")]
        if favs:
            net.delete_favour(rng.choice(favs))
    elif op == "del_contact" and len(people) > 20:
        net.delete_contact(rng.choice(people))
    elif op == "done":
        net.mark_done(rng.choice(people), note=f"done {n}", on=TODAY)
    elif op == "snooze":
        net.snooze(rng.choice(people), TODAY + timedelta(days=rng.randint(1, 90)))
    elif op == "import":
        # A small export merged in: new people with their history, one transaction.
        net.import_all(generate(rng.randint(2, 6), seed=rng.randint(0, 10**9), today=TODAY))
    elif op == "bulk":
        # A multi-file commit: up to 20 check-ins spread over several shards at once.
        chks = [d for d in net.store.docs("checkins") if d.get("status") == "pending"][:20]
        skipped = CheckInStatus.skipped.value
        net.commit([Change("checkins", d["id"], {**d, "status": skipped}) for d in chks],
                   "skip check-ins")
    elif op == "undo" and net.can_undo:
        net.undo()


def main() -> None:
    data_dir, log_path, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ops = int(sys.argv[4]) if len(sys.argv) > 4 else 10**9
    log = Log(log_path)
    store = Store(Path(data_dir), today=lambda: TODAY).open()
    net = Network(store, today=lambda: TODAY)
    instrument(store, log)
    log.line({"ready": True})
    rng = random.Random(seed)
    for n in range(ops):
        one_op(net, rng, n)
        log.line({"ack": log.intents})
    store.close()


if __name__ == "__main__":
    main()
