"""Writing output files safely, after everything rendered (shared by every command; issue 13 #1).

What a target may be, and what happens:

- a new path in an existing folder, or an existing regular file (also through a symlink): the data
  goes to a temporary file in the same folder, then a rename — a reader never sees half a report,
  and a symlink keeps pointing at the (replaced) file it named;
- a FIFO, a character device (``/dev/null``, a terminal) or a ``/proc/self/fd/N`` link to one: the
  data is written through, the node is never replaced; a FIFO without a reader is an error rather
  than a hang;
- anything else (a folder, a block device, a socket) is refused.

Two targets that are one file (through a symlink, a ``..`` or a hard link) are refused, and so is a
target that is an input of the same run (the declaration, its documents, waivers file, results
files, a baseline). Every failure is an :class:`InputError` naming the target (exit 2); when one
target fails, no regular file has been replaced yet.
"""

from __future__ import annotations

import errno
import os
import stat

from gaicheck.errors import InputError
from gaicheck.location import Location
from gaicheck.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up time, issue 16)
if TYPE_CHECKING:
    from typing import Iterable, Optional, Sequence, Union
    Data = Union[str, bytes]

FIFO_WAIT_SECONDS = 5.0  # how long a FIFO target may wait for its reader


@record
class _Plan:
    """Where one output goes: ``atomic`` (rename into ``real``) or ``stream`` (write through ``path``)."""

    path: str
    real: str
    how: str
    key: object


def _fail(target: str, why: str) -> InputError:
    return InputError(f"cannot write: {why}", Location(target))


def _key(st: os.stat_result) -> tuple[int, int]:
    return (st.st_dev, st.st_ino)


def plan(target: str, *, follow: bool = True) -> _Plan:
    """Decide how ``target`` is written, or raise an InputError saying why it cannot be.

    ``follow=False`` (drafts written into a folder): a symlink there is replaced itself, never
    followed to the file it names.
    """
    if not target or "\x00" in target:
        raise _fail(target.replace("\x00", "<U+0000>") or "''", "not a valid path")
    if not follow and os.path.islink(target):
        real = os.path.join(os.path.realpath(os.path.dirname(os.path.abspath(target))), os.path.basename(target))
        return _Plan(target, real, "atomic", real)
    try:
        st: Optional[os.stat_result] = os.stat(target)
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        raise _fail(target, "a part of the path is not a folder") from None
    except OSError as exc:
        raise _fail(target, exc.strerror or str(exc)) from None
    if st is None:
        real = os.path.realpath(target)
        folder = os.path.dirname(real)
        if not os.path.isdir(folder):
            raise _fail(target, "its folder does not exist")
        return _Plan(target, real, "atomic", real)
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return _Plan(target, os.path.realpath(target), "atomic", _key(st))
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return _Plan(target, target, "stream", _key(st))
    if stat.S_ISDIR(mode):
        raise _fail(target, "is a folder")
    raise _fail(target, "not a regular file, FIFO or character device")


def input_keys(paths: Iterable[str]) -> dict[object, str]:
    """Identity (device, inode) and real path of each existing regular file among ``paths``."""
    keys: dict[object, str] = {}
    for p in paths:
        if not p or "\x00" in p:
            continue
        try:
            st = os.stat(p)
        except (OSError, ValueError):
            continue
        if stat.S_ISREG(st.st_mode):
            keys[_key(st)] = p
            keys[os.path.realpath(p)] = p
    return keys


def check_targets(targets: Sequence[str], *, inputs: Iterable[str] = (), stdout: bool = False,
                  follow: bool = True) -> list[_Plan]:
    """Plan every target; refuse duplicates, inputs of the run, and a target that is our stdout when
    another output already goes there (``stdout``)."""
    protected = input_keys(inputs)
    seen: dict[object, str] = {}
    if stdout:
        try:
            st = os.fstat(1)
        except OSError:
            st = None
        if st is not None and stat.S_ISREG(st.st_mode):  # a terminal or /dev/null may well be shared
            seen[_key(st)] = "-"
    plans = []
    for target in targets:
        p = plan(target, follow=follow)
        for k in (p.key, p.real):
            if k in protected:
                raise InputError(
                    f"refusing to write over {protected[k]}, an input of this run", Location(target))
        if p.key in seen or p.real in seen:
            other = seen.get(p.key) or seen.get(p.real)
            shown = "standard output" if other == "-" else other
            raise InputError(f"two outputs name the same file ({shown} and {target})", Location(target))
        seen[p.key] = target
        seen[p.real] = target
        plans.append(p)
    return plans


