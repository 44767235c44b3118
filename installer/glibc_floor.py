"""The oldest glibc a folder of ELF files can run on: the highest GLIBC_x.y symbol version any of them needs.

    python3 installer/glibc_floor.py FOLDER            # prints e.g. 2.36
    python3 installer/glibc_floor.py FOLDER --why      # also the files that need that version

installer/build.sh declares ``libc6 (>= FLOOR)`` in the .deb's Depends with it, and installer/test-deb.sh
checks the declared floor against the unpacked package. Reads the dynamic symbol tables with ``objdump -T``
(binutils); only the versions of symbols the files import from glibc count (GLIBC_PRIVATE is not a version).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
VERSION = re.compile(r"\(?GLIBC_(\d+(?:\.\d+)+)\)?")


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(4) == ELF_MAGIC
    except OSError:
        return False


def needed_versions(path: Path) -> set[tuple[int, ...]]:
    """The GLIBC_x.y versions of the undefined (imported) dynamic symbols of one ELF file."""
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True,  # noqa: S603, S607
                         check=False).stdout
    versions = set()
    for line in out.splitlines():
        if "*UND*" not in line:
            continue
        match = VERSION.search(line)
        if match:
            versions.add(tuple(int(part) for part in match.group(1).split(".")))
    return versions


def floor(folder: Path) -> tuple[tuple[int, ...], list[Path]]:
    """The highest version needed in ``folder`` and the files needing it."""
    best: tuple[int, ...] = (0,)
    needing: list[Path] = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file() or not _is_elf(path):
            continue
        versions = needed_versions(path)
        if not versions:
            continue
        top = max(versions)
        if top > best:
            best, needing = top, [path]
        elif top == best:
            needing.append(path)
    return best, needing


def main() -> int:
    folder = Path(sys.argv[1])
    best, needing = floor(folder)
    if best == (0,):
        print(f"Aucun fichier ELF lié à la glibc dans {folder}.", file=sys.stderr)
        return 1
    print(".".join(str(part) for part in best))
    if "--why" in sys.argv[2:]:
        for path in needing:
            print(f"  {path.relative_to(folder)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
