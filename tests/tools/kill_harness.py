"""Reliability harness: kill -9 writers at random moments, then check that nothing was lost or damaged.

Usage: python tests/tools/kill_harness.py [-n 500] [--seed 1] [--keep DIR] [--minutes M] [--spawn]

Each cycle starts one writer in a subprocess and sends it SIGKILL after a random delay:
- ``import``: ``assistant dossier import FILE`` on the command line (its stdout reports the committed id);
- ``answers``: a script answering questions through the services in a loop, reporting each commit;
- ``backup``: today's daily copy removed, then ``assistant dossier list`` (which makes it) or
  ``assistant backup create``;
- ``create``: the first start on a new data folder (``assistant dossier import`` into an empty folder).
After the kill: ``PRAGMA integrity_check`` on the database, a restart through ``open_data_folder`` (the one
door: it also clears leftovers and makes the daily copy), a comparison with what the writer had reported
committed, and a check of every copy in ``sauvegardes/``. Prints the counts; exit 1 when anything was
corrupt, lost or refused.

By default each writer is a fork of the harness (POSIX), which has already imported the application: the
command line's ``main`` (or the answers loop) then runs in the child, so the kills land in the work rather
than in the interpreter's start-up, and a cycle takes about a second. ``--spawn`` starts a new interpreter
for each writer instead (``python -m assistant ...``), about four times slower.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.domain.messages import UserError  # noqa: E402
from assistant.paths import AppPaths  # noqa: E402
from assistant.services.context import load_bundled_rulebook, open_data_folder  # noqa: E402
from assistant.storage.backups import DAILY_LABEL, REPLACED_LABEL, UNFINISHED_LABEL, check_file  # noqa: E402

EXAMPLE = ROOT / "tests" / "fixtures" / "examples" / "gestion-enquetes-dr.json"
ANSWERS = """
import sys
from pathlib import Path
from assistant.paths import AppPaths
from assistant.services.context import open_data_folder
ctx = open_data_folder(AppPaths(Path(sys.argv[1])))
dossier_id = ctx.repository.create("Réponses sous SIGKILL", "Banc de fiabilité")
print("created", dossier_id, flush=True)
for value in range(1, 100000):
    ctx.repository.set_fact(dossier_id, "need.users", value)
    ctx.repository.set_justification(dossier_id, "need.users", f"réponse {value}")
    print("committed", dossier_id, value, flush=True)
"""


@dataclass
class Counts:
    kills: int = 0
    finished: int = 0
    corrupt: int = 0
    lost: int = 0
    refused: int = 0
    bad_backups: int = 0
    no_daily: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _cli(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "assistant", "--data-dir", str(data), *args]


def _run_and_kill(command: list[str], delay: float) -> tuple[str, bool]:
    """Start ``command``, SIGKILL it after ``delay`` seconds; its stdout and whether it was killed."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
        try:
            process.wait(timeout=delay)
            killed = False
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
            killed = True
        out.seek(0)
        return out.read().decode("utf-8", "replace"), killed


def _answers(data: Path) -> None:
    ctx = open_data_folder(AppPaths(data))
    dossier_id = ctx.repository.create("Réponses sous SIGKILL", "Banc de fiabilité")
    print("created", dossier_id, flush=True)
    for value in range(1, 100000):
        ctx.repository.set_fact(dossier_id, "need.users", value)
        ctx.repository.set_justification(dossier_id, "need.users", f"réponse {value}")
        print("committed", dossier_id, value, flush=True)


def _fork_and_kill(command: list[str], delay: float) -> tuple[str, bool]:
    """Run ``command`` (a ``_cli`` list or the answers script) in a fork of this process; SIGKILL it after
    ``delay`` seconds. Same result as ``_run_and_kill``."""
    with tempfile.TemporaryFile() as out:
        pid = os.fork()
        if pid == 0:  # the child: stdout to the file, line by line, as a command's pipe
            try:
                os.dup2(out.fileno(), 1)
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, 2)
                sys.stdout = open(1, "w", buffering=1, encoding="utf-8", closefd=False)  # noqa: SIM115
                sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
                if command[1] == "-c":
                    _answers(Path(command[3]))
                else:
                    from assistant.cli import main as cli_main

                    cli_main(command[3:])
                sys.stdout.flush()
            finally:
                os._exit(0)
        deadline = time.monotonic() + delay
        killed = True
        while time.monotonic() < deadline:
            done, _status = os.waitpid(pid, os.WNOHANG)
            if done:
                killed = False
                break
            time.sleep(0.002)
        if killed:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        out.seek(0)
        return out.read().decode("utf-8", "replace"), killed


RUNNER = {"run": _run_and_kill}


def _integrity(database: Path) -> bool:
    if not database.exists():
        return True
    try:
        conn = sqlite3.connect(database)
        try:
            return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _remove_todays_daily(paths: AppPaths) -> None:
    stamp = time.strftime("%Y%m%d", time.gmtime())
    for copy in paths.backups_dir.glob(f"*-{DAILY_LABEL}-{stamp}*"):
        copy.unlink()


def calibrate(paths: AppPaths) -> float:
    """How long one command-line import takes on this machine now (the kills are spread over it)."""
    start = time.monotonic()
    RUNNER["run"](_cli(paths.data_dir, "dossier", "import", str(EXAMPLE)), 120)
    return time.monotonic() - start


