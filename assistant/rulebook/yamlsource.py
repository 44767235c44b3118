"""Safe YAML loading that remembers the line of each mapping, for precise error messages.

Only ``yaml.safe_load``-equivalent constructors are used (never arbitrary objects). Timestamps are not
resolved: dates stay ISO strings and are parsed where the schema expects them, so that the digest does
not depend on how a date is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict[str, Any]):
    """A mapping read from YAML, with the 1-based line where it starts."""

    line: int = 0


class LineLoader(_Base):  # type: ignore[misc]
    """A safe loader whose mappings are :class:`LineDict` carrying their start line."""

    def construct_line_map(self, node: yaml.MappingNode) -> Iterator[LineDict]:
        data = LineDict()
        data.line = node.start_mark.line + 1
        yield data
        data.update(self.construct_mapping(node))


LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_line_map)


LineLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in _Base.yaml_implicit_resolvers.items()
}


class YamlError(Exception):
    """A YAML file that cannot be read, with the line of the problem."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        super().__init__(f"{file}:{line} : {message}")
        self.file = file
        self.line = line
        self.message = message


def load_yaml(path: Path) -> Any:
    """Read one YAML file safely; raise :class:`YamlError` with its line when it is malformed."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlError(path.name, None, f"lecture impossible ({exc})") from exc
    try:
        loader = LineLoader(text)  # a SafeLoader: no arbitrary object construction
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise YamlError(path.name, line, f"YAML invalide ({getattr(exc, 'problem', exc)})") from exc


def line_of(data: Any) -> int | None:
    """The start line of a mapping read by :func:`load_yaml`, if known."""
    return data.line if isinstance(data, LineDict) else None
