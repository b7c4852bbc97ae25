"""What the app does before and right after its first frame (issue 20): only the
contact list's work. Checked by what a fresh interpreter loads and by how many records
are validated, never by the clock."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from netui.demo import generate
from netui.domain.models import Contact
from netui.storage import conflicts
from tests.conftest import TODAY, open_network

# Start the app on DATA with the config the shell would pass, the way `run_app` does,
# and list the netui.ui modules loaded by the time the first frame is painted (the
# warm-up after it may load more).
FIRST_FRAME = """
import asyncio, json, sys
from datetime import date
from netui.config import Config
from netui.services import Network
from netui.storage import Store
from netui.ui.settings_check import check_ui_settings
day = date.fromisoformat(sys.argv[2])
net = Network(Store(sys.argv[1], backups=False, today=lambda: day).open(), today=lambda: day)
check_ui_settings(net.config)
from netui.ui.app import NetuiApp

seen = []
started = NetuiApp._started

def _started(self):  # runs once the first frame is painted, before the warm-up
    seen.extend(m for m in sys.modules if m.startswith("netui.ui."))
    started(self)

NetuiApp._started = _started

async def go():
    app = NetuiApp(net)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

asyncio.run(go())
print(json.dumps(sorted(seen)))
"""

# Screens the contact list's first frame never shows.
NOT_SHOWN = {"netui.ui.review", "netui.ui.dedupe_screen", "netui.ui.import_screen",
             "netui.ui.ledger_pane", "netui.ui.calendar_pane", "netui.ui.quickadd",
             "netui.ui.help_screen", "netui.ui.note_editor"}


def test_the_first_frame_imports_no_screen_it_does_not_show(data_dir: Path):
    net = open_network(data_dir)
    net.import_all(generate(20, seed=3, today=TODAY))
    net.store.close()
    done = subprocess.run([sys.executable, "-c", FIRST_FRAME, str(data_dir), TODAY.isoformat()],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "netui.ui.contacts_pane" in loaded  # the app really drew its contact list
    assert not loaded & NOT_SHOWN, sorted(loaded & NOT_SHOWN)


def reference_split(raw: bytes) -> tuple[bytes, bytes] | None:
    """split_markers as it was: the line-anchored pattern over every file."""
    if not conflicts._MARKERS.search(raw):
        return None
    return conflicts.split_markers(raw)


@given(st.lists(st.sampled_from([b"<<<<<<< ours\n", b"=======\n", b">>>>>>> theirs\n",
                                 b'{"a": "x======="}\n', b"<<<<<<<\n", b"plain\n",
                                 b"  =======\n", b">>>>>>>x\n", b"=======", b"<<<<<<< x",
                                 b'{"t": {"1": {}}}']), max_size=8))
def test_the_marker_prefilter_finds_what_the_pattern_finds(parts):
    raw = b"".join(parts)
    assert conflicts.split_markers(raw) == reference_split(raw)


def test_a_persons_timeline_validates_no_other_contact(demo_network, monkeypatch):
    """The app holds rows: showing one person's timeline (the first thing it does after
    its first frame) must not build a model of everyone else."""
    person = demo_network.people()[0]
    fresh = open_network(demo_network.store.root)
    built: list[str] = []
    real = Contact.model_validate.__func__  # type: ignore[attr-defined]

    def counting(cls, obj, *args, **kwargs):
        built.append(obj.get("id") if isinstance(obj, dict) else "?")
        return real(cls, obj, *args, **kwargs)

    monkeypatch.setattr(Contact, "model_validate", classmethod(counting))
    try:
        entries = fresh.timeline(person.id)
    finally:
        fresh.store.close()
    assert entries  # the demo person has a history to show
    assert set(built) <= {person.id}


def reference_may_hold_controls(raw: bytes) -> bool:
    """json_may_hold_controls as it was: every substring scanned."""
    return (b"\\u00" in raw or b"\\b" in raw or b"\\f" in raw or b"\\r" in raw
            or b"\x7f" in raw or b"\xc2" in raw or b"\xe2\x80" in raw or b"\xe2\x81" in raw)


@given(st.lists(st.sampled_from([b"\\", b"u00", b"b", b"f", b"r", b"n", b"\x7f", b"\xc2",
                                 b"\xe2", b"\x80", b"\x81", b"a", b'"', b"\xc3\xa9"]),
                max_size=12))
def test_the_control_prefilter_answers_as_every_scan_does(parts):
    from netui.domain.text import json_may_hold_controls

    raw = b"".join(parts)
    assert json_may_hold_controls(raw) == reference_may_hold_controls(raw)


def test_the_warmed_calendar_index_is_what_a_fresh_build_gives(demo_network):
    from netui.ui.calendar_data import CalendarIndex, calendar_index, warm_calendar

    for _ in warm_calendar(demo_network):
        pass
    warmed, fresh = calendar_index(demo_network), CalendarIndex(demo_network)
    assert warmed is calendar_index(demo_network)  # kept: opening the pane builds nothing
    assert warmed.due_by_day == fresh.due_by_day and warmed.due_by_day
    assert warmed.touches_by_day == fresh.touches_by_day and warmed.touches_by_day
    assert warmed.birthdays_by_md == fresh.birthdays_by_md


def test_a_note_logged_while_the_calendar_warms_is_in_the_calendar(demo_network, today):
    from netui.domain.models import Interaction, Kind
    from netui.ui.calendar_data import calendar_index, warm_calendar

    steps = warm_calendar(demo_network, size=5)
    next(steps)  # the first step: the index is half built
    person = demo_network.people()[0]
    note = demo_network.log_interaction(Interaction(contact_ids=[person.id], date=today,
                                                    kind=Kind.call, text="a late call"))
    for _ in steps:
        pass
    shown = [item.interaction["id"] for item in calendar_index(demo_network).touches_on(today)
             if item.interaction]
    assert note.id in shown


def test_the_kept_favour_list_and_balances_follow_every_write(network, today):
    """The ledger's whole list and the balances are kept between opens: each write to a
    favour or a contact must show in them the next time they are asked for."""
    from netui.domain.models import Direction, Favour, FavourStatus

    ana = network.add_contact(Contact(name="Ana"))
    gave = network.log_favour(Favour(contact_id=ana.id, direction=Direction.gave,
                                     text="an intro", date=today))
    assert [f.id for f in network.favours()] == [gave.id]
    assert [(c.id, st.balance) for c, st in network.balances()] == [(ana.id, gave.size)]
    network.set_favour_status(gave.id, FavourStatus.declined)
    assert [f.status for f in network.favours()] == [FavourStatus.declined]
    bo = network.add_contact(Contact(name="Bo"))
    asked = network.log_favour(Favour(contact_id=bo.id, direction=Direction.asked,
                                      text="a loan", date=today))
    assert {f.id for f in network.favours()} == {gave.id, asked.id}
    assert {c.id for c, _ in network.balances()} == {ana.id, bo.id}
    network.delete_contact(bo.id)
    assert [f.id for f in network.favours()] == [gave.id]
    assert [c.id for c, _ in network.balances()] == [ana.id]
    network.favours().clear()  # a caller's copy: the kept list is not changed
    assert [f.id for f in network.favours()] == [gave.id]


def test_the_kept_paced_review_is_the_one_a_fresh_network_paces(demo_network, today):
    """The day's review is kept between opens; after a write it is paced again, and it
    always matches what a network that kept nothing gives."""
    from netui.domain.models import Interaction, Kind
    from netui.domain.review import paced_for

    def cards(net) -> list[str]:
        return [item.contact.id for item in paced_for(net).today]

    first = paced_for(demo_network)
    assert paced_for(demo_network) is first and cards(demo_network)
    who = cards(demo_network)[0]
    demo_network.log_interaction(Interaction(contact_ids=[who], date=today, kind=Kind.call,
                                             text="caught up"))
    fresh = open_network(demo_network.store.root)
    try:
        assert paced_for(demo_network) is not first
        assert cards(demo_network) == cards(fresh)
        assert who not in cards(demo_network)
    finally:
        fresh.store.close()


def _fold(word: str) -> str:
    from netui.domain.names import fold

    return fold(word)


# A word is what search looks for: one that folds to a space ("´" folds to " ") is two
# words' gap, which the old haystack's trailing " " (no tags joined) held by accident.
@given(st.text(max_size=30), st.lists(st.text(max_size=8), max_size=3),
       st.text(min_size=1, max_size=6).filter(lambda w: not any(c.isspace() for c in w)
                                              and not any(c.isspace() for c in _fold(w))))
def test_a_note_that_is_its_own_haystack_matches_as_before(text, tags, word):
    """note_hay shares the note's text when folding changes nothing: every word a search
    looks for is found exactly where the folded copy found it."""
    from netui.domain.names import fold
    from netui.services.results import note_hay

    doc = {"text": text, "tags": tags}
    before = fold(text + " " + " ".join(tags))
    assert (fold(word) in note_hay(doc)) == (fold(word) in before)


def test_kept_models_share_one_set_of_field_names(demo_network):
    """The models the app keeps all session (contacts, favours) hold one shared set of
    the fields they were given instead of one each (2.2 kB a contact), and say the same
    as a model validated on its own."""
    from netui.domain.models import STORED, Favour

    fresh = open_network(demo_network.store.root)
    try:
        people = fresh.contacts(include_archived=True)
        favours = fresh.favours()
        assert len(people) > 10 and len(favours) > 10
        for records in (people, favours):
            assert len({id(r.model_fields_set) for r in records}) == 1
        doc = fresh.store.get("contacts", people[0].id)
        assert people[0].model_fields_set == Contact.model_validate(
            doc, context=STORED).model_fields_set
        fav_doc = fresh.store.get("favours", favours[0].id)
        assert favours[0].model_fields_set == Favour.model_validate(
            fav_doc, context=STORED).model_fields_set
    finally:
        fresh.store.close()


@given(st.text(max_size=20))
@example("\n")  # a note's newline is ASCII but takes no cell (hypothesis found it)
def test_a_names_width_is_what_rich_measures(text):
    """The contact list's ASCII shortcut for widths agrees with Rich on stored text (which
    holds no control characters)."""
    from rich.cells import cell_len

    from netui.domain.text import scrub
    from netui.ui.contact_list import _width

    clean = scrub(text)
    assert _width(clean) == cell_len(clean)