def cycle(kind: str, paths: AppPaths, rng: random.Random, counts: Counts, book: object, run: float) -> None:
    """One writer killed at a random moment, then the checks; ``run`` is a command's duration."""
    if kind == "create":  # the creation happens after the imports, early in the run
        shutil.rmtree(paths.data_dir, ignore_errors=True)
        command, delay = _cli(paths.data_dir, "dossier", "import", str(EXAMPLE)), rng.uniform(0.05, 1.0) * run
    elif kind == "import":  # the write is near the end of the run
        command, delay = _cli(paths.data_dir, "dossier", "import", str(EXAMPLE)), rng.uniform(0.2, 1.0) * run
    elif kind == "answers":  # a commit every few milliseconds once started
        command, delay = [sys.executable, "-c", ANSWERS, str(paths.data_dir)], run * rng.uniform(0.3, 1.2)
    else:  # the daily copy is made when the base opens; ``backup create`` at the end
        _remove_todays_daily(paths)
        args = ("dossier", "list") if rng.random() < 0.5 else ("backup", "create")
        command, delay = _cli(paths.data_dir, *args), rng.uniform(0.05, 0.8) * run
    output, killed = RUNNER["run"](command, delay)
    counts.kills += killed
    counts.finished += not killed
    counts.by_kind[kind] = counts.by_kind.get(kind, 0) + 1
    if not _integrity(paths.database):
        counts.corrupt += 1
        counts.problems.append(f"{kind}: base corrompue après le kill")
        return
    try:
        ctx = open_data_folder(paths, rulebook=book)  # type: ignore[arg-type]
    except UserError as exc:
        counts.refused += 1
        counts.problems.append(f"{kind}: démarrage refusé : {exc}")
        return
    try:
        lost = _lost(ctx, output)
        if lost:
            counts.lost += 1
            counts.problems.append(f"{kind}: {lost}")
        stamp = time.strftime("%Y%m%d", time.gmtime())
        if not any(paths.backups_dir.glob(f"*-{DAILY_LABEL}-{stamp}*")):
            counts.no_daily += 1
            counts.problems.append(f"{kind}: pas de copie du jour après le redémarrage")
    finally:
        ctx.close()
    for copy in paths.backups_dir.glob("*.sqlite3"):
        if REPLACED_LABEL in copy.name or UNFINISHED_LABEL in copy.name:
            continue
        if not check_file(copy):
            counts.bad_backups += 1
            counts.problems.append(f"{kind}: copie invalide {copy.name}")


def _lost(ctx: object, output: str) -> str:
    """What the writer reported committed and the restarted base does not hold ('' when nothing)."""
    repo = ctx.repository  # type: ignore[attr-defined]
    ids = {s.id for s in repo.list()}
    for match in re.finditer(r"importé sous le numéro (\d+)", output):
        if int(match.group(1)) not in ids:
            return f"dossier importé {match.group(1)} absent"
    created = re.findall(r"^created (\d+)$", output, re.MULTILINE)
    if created and int(created[-1]) not in ids:
        return f"dossier créé {created[-1]} absent"
    committed = re.findall(r"^committed (\d+) (\d+)$", output, re.MULTILINE)
    if committed:
        dossier_id, value = int(committed[-1][0]), int(committed[-1][1])
        stored = repo.get(dossier_id).facts.get("need.users", 0)
        if stored < value:
            return f"réponse {value} annoncée, {stored} relue"
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="nombre de cycles (kills)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="garder les données dans ce dossier")
    parser.add_argument("--minutes", type=float, default=0, help="s'arrêter après ce temps (0 : jamais)")
    parser.add_argument("--spawn", action="store_true", help="un nouvel interpréteur par écrivain (plus lent)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    RUNNER["run"] = _run_and_kill if args.spawn or not hasattr(os, "fork") else _fork_and_kill
    work = args.keep or Path(tempfile.mkdtemp(prefix="kill-harness-"))
    book = load_bundled_rulebook()
    main_paths, fresh_paths = AppPaths(work / "donnees"), AppPaths(work / "neuf")
    counts = Counts()
    start = time.monotonic()
    kinds = ["import", "answers", "backup", "create"]
    calibrate(main_paths)  # warm-up: the first run imports what the command line needs
    run = (calibrate(main_paths) + calibrate(main_paths)) / 2
    mode = "a new interpreter" if RUNNER["run"] is _run_and_kill else "a fork of the harness"
    print(f"each writer is {mode}; one import takes {run:.2f} s here: kills spread over that", flush=True)
    done = 0
    for index in range(args.n):
        if args.minutes and time.monotonic() - start > args.minutes * 60:
            print(f"time budget reached after {index} cycles", flush=True)
            break
        kind = rng.choices(kinds, weights=[3, 3, 2, 2])[0]
        cycle(kind, fresh_paths if kind == "create" else main_paths, rng, counts, book, run)
        done = index + 1
        if done % 25 == 0:
            print(f"{done} cycles in {time.monotonic() - start:.0f} s", flush=True)
            run = 0.5 * run + 0.5 * calibrate(main_paths)  # follow the machine's load
    print(f"cycles: {done} ({', '.join(f'{k} {v}' for k, v in sorted(counts.by_kind.items()))})")
    print(f"kills: {counts.kills}  (writers that finished before their kill: {counts.finished})")
    print(f"corrupt: {counts.corrupt}  lost: {counts.lost}  refused starts: {counts.refused}  "
          f"invalid copies: {counts.bad_backups}  days without a copy: {counts.no_daily}")
    print(f"time: {time.monotonic() - start:.0f} s; data in {work}")
    for problem in counts.problems[:30]:
        print("  -", problem)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if counts.corrupt or counts.lost or counts.refused or counts.bad_backups or counts.no_daily else 0


if __name__ == "__main__":
    sys.exit(main())
