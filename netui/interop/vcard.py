"""vCard in and out, one name for callers: 2.1, 3.0 and 4.0 read (vcard_read), 4.0
written (vcard_write), content lines both ways (vcard_syntax), the structured name N
(vcard_names)."""

from __future__ import annotations

from .vcard_names import n_line, split_name
from .vcard_read import card_to_draft, card_uid, parse_vcards
from .vcard_syntax import (
    Prop,
    escape,
    fold_line,
    logical_lines,
    parse_line,
    split_escaped,
    unescape,
)
from .vcard_write import PRODID, dump_vcards, safe_uid, to_vcard, vdir_filename

__all__ = ["PRODID", "Prop", "card_to_draft", "card_uid", "dump_vcards", "escape", "fold_line",
           "logical_lines", "n_line", "parse_line", "parse_vcards", "safe_uid", "split_escaped",
           "split_name", "to_vcard", "unescape", "vdir_filename"]
