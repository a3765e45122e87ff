"""From the command line's paths to the files to read: folders walked, globs matched, problems named.

Expanding inputs is the first place a careless archive can hurt a run, so it
is bounded here:

* symbolic links to folders are never followed while walking a folder or
  matching ``**`` (a link loop would otherwise grow without bound);
* the run's own output folder is never read as input, wherever it stands
  (inside an input folder, or given as one);
* a folder that cannot be listed (no permission, a path over the system's
  length limit) is an :class:`Problem`, which becomes an error row, instead
  of being skipped in silence as :func:`os.walk` would.
"""

from __future__ import annotations

import errno
import fnmatch
import glob
import os
import re
from dataclasses import dataclass
from typing import Iterable, Iterator


_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders runs of digits by their value: ``story2`` before ``story10``."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(name) if part)


@dataclass(frozen=True)
class Problem:
    """An input path that cannot be expanded, and why (becomes a ``stories`` error row)."""

    path: str
    reason: str


def shown_path(path: str) -> str:
    """A path as it can be written to a table: bytes that are not UTF-8 (kept by Python as lone
    surrogates) shown as ``\\xE9``, so the name stays recognisable and no writer fails on it."""
    if not any("\ud800" <= c <= "\udfff" for c in path):
        return path
    return "".join(
        f"\\x{ord(c) - 0xDC00:02X}" if "\udc80" <= c <= "\udcff" else "\ufffd" if "\ud800" <= c <= "\udfff" else c for c in path
    )


def _real(path: str) -> str:
    return os.path.realpath(path)


def _inside(path: str, folder: str | None) -> bool:
    """Whether ``path`` (resolved) is ``folder`` or below it."""
    if not folder:
        return False
    real = _real(path)
    return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)


def output_among_inputs(inputs: Iterable[str | os.PathLike], out: str) -> bool:
    """Whether the output folder ``out`` (resolved) is one of the inputs, inside one, or holds one."""
    for given in inputs:
        path = os.fspath(given)
        if glob.has_magic(path):
            path = _fixed_prefix(path) or "."
        real = _real(path)
        if _inside(real, out) or _inside(out, real):
            return True
    return False


def _fixed_prefix(pattern: str) -> str:
    """The folder part of a glob before its first wildcard ("" for a relative pattern that starts with one)."""
    parts = pattern.split(os.sep)
    fixed = []
    for part in parts[:-1]:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return os.sep.join(fixed) if fixed != [""] else os.sep


def walk(folder: str, exclude: str | None = None) -> Iterator[str | Problem]:
    """Files below ``folder`` (sorted, hidden ones skipped, links to folders not followed, the
    ``exclude`` folder left out), and a :class:`Problem` for each folder that cannot be listed."""
    problems: list[Problem] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename or folder
        problems.append(Problem(where, _unreadable_folder(where, exc)))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        yield from problems
        problems.clear()
        dirs[:] = sorted((d for d in dirs if not d.startswith(".") and not _inside(os.path.join(root, d), exclude)), key=natural_key)
        for name in sorted(files, key=natural_key):
            if not name.startswith("."):
                yield os.path.join(root, name)
    yield from problems


def _unreadable_folder(path: str, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if len(path) >= 4096 or exc.errno == errno.ENAMETOOLONG:
        return f"cannot read folder: {reason} (a path of {len(path):,} characters; the system's limit is 4,096)"
    return f"cannot read folder: {reason}"


def match(pattern: str) -> list[str]:
    """Paths matching a glob (``**`` for any folders below), sorted, like :func:`glob.glob` with
    ``recursive=True`` but never following a link to a folder while matching ``**``."""
    parts = pattern.split(os.sep)
    if parts[0] == "":  # absolute
        return sorted(set(_match(os.sep, parts[1:])), key=natural_key)
    return sorted(set(_match("", parts)), key=natural_key)


def _join(base: str, name: str) -> str:
    return os.path.join(base, name) if base else name


def _match(base: str, parts: list[str]) -> Iterator[str]:
    if not parts:
        yield base
        return
    head, rest = parts[0], parts[1:]
    if head == "**":
        if not rest:  # "dir/**": the folder itself, which is then walked
            yield base or "."
            return
        yield from _match(base, rest)
        for sub in _subfolders(base):
            yield from _match(sub, parts)
    elif not glob.has_magic(head):
        path = _join(base, head)
        if os.path.lexists(path):
            yield from _match(path, rest)
    else:
        for name in _names(base):
            if (not name.startswith(".") or head.startswith(".")) and fnmatch.fnmatchcase(name, head):
                path = _join(base, name)
                if not rest or os.path.isdir(path):
                    yield from _match(path, rest)


def _names(base: str) -> list[str]:
    try:
        return sorted(os.listdir(base or "."))
    except OSError:
        return []


def _subfolders(base: str) -> list[str]:
    """Folders right below ``base``, hidden ones and links left out (``**`` never follows a link)."""
    try:
        with os.scandir(base or ".") as entries:
            return sorted(_join(base, e.name) for e in entries if not e.name.startswith(".") and e.is_dir(follow_symlinks=False))
    except OSError:
        return []


def expand_inputs(inputs: Iterable[str | os.PathLike], exclude: str | None = None) -> Iterator[str | Problem]:
    """Files named, files below folders (recursively, sorted, hidden ones skipped), glob matches;
    nothing in the ``exclude`` folder (a run's own output); a :class:`Problem` where a path cannot
    be expanded. A path that does not exist is passed on: reading it says so."""
    for given in inputs:
        path = os.fspath(given)
        if _inside(path, exclude):
            continue
        if os.path.isdir(path):
            yield from walk(path, exclude)
        elif os.path.lexists(path) or not glob.has_magic(path):
            yield path
        else:
            matches = [m for m in match(path) if not _inside(m, exclude)]
            if not matches:
                yield path  # reported as "no such file" when read
            for found in matches:
                if os.path.isdir(found):
                    yield from walk(found, exclude)
                else:
                    yield found


def input_problems(inputs: Iterable[str | os.PathLike]) -> list[str]:
    """What is wrong with the inputs as typed, before anything is read: a path that does not
    exist, a glob that matches nothing, a folder with no story files. These are usage mistakes,
    not stories, so a run refuses them instead of recording them as ``stories`` rows."""
    problems = []
    for given in inputs:
        path = os.fspath(given)
        if os.path.isdir(path):
            if next(expand_inputs([path]), None) is None:
                problems.append(f"no stories in folder {path} (it holds no files, or only hidden ones)")
        elif os.path.exists(path):
            continue
        elif glob.has_magic(path):
            if not any(isinstance(m, str) and os.path.exists(m) for m in expand_inputs([path])):
                problems.append(f"no files match {path}")
        else:
            problems.append(f"no such file or folder: {path}")
    return problems
