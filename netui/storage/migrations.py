"""Schema versions: meta.json says which one the data is in, and MIGRATIONS[n] turns
schema-n data (collection -> list of documents) into schema n+1 in place. Schema 1 is the
first; later netuis add steps here."""

from __future__ import annotations

from collections.abc import Callable

import orjson

from ..domain.kinds import SCHEMA_VERSION
from .change import Doc
from .errors import StoreError

Data = dict[str, list[Doc]]

MIGRATIONS: dict[int, Callable[[Data], None]] = {}


def parse_schema(raw: bytes) -> int:
    meta = orjson.loads(raw)
    if not isinstance(meta, dict) or "schema" not in meta:
        raise ValueError("not a netui meta.json: no schema")
    schema = meta["schema"]
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
        raise ValueError("the schema is not a version number")
    return schema


def meta_bytes(schema: int = SCHEMA_VERSION) -> bytes:
    return orjson.dumps({"schema": schema, "app": "netui"})


def migrate(data: Data, schema: int) -> int:
    """Bring `data` from `schema` up to this netui's, in place; returns the new schema."""
    while schema < SCHEMA_VERSION:
        if schema not in MIGRATIONS:
            raise StoreError(f"no migration from schema {schema}; restore a backup")
        MIGRATIONS[schema](data)
        schema += 1
    return schema
