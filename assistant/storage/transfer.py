"""Copy a workstation's dossiers, with their offers and journals, into the shared base (``dossier migrate``).

Identity is the dossier's ``uid``: the copy gets new ids on the server, its offers and journal events point
at the new id and keep the ``uid``. A dossier whose ``uid`` is already in the shared base is never copied
again nor overwritten: it is *already present* when this workstation's copy has not changed since it was
copied (or is the same as the shared one), else a *conflict* named by its title. What "not changed since it
was copied" means is kept in the ``migrated`` journal event written with each copy: a digest of the
dossier's content (title, organisation, answers, offers, weights, trash state) at that moment.

Dossiers in the trash are copied with their trash state. Journal events whose dossier was erased from the
trash (kept locally as history) have no dossier to belong to in the shared base and are not copied.

Everything is written in ONE server transaction, read and written in batches of dossiers by id (memory
does not grow with their number): a failure at any point leaves the shared base as it was.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, func, insert, select

from assistant.domain.folding import search_text
from assistant.storage.models import CandidateRow, DossierRow, EventRow
from assistant.storage.repository import now

MIGRATED = "migrated"
"""The journal's event kind written in the shared base with each copied dossier."""
BATCH_SIZE = 500
"""Dossiers read and written at a time."""

_DOSSIER = cast(Table, DossierRow.__table__)
_CANDIDATE = cast(Table, CandidateRow.__table__)
_EVENT = cast(Table, EventRow.__table__)
_COPIED_COLUMNS = ("uid", "title", "organisation", "facts", "justifications", "weights", "extra", "status",
                   "current_step", "created_at", "updated_at", "deleted_at", "rulebook_version",
                   "rulebook_digest", "evaluated_at", "conclusion", "updated_by")

Progress = Callable[[int, int], None]
"""Called after each batch with (dossiers done, dossiers in all)."""


@dataclass
class TransferReport:
    """What a copy did."""

    copied: int = 0
    copied_in_trash: int = 0
    present: int = 0
    """Already in the shared base and unchanged here since they were copied: left as they are."""
    conflicts: list[str] = field(default_factory=list)
    """Titles of dossiers changed here since their copy and different in the shared base: left as they are."""
    events: int = 0
    """Journal events copied (the ``migrated`` events added are not counted)."""


