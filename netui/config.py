"""The user's settings: a TOML file validated with pydantic. A bad value is one clear line.

The models live in `config_model`; this module imports them (and pydantic, tomlkit) only
when a config is loaded or written, so the CLI's start (`netui --version`, every command
before it opens the data) builds no pydantic model."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError

if TYPE_CHECKING:
    from .config_model import MAX_FACTOR, Config, Offers, ReviewSettings

__all__ = ["MAX_FACTOR", "Config", "ConfigError", "Offers", "ReviewSettings", "load_config",
           "save_setting"]

_MODELS = frozenset({"MAX_FACTOR", "Config", "Offers", "ReviewSettings"})


def __getattr__(name: str) -> Any:
    if name not in _MODELS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import config_model

    value = getattr(config_model, name)
    globals()[name] = value  # later lookups skip this function
    return value


def load_config(path: Path) -> Config:
    """The config at `path`, or the defaults when there is none."""
    from pydantic import ValidationError

    from .config_model import Config, describe

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror or exc}") from exc
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config {path} is not valid TOML: {exc}") from exc
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"config {path}: {describe(exc)}") from exc


def save_setting(path: Path, key: str, value: object) -> None:
    """Change one top-level setting, keeping the rest of the file as the user wrote it
    (comments, order, layout): tomlkit edits the document rather than rewriting it."""
    import tomlkit
    from pydantic import ValidationError
    from tomlkit.exceptions import TOMLKitError

    from .config_model import Config, describe
    from .storage.fsio import atomic_write

    try:
        doc = tomlkit.parse(path.read_text("utf-8")) if path.exists() else tomlkit.document()
    except (TOMLKitError, UnicodeDecodeError, OSError) as exc:
        raise ConfigError(f"config {path} cannot be updated: {exc}") from exc
    doc[key] = value
    try:
        Config.model_validate(doc.unwrap())
    except ValidationError as exc:
        raise ConfigError(f"config {path}: {describe(exc)}") from exc
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic_write(path, tomlkit.dumps(doc).encode())
    os.chmod(path, 0o600)
