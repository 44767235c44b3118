"""Fuzz the dossier import: N generated files (structure, types, sizes, encodings, hostile values), each
imported through the service in this process, and checked.

Usage: python tests/tools/fuzz_import.py [--count 10000] [--seed 18] [--keep DIR]

For each file: a *crash* is any exception but the user's French error (``UserError``); a *hang* is an import
slower than 5 s (one over 60 s is interrupted); a *partial write* is a refusal after which the base changed
(another connection's ``PRAGMA data_version`` and the row counts of every table). An accepted file must
then be safe everywhere: shown, exported, read back, listed and printed without a control character.
Prints the counts per kind of file and in total; exit 1 if any crash, hang, partial write or unsafe file.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sqlite3
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.domain import limits  # noqa: E402
from assistant.domain.messages import UserError  # noqa: E402
from assistant.exchange import dumps_dossier, read_dossier_file  # noqa: E402

HANG_S = 5.0
INTERRUPT_S = 60
EXAMPLES = sorted(p for p in (ROOT / "tests" / "fixtures" / "examples").glob("*.json")
                  if not p.name.endswith(".expected.json"))
KEYS = ["format", "title", "organisation", "created", "updated", "facts", "justifications", "candidates",
        "weights"]
FACTS = ["need.statement", "need.users", "need.category", "procurement.estimated_amount_eur_ht",
         "procurement.consultation_date", "data.breach_impacts", "data.personal", "autre.inconnu"]


class Interrupted(Exception):
    """An import still running after INTERRUPT_S."""


def _alarm(_signum: int, _frame: Any) -> None:
    raise Interrupted


# -- generators: each returns the file's bytes ------------------------------------------------------------
def _hostile_text(rng: random.Random) -> str:
    kind = rng.randrange(9)
    if kind == 0:
        return "a" + rng.choice(["\ud800", "\udfff", "\ud83d"]) + "b"
    if kind == 1:
        return "Titre " + "".join(rng.choice(["\x1b[31m", "\x00", "\x07", "\x9b", "\x7f", "\r", "\t", "\n"])
                                  for _ in range(rng.randint(1, 4)))
    if kind == 2:
        return rng.choice(["é", "x", "mot ", "𝔘"]) * rng.choice([199, 200, 201, 9_999, 10_000, 10_001, 100_000])
    if kind == 3:
        return "W" * rng.choice([20_000, 50_000])
    if kind == 4:
        return "\u202e\u200b\ufeff texte"
    if kind == 5:
        return rng.choice(["9999-12-31T23:30:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31", "0001-01-01",
                           "2026-02-30", "hier", "1899-12-31T00:00:00"])
    if kind == 6:
        return "<b>balise</b> & <font size=200>x</font>"
    if kind == 7:
        return ""
    return "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randint(1, 40)))


def _hostile_number(rng: random.Random) -> str:
    return rng.choice([
        "9" * rng.choice([16, 400, 4_300, 4_301, 5_000, 20_000]), "-" + "9" * 5_000, "1e999", "-1e999", "NaN",
        "Infinity", "-Infinity", "1e308", "1" + "0" * 15, "1" + "0" * 16, "0.1e-400", "1." + "5" * 5_000,
        "123456789012345678", "-0", "4.2",
    ])


def _value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(10 if depth < 4 else 7)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.randint(-(10**18), 10**18)
    if kind == 3:
        return rng.uniform(-1e6, 1e6)
    if kind in (4, 5):
        return _hostile_text(rng)
    if kind == 6:
        return rng.choice(["fits", "does_not_fit", "state_administration", "videoconference", "services"])
    if kind == 7:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {_hostile_text(rng)[:30] if rng.random() < 0.3 else rng.choice(FACTS): _value(rng, depth + 1)
            for _ in range(rng.randint(0, 4))}


def _example(rng: random.Random) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(rng.choice(EXAMPLES).read_text(encoding="utf-8"))
    return data


def gen_valid(rng: random.Random) -> bytes:
    data = _example(rng)
    data["title"] = rng.choice(["Titre", "É" * limits.TITLE_MAX, "Deux mots « cités »"])
    if rng.random() < 0.5:
        data["facts"]["need.statement"] = "mot " * rng.randint(1, limits.TEXT_ANSWER_MAX // 4)
    return json.dumps(data, ensure_ascii=rng.random() < 0.5).encode("utf-8")


def gen_structure(rng: random.Random) -> bytes:
    data = _example(rng)
    for _ in range(rng.randint(1, 3)):
        key = rng.choice([*KEYS, "extension"])
        if rng.random() < 0.3:
            data.pop(key, None)
        else:
            data[key] = _value(rng)
    return json.dumps(data).encode("utf-8")


def gen_types(rng: random.Random) -> bytes:
    data = _example(rng)
    target = rng.choice(["facts", "justifications", "weights", "candidates"])
    if target == "candidates" and data.get("candidates"):
        offer = rng.choice(data["candidates"])
        offer[rng.choice(["name", "facts", "scores", "autre"])] = _value(rng)
    elif isinstance(data.get(target), dict):
        data[target][rng.choice([*FACTS, "performance", "cost"])] = _value(rng)
    return json.dumps(data).encode("utf-8")


def gen_hostile(rng: random.Random) -> bytes:
    data = _example(rng)
    field = rng.choice(["title", "organisation", "created", "updated", "fact", "justification", "offer", "key",
                        "format"])
    text = _hostile_text(rng)
    if field == "fact":
        data["facts"][rng.choice(FACTS)] = text
    elif field == "justification":
        data["justifications"] = {rng.choice(FACTS): text}
    elif field == "offer":
        data["candidates"] = [{"name": text, "facts": {}, "scores": {}}]
    elif field == "key":
        data["facts"][text[:200] or "x"] = 1
    elif field == "format":
        data["format"] = "assistant-dossier/" + rng.choice(["²", "١", "1" * 5000, "01", "2", "", "1.0", text[:20]])
    else:
        data[field] = text
    return json.dumps(data, ensure_ascii=rng.random() < 0.7).encode("utf-8", "surrogatepass")


def gen_numbers(rng: random.Random) -> bytes:
    data = _example(rng)
    text = json.dumps(data)
    place = rng.choice(['"facts": {', '"weights": {', '"scores": {'])
    key = rng.choice(['"need.users"', '"procurement.estimated_amount_eur_ht"', '"cost"', '"autre.n"'])
    return text.replace(place, f"{place}{key}: {_hostile_number(rng)}, ", 1).encode("utf-8")


def gen_sizes(rng: random.Random) -> bytes:
    data = _example(rng)
    kind = rng.randrange(6)
    if kind == 0:
        deep: Any = 1
        for _ in range(rng.choice([15, 17, 100, 990, 5_000, 50_000])):
            deep = [deep] if rng.random() < 0.5 else {"a": deep}
        data["extension"] = deep
        try:
            return json.dumps(data).encode("utf-8")
        except RecursionError:
            return ('{"format": "assistant-dossier/1", "title": "x", "extension": ' + "[" * 50_000 + "]" * 50_000
                    + "}").encode("utf-8")
    if kind == 1:
        data["facts"] = {f"autre.{n}": n for n in range(rng.choice([199, 200, 201, 5_000]))}
    elif kind == 2:
        data["candidates"] = [{"name": f"Offre {n}"} for n in range(rng.choice([10, 501, 2_000]))]
    elif kind == 3:
        data["justifications"] = {f"j{n}": "x" for n in range(rng.choice([10, 11, 1_000]))}
    elif kind == 4:
        return b" " * (limits.FILE_BYTES_MAX + rng.choice([1, 1_000]))
    else:
        data["extension"] = "x" * rng.choice([1_000_000, 9_000_000])
    return json.dumps(data).encode("utf-8")


def gen_encoding(rng: random.Random) -> bytes:
    text = json.dumps(_example(rng), ensure_ascii=False)
    kind = rng.randrange(7)
    if kind == 0:
        return text.encode("utf-16")
    if kind == 1:
        return text.encode("latin-1", "replace")
    if kind == 2:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if kind == 3:
        raw = bytearray(text.encode("utf-8"))
        raw[rng.randrange(len(raw))] = rng.choice([0xFF, 0xC0, 0x80, 0x00])
        return bytes(raw)
    if kind == 4:
        raw = text.encode("utf-8")
        return raw[: rng.randrange(len(raw))]
    if kind == 5:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
    return text.replace('"title"', '"title": "doublon", "title"', 1).encode("utf-8")


GENERATORS: dict[str, Callable[[random.Random], bytes]] = {
    "valide": gen_valid, "structure": gen_structure, "types": gen_types, "hostile": gen_hostile,
    "nombres": gen_numbers, "tailles": gen_sizes, "encodages": gen_encoding,
}
WEIGHTS = [15, 15, 15, 25, 10, 5, 15]


# -- checks ---------------------------------------------------------------------------------------------
def _state(connection: sqlite3.Connection) -> tuple[int, ...]:
    version = connection.execute("PRAGMA data_version").fetchone()[0]
    counts = [connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("dossier", "candidate", "event")]
    return (version, *counts)


def _safe_everywhere(ctx: Any, dossier_id: int, folder: Path) -> str | None:
    """Why an accepted dossier is unsafe somewhere afterwards, or None."""
    dossier = ctx.repository.get(dossier_id)
    text = dumps_dossier(dossier)
    text.encode("utf-8")
    if any(ord(c) < 0x20 and c != "\n" for c in text):
        return "show prints a control character"
    summary = ctx.repository.summary(dossier_id)
    line = f"{summary.title} {summary.organisation}"
    if not line.isprintable() and any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in line):
        return "list prints a control character"
    summary.updated.replace(tzinfo=None).astimezone()
    from assistant.services.dossiers import export_file

    target = folder / "export.json"
    export_file(ctx, dossier_id, target)
    read_dossier_file(target)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--keep", type=Path, default=None, help="keep the failing files in this folder")
    args = parser.parse_args()

    from assistant.paths import AppPaths
    from assistant.services.context import open_context
    from assistant.services.dossiers import import_file

    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="fuzz-import-"))
    ctx = open_context(AppPaths(work / "données"), training=True)
    watcher = sqlite3.connect(f"file:{ctx.paths.database}?mode=ro", uri=True)
    signal.signal(signal.SIGALRM, _alarm)
    counts: Counter[str] = Counter()
    per_kind: dict[str, Counter[str]] = {name: Counter() for name in GENERATORS}
    slowest = (0.0, "")
    path = work / "fichier.json"
    started = time.perf_counter()
    for number in range(args.count):
        kind = rng.choices(list(GENERATORS), WEIGHTS)[0]
        content = GENERATORS[kind](rng)
        path.write_bytes(content)
        before = _state(watcher)
        outcome = "accepted"
        signal.alarm(INTERRUPT_S)
        began = time.perf_counter()
        try:
            dossier_id, _warnings = import_file(ctx, path)
        except UserError as exc:
            outcome = "refused"
            message = str(exc)
            if not message or any(ord(c) < 0x20 and c != "\n" for c in message):
                outcome = "unsafe"
        except Interrupted:
            outcome = "hang"
        except Exception:
            outcome = "crash"
            if counts["crash"] < 5:
                traceback.print_exc()
        finally:
            signal.alarm(0)
        elapsed = time.perf_counter() - began
        slowest = max(slowest, (elapsed, kind))
        if elapsed > HANG_S and outcome != "hang":
            outcome = "hang"
        if outcome in ("refused", "unsafe", "crash") and _state(watcher) != before:
            counts["partial"] += 1
            per_kind[kind]["partial"] += 1
        if outcome == "accepted":
            try:
                problem = _safe_everywhere(ctx, dossier_id, work)
            except Exception as exc:
                problem = f"{type(exc).__name__}: {exc}"[:200]
            if problem:
                outcome = "unsafe"
                print(f"file {number} ({kind}) accepted but unsafe: {problem}", file=sys.stderr)
        counts[outcome] += 1
        per_kind[kind][outcome] += 1
        if outcome not in ("accepted", "refused") and args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / f"{number:05d}-{kind}-{outcome}.json").write_bytes(content)
        if (number + 1) % 1000 == 0:
            print(f"{number + 1} files, {dict(counts)}", file=sys.stderr, flush=True)
    total = time.perf_counter() - started
    watcher.close()
    ctx.close()
    print(f"Fuzzed import files: {args.count} (seed {args.seed}) in {total:.0f} s; slowest import "
          f"{slowest[0]:.2f} s ({slowest[1]})")
    for kind, tally in per_kind.items():
        print(f"  {kind:10} " + ", ".join(f"{k} {v}" for k, v in sorted(tally.items())))
    print("Total: " + ", ".join(f"{key} {counts[key]}" for key in
                                ("accepted", "refused", "crash", "hang", "partial", "unsafe")))
    return 1 if any(counts[k] for k in ("crash", "hang", "partial", "unsafe")) else 0


if __name__ == "__main__":
    sys.exit(main())