def _bytes(data: Data) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _stage(p: _Plan, data: bytes, mask: int) -> str:
    try:
        import tempfile  # only when a file is written (tempfile pulls in shutil and random)

        fd, tmp = tempfile.mkstemp(prefix=".gaicheck-", dir=os.path.dirname(p.real))
    except OSError as exc:
        raise _fail(p.path, exc.strerror or str(exc)) from None
    try:
        # mkstemp creates 0600; give the output the mode any new file gets (umask applies)
        os.fchmod(fd, 0o666 & ~mask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        _unlink(tmp)
        raise _fail(p.path, exc.strerror or str(exc)) from None
    return tmp


def _stream(p: _Plan, data: bytes) -> None:
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    import time

    deadline = time.monotonic() + FIFO_WAIT_SECONDS
    while True:
        try:
            st = os.stat(p.path)
            fifo = stat.S_ISFIFO(st.st_mode)
            # a FIFO opened for writing blocks until a reader comes: open it non-blocking (ENXIO =
            # no reader yet) and wait a bounded time for one
            fd = os.open(p.path, flags | (os.O_NONBLOCK if fifo else 0))
            break
        except OSError as exc:
            if exc.errno == errno.ENXIO:
                if time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                raise _fail(p.path, f"FIFO has no reader (waited {FIFO_WAIT_SECONDS:g} s)") from None
            raise _fail(p.path, exc.strerror or str(exc)) from None
    try:
        if not (stat.S_ISFIFO(os.fstat(fd).st_mode) or stat.S_ISCHR(os.fstat(fd).st_mode)):
            raise _fail(p.path, "the path changed while writing")  # swapped for a file: never truncate it
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
    except OSError as exc:
        raise _fail(p.path, exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def _unlink(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def write_all(targets: Sequence[tuple[str, Data]], *, inputs: Iterable[str] = (), stdout: bool = False,
              follow: bool = True) -> None:
    """Write every target (see the module docstring).

    Regular files are staged first as temporaries; then FIFOs and devices are written through;
    then the temporaries are renamed. An error in staging or streaming removes the temporaries,
    so no file has been replaced.
    """
    plans = check_targets([t for t, _ in targets], inputs=inputs, stdout=stdout, follow=follow)
    mask = os.umask(0)
    os.umask(mask)
    staged: list[tuple[str, _Plan]] = []
    try:
        for p, (_, data) in zip(plans, targets):
            if p.how == "atomic":
                staged.append((_stage(p, _bytes(data), mask), p))
        for p, (_, data) in zip(plans, targets):
            if p.how == "stream":
                _stream(p, _bytes(data))
        while staged:
            tmp, p = staged[0]
            try:
                os.replace(tmp, p.real)
            except OSError as exc:
                raise _fail(p.path, exc.strerror or str(exc)) from None
            staged.pop(0)
    finally:
        for tmp, _ in staged:
            _unlink(tmp)


def write_atomic(path: str, text: str, *, inputs: Iterable[str] = ()) -> None:
    """Write ``text`` (UTF-8) to ``path``: atomically for a file, through for a FIFO or device."""
    write_all([(path, text)], inputs=inputs)


def write_atomic_bytes(path: str, data: bytes, *, inputs: Iterable[str] = ()) -> None:
    """Write ``data`` (e.g. an .xlsx or .docx) to ``path`` like :func:`write_atomic`."""
    write_all([(path, data)], inputs=inputs)


def append(path: str, text: str) -> None:
    """Append ``text`` (UTF-8) to ``path``, creating it: for files others write to as well (GitHub's
    ``$GITHUB_STEP_SUMMARY`` collects every step's Markdown; replacing it would drop theirs)."""
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise _fail(path, exc.strerror or str(exc)) from None


def run_inputs(declarations: Iterable[str], *, extra: Iterable[Optional[str]] = ()) -> list[str]:
    """Files a run reads: each declaration, the document, waivers and results files it names, and
    ``extra`` (a baseline, rule packs). Read from the raw YAML: the run has already validated it."""
    from gaicheck.yamlsafe import load_file

    out = [e for e in extra if e]
    for decl in declarations:
        out.append(decl)
        try:
            raw, _ = load_file(decl)
        except InputError:
            continue
        if not isinstance(raw, dict):
            continue
        base = os.path.dirname(os.path.abspath(decl))
        named: list[object] = [raw.get("waivers_file")]
        for section in ("documents", "evaluation"):
            value = raw.get(section)
            if isinstance(value, dict):
                named += list(value.values())
        out += [os.path.join(base, n) for n in named if isinstance(n, str) and n]
    return out


def folder_inputs(folders: Iterable[object]) -> list[str]:
    """Every file under the given folders (``--rules-dir`` packs), to protect them as inputs."""
    out: list[str] = []
    for folder in folders:
        for root, _dirs, files in os.walk(str(folder)):
            out += [os.path.join(root, f) for f in files]
            if len(out) > 10_000:
                return out
    return out
