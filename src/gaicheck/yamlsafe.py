"""A strict YAML loader that keeps positions.

Built on PyYAML's event stream (not its constructor) so that it can:
- remember the 1-based line and column of every key and value (``Positions``);
- reject duplicate keys (PyYAML silently keeps the last one, which would change a verdict);
- accept only the standard scalar tags (no ``!!python/object`` or custom tags);
- bound nesting depth and the number of nodes an alias may expand to (billion laughs);
- refuse multiple documents, and report invalid UTF-8 with the line and column of the bad byte.
"""

from __future__ import annotations

import os
import stat

import yaml

from gaicheck.errors import InputError
from gaicheck.location import Location
from gaicheck.record import field, record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Any

try:  # the C parser is several times faster; fall back to pure Python where libyaml is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

if TYPE_CHECKING:
    Path = tuple[Any, ...]


@record(frozen=False)
class Positions:
    """Line/column of each node, keyed by its path of keys and indexes."""

    file: str
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # the decoded text the positions are in (a reference, no copy), for formats that need a line's
    # end (SARIF regions)
    source: str = field(default="", repr=False, compare=False)

    def locate(self, path: Path, *, prefer_value: bool = False) -> Location:
        """Location of ``path``, or of its nearest ancestor that exists in the file."""
        probe = tuple(path)
        while True:
            table = (self.values, self.keys) if prefer_value else (self.keys, self.values)
            for t in table:
                if probe in t:
                    line, col = t[probe]
                    return Location(self.file, line, col)
            if not probe:
                return Location(self.file, 1, 1)
            probe = probe[:-1]


def _loc(file: str, mark: Any) -> Location:
    return Location(file, mark.line + 1, mark.column + 1)


