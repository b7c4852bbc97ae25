"""A stale form never overwrites a newer record (F2, B2): every save goes against the
revision its form was opened on, whatever the app reloaded since."""

from __future__ import annotations

from pathlib import Path

import pytest

from netui.domain.models import CheckIn, Contact, Direction, Favour, Interaction
from netui.services import Network
from netui.services.unit_of_work import Stale
from tests.conftest import TODAY, open_network
from tests.faults.test_two_processes import netui


def test_a_save_from_an_older_revision_is_refused_after_a_reload(network: Network,
                                                                 data_dir: Path) -> None:
    ada = network.add_contact(Contact(name="Ada Lovelace", company="Start"))
    opened = network.contact(ada.id)  # what a form holds
    other = open_network(data_dir)
    other.edit_contact(ada.id, title="SHELL-TITLE")
    other.store.close()
    assert network.refresh()  # the app's poll: the in-memory copy is now the newest
    with pytest.raises(Stale, match="title"):
        network.update_contact(opened.model_copy(update={"company": "TUI-COMPANY"}))
    assert network.contact(ada.id).title == "SHELL-TITLE"
    assert network.contact(ada.id).company == "Start"


@pytest.mark.parametrize("kind", ["interaction", "favour", "checkin"])
def test_every_kind_of_record_refuses_a_stale_save(network: Network, data_dir: Path,
                                                   kind: str) -> None:
    ada = network.add_contact(Contact(name="Ada Lovelace"))
    if kind == "interaction":
        rec = network.log_interaction(Interaction(contact_ids=[ada.id], date=TODAY, text="a"))
        opened = network.interaction(rec.id)
    elif kind == "favour":
        rec = network.log_favour(Favour(contact_id=ada.id, direction=Direction.gave,
                                        date=TODAY, text="intro"))
        opened = network.favour(rec.id)
    else:
        rec = network.add_checkin(CheckIn(contact_id=ada.id, due=TODAY))
        opened = network.checkin(rec.id)
    other = open_network(data_dir)
    if kind == "interaction":
        other.update_interaction(other.interaction(rec.id).model_copy(update={"text": "b"}))
    elif kind == "favour":
        other.update_favour(other.favour(rec.id).model_copy(update={"text": "other"}))
    else:
        other.reschedule(rec.id, date_after(TODAY, 3))
    other.store.close()
    network.refresh()
    with pytest.raises(Stale):
        if kind == "interaction":
            network.update_interaction(opened.model_copy(update={"text": "stale"}))
        elif kind == "favour":
            network.update_favour(opened.model_copy(update={"size": 3}))
        else:
            network.reschedule(rec.id, date_after(TODAY, 9), rev=opened.rev)


def date_after(day, n):
    from datetime import timedelta

    return day + timedelta(days=n)


def test_a_shell_edit_during_an_open_form_is_not_reverted(network: Network,
                                                          data_dir: Path) -> None:
    """The two-process case: a real `netui edit` in another process."""
    ada = network.add_contact(Contact(name="Ada Lovelace", company="Start"))
    opened = network.contact(ada.id)
    done = netui(data_dir, "edit", "Ada Lovelace", "--title", "SHELL-TITLE")
    assert done.returncode == 0, done.stderr
    network.refresh()
    with pytest.raises(Stale):
        network.update_contact(opened.model_copy(update={"company": "X"}))
    assert "SHELL-TITLE" in netui(data_dir, "show", "Ada Lovelace").stdout
