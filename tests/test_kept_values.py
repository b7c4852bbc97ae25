"""A kept model's values in a dict sharing its keys (services.kept_values) read, dump,
compare, copy and change exactly as the model validated on its own."""

from __future__ import annotations

import copy
import datetime as dt
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from netui.domain.models import STORED, Contact, Favour
from netui.services.kept_values import compact_values
from netui.services.results import share_fields, valid_contact

MADE = dt.datetime(2024, 3, 1, 10, tzinfo=dt.UTC)
FIELDS = st.fixed_dictionaries({
    "name": st.sampled_from(["Ana", "Bo Lima", "Zoë"]),
    "nickname": st.none() | st.sampled_from(["Bee", ""]),
    "tags": st.lists(st.sampled_from(["work", "café"]), max_size=2),
    "cadence_days": st.none() | st.integers(1, 400),
    "company": st.none() | st.just("Acme"),
})


def contact_doc(fields: dict) -> dict:
    return Contact(id="c1", created_at=MADE, updated_at=MADE, **fields).to_doc()


@settings(max_examples=150)
@given(FIELDS, FIELDS)
def test_a_model_with_compact_values_is_the_model_made_on_its_own(fields, edit):
    doc = contact_doc(fields)
    alone = Contact.model_validate(doc, context=STORED)
    kept = valid_contact(doc)
    assert kept is not None
    assert kept == alone and kept.to_doc() == alone.to_doc()
    assert list(vars(kept).items()) == list(vars(alone).items())
    assert copy.deepcopy(kept) == alone and kept.model_copy() == alone
    assert kept.model_copy(update=edit) == alone.model_copy(update=edit)
    for name, value in edit.items():  # assigned as a form does, validated
        setattr(kept, name, value)
        setattr(alone, name, value)
    assert kept.to_doc() == alone.to_doc()


def test_compact_values_take_less_room_than_the_models_own_dict():
    doc = contact_doc({"name": "Ana"})
    alone = Contact.model_validate(doc, context=STORED)
    kept = share_fields(Contact.model_validate(doc, context=STORED))
    assert sys.getsizeof(vars(kept)) < sys.getsizeof(vars(alone)) / 2


def test_a_model_whose_keys_differ_keeps_its_own_dict():
    favour = Favour(contact_id="c1", direction="gave", date=dt.date(2025, 1, 1))
    compact_values(favour)
    odd = Favour(contact_id="c1", direction="gave", date=dt.date(2025, 1, 1))
    values = vars(odd)
    object.__setattr__(odd, "__dict__", dict(reversed(list(values.items()))))
    own = vars(odd)
    compact_values(odd)
    assert vars(odd) is own


def test_kept_models_share_one_empty_list_that_refuses_to_change():
    import pytest

    from netui.services.kept_values import EMPTY

    one = valid_contact(contact_doc({"name": "Ana"}))
    two = valid_contact(contact_doc({"name": "Bo", "tags": ["work"]}))
    assert one is not None and two is not None
    assert one.phones is EMPTY and two.links is EMPTY and two.tags == ["work"]
    with pytest.raises(TypeError):
        one.phones.append("+1 555 0100")
    assert EMPTY == [] and not EMPTY
    assert copy.copy(EMPTY) == [] and type(copy.deepcopy(one).phones) is list
    one.phones = ["+1 555 0100"]  # assigned: the model's own list from then on
    assert one.phones == ["+1 555 0100"] and two.phones == [] and EMPTY == []