def _decode(data: bytes, file: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        line = head.count(b"\n") + 1
        col = exc.start - (head.rfind(b"\n") + 1) + 1
        raise InputError("not valid UTF-8 (save the file as UTF-8)", Location(file, line, col)) from None


def _text_loc(file: str, text: str, position: int) -> Location:
    head = text[:position]
    return Location(file, head.count("\n") + 1, position - (head.rfind("\n") + 1) + 1)


def load_bytes(data: bytes, file: str) -> tuple[Any, Positions]:
    """Parse one YAML document from ``data``; return (python value, positions)."""
    if len(data) > MAX_BYTES:
        raise InputError(
            f"file is {len(data):,} bytes; declarations are limited to {MAX_BYTES:,} bytes",
            Location(file),
        )
    text = _decode(data, file)
    pos = Positions(file, source=text)
    loader = _Loader(text)
    try:
        return _compose(loader, file, pos), pos
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(f"invalid YAML: {problem}", _loc(file, mark) if mark else Location(file)) from None
    except yaml.reader.ReaderError as exc:
        # a NUL or other control character: the reader knows only the character offset
        raise InputError(f"invalid YAML: control character U+{exc.character:04X} is not allowed (escape it in a "
                         "double-quoted string)", _text_loc(file, text, exc.position)) from None
    except yaml.YAMLError:  # pragma: no cover - other unmarked errors are rare
        raise InputError("invalid YAML", Location(file)) from None
    finally:
        loader.dispose()


class _Builder:
    """Turns the event stream into Python values, recording positions."""

    def __init__(self, loader: Any, file: str, pos: Positions) -> None:
        self.loader = loader
        self.file = file
        self.pos = pos
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0

    def _count(self, n: int, mark: Any) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise InputError(
                f"document expands to more than {MAX_NODES:,} nodes (alias bomb?)", _loc(self.file, mark)
            )

    def _scalar(self, ev: Any) -> Any:
        tag = ev.tag
        if tag in (None, "!"):
            tag = self.loader.resolve(yaml.ScalarNode, ev.value, ev.implicit)
        if tag not in _STANDARD_TAGS or tag in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            raise InputError(f"tag {ev.tag!r} is not allowed", _loc(self.file, ev.start_mark))
        node = yaml.ScalarNode(tag, ev.value, ev.start_mark, ev.end_mark, style=ev.style)
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError, TypeError):
            # PyYAML's constructors raise plain errors: 2026-02-30 (day out of range), a 5,000-digit
            # integer (int conversion limit), a year out of range. Never echo the value.
            kind = {"tag:yaml.org,2002:timestamp": "not a valid date (YYYY-MM-DD, a real calendar day)",
                    "tag:yaml.org,2002:int": "integer too large (at most 4,300 digits; quote it if it is text)",
                    }.get(tag, "value cannot be read (quote it if it is text)")
            raise InputError(kind, _loc(self.file, ev.start_mark)) from None

    def node(self, ev: Any, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise InputError(f"nesting deeper than {MAX_DEPTH} levels", _loc(self.file, ev.start_mark))
        self.pos.values[path] = (ev.start_mark.line + 1, ev.start_mark.column + 1)
        if isinstance(ev, yaml.AliasEvent):
            if ev.anchor not in self.anchors:
                raise InputError(f"unknown alias *{ev.anchor}", _loc(self.file, ev.start_mark))
            value, size = self.anchors[ev.anchor]
            self._count(size, ev.start_mark)
            return value
        start = self.nodes
        if isinstance(ev, yaml.ScalarEvent):
            self._count(1, ev.start_mark)
            value: Any = self._scalar(ev)
        elif isinstance(ev, yaml.SequenceStartEvent):
            self._check_collection_tag(ev, "seq")
            self._count(1, ev.start_mark)
            value = []
            while not isinstance(nxt := self.loader.get_event(), yaml.SequenceEndEvent):
                value.append(self.node(nxt, path + (len(value),), depth + 1))
        elif isinstance(ev, yaml.MappingStartEvent):
            self._check_collection_tag(ev, "map")
            self._count(1, ev.start_mark)
            value = {}
            while not isinstance(kev := self.loader.get_event(), yaml.MappingEndEvent):
                if not isinstance(kev, yaml.ScalarEvent):
                    raise InputError("mapping keys must be plain scalars", _loc(self.file, kev.start_mark))
                key = self._scalar(kev)
                if isinstance(key, (list, dict)) or key is None:
                    raise InputError("mapping keys must be plain scalars", _loc(self.file, kev.start_mark))
                if key in value:
                    first = self.pos.keys.get(path + (key,))
                    where = f" (first at line {first[0]})" if first else ""
                    raise InputError(f"duplicate key {key!r}{where}", _loc(self.file, kev.start_mark))
                self.pos.keys[path + (key,)] = (kev.start_mark.line + 1, kev.start_mark.column + 1)
                value[key] = self.node(self.loader.get_event(), path + (key,), depth + 1)
        else:  # pragma: no cover - the parser yields only the events above here
            raise InputError("unexpected YAML structure", _loc(self.file, ev.start_mark))
        anchor = getattr(ev, "anchor", None)
        if anchor:
            self.anchors[anchor] = (value, max(1, self.nodes - start))
        return value

    def _check_collection_tag(self, ev: Any, kind: str) -> None:
        if ev.tag not in (None, "!", f"tag:yaml.org,2002:{kind}"):
            raise InputError(f"tag {ev.tag!r} is not allowed", _loc(self.file, ev.start_mark))


def _compose(loader: Any, file: str, pos: Positions) -> Any:
    builder = _Builder(loader, file, pos)
    loader.get_event()  # StreamStart
    ev = loader.get_event()
    if isinstance(ev, yaml.StreamEndEvent):
        return None
    # DocumentStart
    value = builder.node(loader.get_event(), (), 0)
    loader.get_event()  # DocumentEnd
    ev = loader.get_event()
    if not isinstance(ev, yaml.StreamEndEvent):
        raise InputError("more than one YAML document in the file", _loc(file, ev.start_mark))
    return value


def read_regular(path: str, display: str | None = None, *, limit: int = MAX_BYTES, what: str = "declarations") -> bytes:
    """The bytes of ``path`` after checking it is a regular file of at most ``limit`` bytes.

    Stat first, so a FIFO is never opened (that would block) and ``/dev/zero`` never read; fstat
    again after opening (the path may have been swapped), and read at most ``limit + 1`` bytes.
    Every failure is an InputError naming ``display`` (defaults to ``path``).
    """
    shown = display or path
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("file not found", Location(shown)) from None
    except ValueError:  # a NUL in the path
        raise InputError("not a valid path (NUL character)", Location(shown.replace("\x00", "<U+0000>"))) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", Location(shown)) from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file", Location(shown))
    if st.st_size > limit:
        raise InputError(f"file is {st.st_size:,} bytes; {what} are limited to {limit:,} bytes", Location(shown))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:  # renamed or removed since the stat
        raise InputError("file not found (removed or renamed during the run?)", Location(shown)) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", Location(shown)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError("not a regular file", Location(shown))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", Location(shown)) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise InputError(f"file grew past {limit:,} bytes while being read", Location(shown))
    return data


def load_file(path: str, display: str | None = None) -> tuple[Any, Positions]:
    """Read and parse ``path``; errors name ``display`` (defaults to ``path``)."""
    return load_bytes(read_regular(path, display), display or path)