def content_digest(row: Mapping[Any, Any], candidates: Sequence[Mapping[Any, Any]]) -> str:
    """What the buyer wrote in a dossier, as a digest (the same on both engines)."""
    content = {
        "title": row["title"], "organisation": row["organisation"], "facts": row["facts"],
        "justifications": row["justifications"], "weights": row["weights"], "extra": row["extra"],
        "trashed": row["deleted_at"] is not None,
        "offers": [[c["name"], c["facts"], c["scores"], c["extra"]]
                   for c in sorted(candidates, key=lambda c: (c["position"], c["id"]))],
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _candidates(connection: Connection, dossier_ids: Sequence[int]) -> dict[int, list[Mapping[Any, Any]]]:
    found: dict[int, list[Mapping[Any, Any]]] = {i: [] for i in dossier_ids}
    rows = connection.execute(select(_CANDIDATE).where(_CANDIDATE.c.dossier_id.in_(dossier_ids))
                              .order_by(_CANDIDATE.c.dossier_id, _CANDIDATE.c.position, _CANDIDATE.c.id))
    for row in rows.mappings():
        found[row["dossier_id"]].append(row)
    return found


def _copied_digests(target: Connection, dossier_ids: Sequence[int]) -> dict[int, str]:
    """Per shared dossier id, the digest its last ``migrated`` event recorded."""
    digests: dict[int, str] = {}
    rows = target.execute(select(_EVENT.c.dossier_id, _EVENT.c.detail)
                          .where(_EVENT.c.dossier_id.in_(dossier_ids), _EVENT.c.kind == MIGRATED)
                          .order_by(_EVENT.c.id))
    for dossier_id, detail in rows:
        try:
            digests[dossier_id] = str(json.loads(detail).get("digest", ""))
        except (ValueError, AttributeError):
            continue
    return digests


class _Copy:
    """One copy in progress: the target's transaction, who writes, and the report."""

    def __init__(self, source: Connection, target: Connection, workstation: str, author: str) -> None:
        self.source, self.target = source, target
        self.workstation, self.author = workstation, author
        self.report = TransferReport()

    def batch(self, rows: Sequence[Mapping[Any, Any]]) -> None:
        local_candidates = _candidates(self.source, [r["id"] for r in rows])
        digests = {r["uid"]: content_digest(r, local_candidates[r["id"]]) for r in rows}
        shared = {r["uid"]: r for r in self.target.execute(
            select(_DOSSIER).where(_DOSSIER.c.uid.in_(list(digests)))).mappings()}
        if shared:
            self._compare(rows, digests, shared)
        new = [r for r in rows if r["uid"] not in shared]
        if new:
            self._insert(new, local_candidates, digests)

    def _compare(self, rows: Sequence[Mapping[Any, Any]], digests: dict[str, str],
                 shared: Mapping[str, Mapping[Any, Any]]) -> None:
        shared_ids = [r["id"] for r in shared.values()]
        recorded = _copied_digests(self.target, shared_ids)
        shared_candidates = _candidates(self.target, shared_ids)
        for row in rows:
            there = shared.get(row["uid"])
            if there is None:
                continue
            unchanged_here = recorded.get(there["id"]) == digests[row["uid"]]
            same = content_digest(there, shared_candidates[there["id"]]) == digests[row["uid"]]
            if unchanged_here or same:
                self.report.present += 1
            else:
                self.report.conflicts.append(str(row["title"]))

    def _insert(self, rows: Sequence[Mapping[Any, Any]], local_candidates: dict[int, list[Mapping[Any, Any]]],
                digests: dict[str, str]) -> None:
        values = [{**{c: r[c] for c in _COPIED_COLUMNS}, "search_text": search_text(r["title"], r["organisation"])}
                  for r in rows]
        new_ids = list(self.target.execute(
            insert(_DOSSIER).returning(_DOSSIER.c.id, sort_by_parameter_order=True), values).scalars())
        moved = dict(zip([r["id"] for r in rows], new_ids, strict=True))
        offers = [{"dossier_id": moved[old], "position": c["position"], "name": c["name"], "facts": c["facts"],
                   "scores": c["scores"], "extra": c["extra"]}
                  for old in moved for c in local_candidates[old]]
        if offers:
            self.target.execute(insert(_CANDIDATE), offers)
        uids = {r["id"]: r["uid"] for r in rows}
        events = [{"dossier_id": moved[e["dossier_id"]], "dossier_uid": e["dossier_uid"], "kind": e["kind"],
                   "at": e["at"], "detail": e["detail"], "author": e["author"]}
                  for e in self.source.execute(select(_EVENT).where(_EVENT.c.dossier_id.in_(list(moved)))
                                               .order_by(_EVENT.c.id)).mappings()
                  if uids[e["dossier_id"]] == e["dossier_uid"]]  # not a purged dossier's that had the same id
        moment = now()
        marks = [{"dossier_id": moved[r["id"]], "dossier_uid": r["uid"], "kind": MIGRATED, "at": moment,
                  "detail": json.dumps({"workstation": self.workstation, "title": r["title"],
                                        "digest": digests[r["uid"]]}, ensure_ascii=False, sort_keys=True),
                  "author": self.author} for r in rows]
        self.target.execute(insert(_EVENT), events + marks)
        self.report.copied += len(rows)
        self.report.copied_in_trash += sum(1 for r in rows if r["deleted_at"] is not None)
        self.report.events += len(events)


def copy_dossiers(source: Engine, target: Engine, *, workstation: str, author: str,
                  batch_size: int = BATCH_SIZE, progress: Progress | None = None) -> TransferReport:
    """Copy every dossier of ``source`` missing from ``target`` in one transaction of ``target``.

    ``workstation`` and ``author`` are written in the ``migrated`` event of each copy. Any error rolls the
    whole copy back and propagates (SQLAlchemy's ``DBAPIError`` for what the server refused)."""
    with source.connect() as reading, target.begin() as writing:
        total = int(reading.execute(select(func.count()).select_from(_DOSSIER)).scalar_one())
        copy, last, done = _Copy(reading, writing, workstation, author), 0, 0
        while True:
            rows = list(reading.execute(select(_DOSSIER).where(_DOSSIER.c.id > last).order_by(_DOSSIER.c.id)
                                        .limit(batch_size)).mappings())
            if not rows:
                break
            copy.batch(rows)
            last, done = rows[-1]["id"], done + len(rows)
            if progress is not None:
                progress(done, total)
        return copy.report
