"""The favour ledger: favours given, received and asked (intros among them), where each
person stands, balances and the nudges it gives."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain import ledger
from ..domain.favour_rows import FavourRow, newest_first
from ..domain.models import Contact, Direction, Favour, FavourStatus
from ..errors import Invalid
from ..storage import Change
from .contacts import Contacts
from .indexes import Indexes
from .results import Nudges, validated
from .unit_of_work import UnitOfWork


class Ledger:
    def __init__(self, ix: Indexes, uow: UnitOfWork, people: Contacts) -> None:
        self.ix, self.uow, self.people = ix, uow, people
        # contact id -> (their standing, the rows it was worked out from); the rows are
        # current while that very standing is the one the indexes keep (a write to the
        # contact drops it there), so the ledger's list is gathered, not read again.
        self._rows_of: dict[str, tuple[ledger.Standing, list[FavourRow]]] = {}
        # Stored contact ids whose favours' models name someone else (a padded id another
        # program wrote): a write to that someone reads these again too.
        self._odd_ids: set[str] = set()

    def favour(self, favour_id: str) -> Favour:
        # The kept model when there is one (the ledger draws its rows from them); a
        # missing or damaged record raises as before.
        kept = next(self.ix.models(Favour, "favours", (favour_id,)), None)
        return kept if kept is not None else self.ix.model(Favour, "favours", favour_id)

    def favour_rows(self) -> list[FavourRow]:
        """Every valid favour of a known contact as a row, newest first (what the ledger
        lists; `favours()` is the same as models). Kept until a new day or config; a
        write brings it in step for the contacts it touched instead of reading and
        sorting every favour again."""
        rows: list[FavourRow] = self.ix.cached("nudges favour_rows", self._favour_rows,
                                               self._patch_favour_rows)
        return list(rows)

    def _favour_rows(self) -> list[FavourRow]:
        known = self.ix.contacts
        self._read_missing_rows()
        rows: list[FavourRow] = []
        for cid in self.ix.fav_of:  # by the stored contact id; listed by the model's
            rows += [row for row in self._contact_rows(cid)[1] if row.contact_id in known]
        newest_first(rows)
        return rows

    def _patch_favour_rows(self, rows: list[FavourRow], written: set[str]) -> list[FavourRow]:
        """`rows` with the favours of the `written` contacts read again: everything a
        write can change (a favour's own contact, before and after, is among them)."""
        known = self.ix.contacts
        # The contacts whose rows change: those written to, and whoever the rows stored
        # under a written id named before (a padded id another program wrote).
        again = set(written)
        for cid in written:
            if (before := self._rows_of.get(cid)) is not None:
                again.update(row.contact_id for row in before[1])
        kept = [r for r in rows if r.contact_id not in again]
        for cid in again | self._odd_ids:
            kept += [row for row in self._contact_rows(cid)[1]
                     if row.contact_id in again and row.contact_id in known]
        newest_first(kept)
        return kept

    def favours(
        self,
        contact_id: str | None = None,
        direction: Direction | None = None,
        status: FavourStatus | None = None,
    ) -> list[Favour]:
        """Newest first."""
        ix = self.ix
        if contact_id is None and direction is None and status is None:
            # The ledger's whole list as models, in the rows' order (see favour_rows),
            # kept until a write to a contact or a favour (what "nudges" depend on).
            return list(ix.cached("nudges favours", lambda: list(ix.models(
                Favour, "favours", [row.id for row in self.favour_rows()]))))
        return self._favours(contact_id, direction, status)

    def _favours(
        self,
        contact_id: str | None,
        direction: Direction | None,
        status: FavourStatus | None,
    ) -> list[Favour]:
        ix = self.ix
        if contact_id is not None:
            # One person's (a timeline): their one record checked, not a model of everyone.
            if self.people.get_contact(contact_id) is None:
                return []
            found = ix.models(Favour, "favours", ix.fav_of.get(contact_id, ()))
            known: set[str] | dict[str, Contact] = {contact_id}
        else:
            found = ix.all_models(Favour, "favours")  # validated once, kept (balances)
            known = ix.contacts
        out = [
            f for f in found
            if (direction is None or f.direction is direction)
            and (status is None or f.status is status)
            and f.contact_id in known
        ]
        out.sort(key=lambda f: (f.date, f.id), reverse=True)
        return out

    def introductions_of(self, contact_id: str) -> list[Favour]:
        """Favours that name this contact as the other person of an intro."""
        ix = self.ix
        ids = [rid for rid in ix.intro_of.get(contact_id, ()) if ix.store.get("favours", rid)]
        return sorted(ix.models(Favour, "favours", ids), key=lambda f: f.date, reverse=True)

    @staticmethod
    def _check(favour: Favour) -> None:
        # An introduction says what it was by whom it names; anything else needs words.
        if not favour.text.strip() and not favour.introduced_id:
            raise Invalid("text: a favour needs a description (what was it?)")

    def log_favour(self, favour: Favour, new_contacts: Sequence[Contact] = ()) -> Favour:
        return self.log_favours([favour], new_contacts)[0]

    def log_favours(self, favours: Sequence[Favour],
                    new_contacts: Sequence[Contact] = ()) -> list[Favour]:
        """Favours in one transaction (an intro: one per person introduced)."""
        for f in favours:
            self._check(f)
        for c in new_contacts:
            self.people.check(c)
        made = {c.id for c in new_contacts}
        for f in favours:
            for cid in (f.contact_id, f.introduced_id):
                if cid and cid not in made:
                    self.people.contact(cid)
        changes = [Change("contacts", c.id, self.people.made(c).to_doc()) for c in new_contacts]
        changes += [Change("favours", f.id, f.to_doc()) for f in favours]
        first = favours[0]
        verb = {"gave": "gave to", "received": "got from", "asked": "asked"}[first.direction.value]
        self.uow.commit(changes, f"{verb} {self.people.name(first.contact_id, new_contacts)}")
        return [self.favour(f.id) for f in favours]  # as stored: at their revision

    def update_favour(self, favour: Favour) -> Favour:
        self._check(favour)
        self.favour(favour.id)
        self.people.contact(favour.contact_id)
        doc = validated(Favour, favour.to_doc(), "favour")
        self.uow.commit([Change("favours", doc.id, doc.to_doc())], "edit favour")
        return self.favour(doc.id)

    def set_favour_status(self, favour_id: str, status: FavourStatus,
                          rev: int | None = None) -> Favour:
        """`rev`: the revision the caller showed; refused (Stale) if it moved."""
        f = self.favour(favour_id)
        f = f.model_copy(update={"status": status, "rev": f.rev if rev is None else rev})
        self.uow.commit([Change("favours", f.id, f.to_doc())], f"mark favour {status.value}")
        return self.favour(f.id)

    def delete_favour(self, favour_id: str) -> None:
        self.favour(favour_id)
        self.uow.commit([Change("favours", favour_id, None)], "delete favour")

    def standing(self, contact_id: str) -> ledger.Standing:
        return self._contact_rows(contact_id)[0]

    def _read_missing_rows(self) -> None:
        """When most contacts' rows are not kept yet (the ledger opened before the app's
        warm-up got far), read every favour in one pass, cheaper than record by record,
        and keep the rows and standings of those missing."""
        ix = self.ix
        missing = {cid for cid in ix.fav_of if not self._kept_rows(cid)}
        if len(missing) * 2 < len(ix.fav_of):
            return
        found: dict[str, list[FavourRow]] = {cid: [] for cid in missing}
        for rid, doc in ix.store.items("favours"):
            cid = doc.get("contact_id")
            if (type(cid) is str and cid in missing
                    and (row := FavourRow.of_doc(doc, rid)) is not None):
                found[cid].append(row)
        for cid, rows in found.items():
            self._keep_rows(cid, rows)

    def _kept_rows(self, contact_id: str) -> bool:
        kept = self._rows_of.get(contact_id)
        return kept is not None and self.ix.standing.get(contact_id) is kept[0]

    def _keep_rows(self, contact_id: str, rows: list[FavourRow]) -> tuple[
            ledger.Standing, list[FavourRow]]:
        st = self.ix.standing[contact_id] = ledger.standing(rows)
        kept = self._rows_of[contact_id] = (st, rows)
        if any(row.contact_id != contact_id for row in rows):
            self._odd_ids.add(contact_id)
        else:
            self._odd_ids.discard(contact_id)
        return kept

    def _contact_rows(self, contact_id: str) -> tuple[ledger.Standing, list[FavourRow]]:
        """The contact's standing and the rows of the favours stored under their id. From
        rows, not models: the app's warm-up asks this of every contact, and keeping 100k
        favour models for it held ~100 MB all session at 50k contacts."""
        if self._kept_rows(contact_id):
            return self._rows_of[contact_id]
        ix = self.ix
        get = ix.store.get
        return self._keep_rows(contact_id, [
            row for rid in ix.fav_of.get(contact_id, ())
            if (doc := get("favours", rid)) and (row := FavourRow.of_doc(doc, rid)) is not None])

    def balance(self, contact_id: str) -> int:
        return self.standing(contact_id).balance

    def balances(self) -> list[tuple[Contact, ledger.Standing]]:
        """Everyone with at least one favour, lowest balance (you owe most) first."""
        def build() -> list[tuple[Contact, ledger.Standing]]:
            contacts = self.ix.contacts
            rows = [(contacts[cid], self.standing(cid))
                    for cid, favs in self.ix.fav_of.items() if favs and cid in contacts]
            rows.sort(key=lambda r: (r[1].balance, self.ix.name_key(r[0].name)))
            return rows

        return list(self.ix.cached("nudges balances", build))  # kept as the list above

    def nudges(self) -> Nudges:
        ix = self.ix
        key = ("nudges", *ix.memo.key(ix.today(), ix.config))
        if key in ix.memo.answers:
            m: Nudges = ix.memo.answers[key]
            return Nudges(list(m.owes_back), list(m.stale_asks), list(m.over_asked))
        n = Nudges()
        contacts, today = ix.contacts, ix.today()
        for cid, favs in ix.fav_of.items():  # balances() order is not needed here
            if not favs or (c := contacts.get(cid)) is None or c.archived:
                continue
            st, rows = self._contact_rows(cid)
            if st.owes_back:
                n.owes_back.append((c, st))
            if st.asks_exceed_gives:
                n.over_asked.append((c, st))
            if st.open_asks:  # as nudges_for, with a model made for each stale ask only
                stale = [r.id for r in rows
                         if r.direction is Direction.asked and r.status is FavourStatus.open
                         and r.contact_id == cid and ledger.is_stale(r.date, today)]
                n.stale_asks += [(c, f, ledger.ask_age(f, today))
                                 for f in ix.models(Favour, "favours", stale)]
        self.sort_nudges(n)
        ix.memo.answers[key] = n
        return Nudges(list(n.owes_back), list(n.stale_asks), list(n.over_asked))

    def sort_nudges(self, n: Nudges) -> None:
        """Longest unreturned help first, oldest ask first, then by name: the same order
        for the whole network and for the few contacts the review rebuilds."""
        today, name = self.ix.today(), self.ix.name_key
        n.owes_back.sort(key=lambda r: (r[1].last_received or today, name(r[0].name)))
        n.stale_asks.sort(key=lambda r: (-r[2], name(r[0].name), r[1].id))
        n.over_asked.sort(key=lambda r: (r[1].balance, name(r[0].name)))

    def nudges_for(self, c: Contact, st: ledger.Standing, n: Nudges) -> None:
        """Add what the ledger says of `c` to `n` (nothing for an archived contact)."""
        if c.archived:
            return
        if st.owes_back:
            n.owes_back.append((c, st))
        if st.asks_exceed_gives:
            n.over_asked.append((c, st))
        if st.open_asks:
            today = self.ix.today()
            for f in self.favours(c.id, Direction.asked, FavourStatus.open):
                if ledger.is_stale(f.date, today):
                    n.stale_asks.append((c, f, ledger.ask_age(f, today)))

    def ledger_nudged(self) -> set[str]:
        """Who the ledger nudges about: they helped you with nothing given back since, or
        an ask of yours is old (one pass over the marks, for the paced review)."""
        marks, today = self.ix.marks, self.ix.today()
        return {cid for cid in (*marks.last_received, *marks.oldest_open_ask)
                if marks.nudges(cid, today)}
