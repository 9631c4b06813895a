"""Reading a file that must be a regular file of bounded size: what a template or a source names is untrusted."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO


def read_regular_file(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """The bytes and status of the regular file at ``path`` if it holds at most ``max_bytes``.

    Files named by a template (its partials, style, logo) are untrusted: a FIFO
    would block a plain read for ever and ``/dev/zero`` never ends.  Anything
    but a regular file, or a larger one, is an OSError saying so, decided from
    the status of the file actually opened (non-blocking) before reading it.
    """
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        if status.st_size > max_bytes:
            raise OSError(errno.EFBIG, f"larger than {max_bytes:,} bytes", str(path))
        data = read_at_most(handle, status.st_size, max_bytes)
    if len(data) > max_bytes:  # it grew while we looked
        raise OSError(errno.EFBIG, f"larger than {max_bytes:,} bytes", str(path))
    return data, status


def read_at_most(handle: BinaryIO, expected: int, max_bytes: int) -> bytes:
    """Up to ``max_bytes`` + 1 bytes of an open file whose status said ``expected``: one more than the caller
    allows shows the file is too large.

    A read is asked for the file's size, not the limit: Python allocates what a read asks for before reading,
    and asking for a 50 MB limit took longer than reading a small file.  A file that grew since is read on.
    """
    data = handle.read(min(expected, max_bytes) + 1)
    if len(data) > expected:
        data += handle.read(max_bytes + 1 - len(data))
    return data
