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

from assistant.domain import limits
from assistant.files import UnreadableFile, read_regular_file

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


def _line(event: Any) -> int | None:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def check_shape(text: str, file: str) -> None:
    """Refuse, from the parser's events alone and before any object is built, a file nested too deep,
    with too many aliases, or whose aliases would expand to too many values (« billion laughs »)."""
    loader = _Base(text)
    try:
        open_counts: list[list[Any]] = [[0, None]]  # per open collection: expanded values, anchor
        sizes: dict[str, int] = {}  # anchor -> expanded values of the node it names
        expanded = aliases = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if len(open_counts) > limits.YAML_DEPTH_MAX:
                    raise YamlError(file, _line(event), f"imbrication trop profonde (plus de "
                                                        f"{limits.YAML_DEPTH_MAX} niveaux)")
                open_counts.append([1, event.anchor])
                size = 1
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                count, anchor = open_counts.pop()
                if anchor is not None:
                    sizes[anchor] = count
                open_counts[-1][0] += count
                continue
            elif isinstance(event, yaml.ScalarEvent):
                size = 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
                open_counts[-1][0] += 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > limits.YAML_ALIASES_MAX:
                    raise YamlError(file, _line(event), f"plus de {limits.YAML_ALIASES_MAX} alias (*nom)")
                size = sizes.get(event.anchor or "", 1)
                open_counts[-1][0] += size
            else:
                continue
            expanded += size
            if expanded > limits.YAML_NODES_MAX:
                most = f"{limits.YAML_NODES_MAX:,}".replace(",", "\u00a0")
                raise YamlError(file, _line(event), f"plus de {most} valeurs une fois les alias développés "
                                                    "(bombe d'alias\u00a0?)")
    finally:
        loader.dispose()


def load_yaml(path: Path) -> Any:
    """Read one YAML file safely; raise :class:`YamlError` with its line when it is malformed.

    Only a regular file within the size limit is read; its shape (nesting, aliases) is checked before
    anything is built from it.
    """
    try:
        text = read_regular_file(path, limits.YAML_FILE_BYTES_MAX).decode("utf-8")
    except UnreadableFile as exc:
        raise YamlError(path.name, None, f"lecture impossible ({exc.reason})") from exc
    except UnicodeDecodeError as exc:
        raise YamlError(path.name, None, f"lecture impossible (le fichier n'est pas en UTF-8, octet {exc.start})"
                        ) from exc
    try:
        check_shape(text, path.name)
        loader = LineLoader(text)  # a SafeLoader: no arbitrary object construction
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        if "nesting depth" in str(getattr(exc, "problem", "")):  # libyaml's own bound, in English
            raise YamlError(path.name, line, "imbrication trop profonde") from exc
        raise YamlError(path.name, line, f"YAML invalide ({getattr(exc, 'problem', exc)})") from exc


def line_of(data: Any) -> int | None:
    """The start line of a mapping read by :func:`load_yaml`, if known."""
    return data.line if isinstance(data, LineDict) else None
