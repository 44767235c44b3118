"""Impact preview of a new rulebook: every stored dossier evaluated under the rules in force and the new
ones, and each conclusion that changes (old → new, with the rules that make the difference)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from assistant.domain import Dossier, Evaluation
from assistant.engine import evaluate
from assistant.rulebook import Rulebook
from assistant.services.context import AppContext
from assistant.services.guidance import ranking

FIELDS = {
    "path": "Chemin",
    "sensitivity": "Sensibilité des données",
    "hosting": "Exigences d'hébergement",
    "procedure": "Procédure",
    "dinum_opinion": "Avis de la DINUM",
    "offer": "Offre",
    "retained": "Offre classée première",
}
"""The conclusions compared, with their French names (in the order they are listed)."""

NONE = "aucune"


@dataclass(frozen=True)
class Change:
    """One conclusion of a dossier that changes: ``field`` is a key of ``FIELDS``."""

    field: str
    label: str
    old: str
    new: str
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class DossierImpact:
    id: int
    title: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Impact:
    """The preview: how many dossiers were evaluated, those whose conclusions change, counts per field."""

    evaluated: int
    dossiers: tuple[DossierImpact, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)


def _rules(old: Evaluation, new: Evaluation, prefix: str) -> tuple[str, ...]:
    """Rule ids under ``prefix`` that fired under one rulebook and not the other (else the new ones)."""
    before = {t.rule for t in old.trace if t.rule.startswith(prefix)}
    after = {t.rule for t in new.trace if t.rule.startswith(prefix)}
    return tuple(sorted(before ^ after or after))


def compare(old_book: Rulebook, new_book: Rulebook, old: Evaluation, new: Evaluation) -> list[Change]:
    """Every conclusion that differs between two evaluations of one dossier."""
    changes: list[Change] = []
    for name in ("path", "sensitivity", "procedure", "dinum_opinion"):
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(Change(name, FIELDS[name], old_book.label(name, before), new_book.label(name, after),
                                  _rules(old, new, f"{name}.")))
    if old.hosting != new.hosting:
        def text(book: Rulebook, items: tuple[str, ...]) -> str:
            return " ; ".join(book.label("hosting", h) for h in items) or NONE

        changes.append(Change("hosting", FIELDS["hosting"], text(old_book, old.hosting),
                              text(new_book, new.hosting), _rules(old, new, "hosting.")))
    before_offers = {c.name: c for c in old.candidates}
    for offer in new.candidates:
        previous = before_offers.get(offer.name)
        if previous is not None and previous.status != offer.status:
            blocking = tuple(f"offers.{r}" for r in sorted(set(previous.blocking) ^ set(offer.blocking)))
            changes.append(Change("offer", f"{FIELDS['offer']} « {offer.name} »",
                                  old_book.label("offer_status", previous.status),
                                  new_book.label("offer_status", offer.status), blocking))
    first_before, first_after = (ranking(old) or [NONE])[0], (ranking(new) or [NONE])[0]
    if first_before != first_after:
        changes.append(Change("retained", FIELDS["retained"], first_before, first_after))
    return changes


def dossier_changes(old_book: Rulebook, new_book: Rulebook, dossier: Dossier, as_of: date) -> list[Change]:
    """Evaluate ``dossier`` under both rulebooks and compare."""
    return compare(old_book, new_book, evaluate(old_book, dossier, as_of), evaluate(new_book, dossier, as_of))


def preview_impact(ctx: AppContext, new_book: Rulebook, as_of: date | None = None) -> Impact:
    """Evaluate every stored dossier (not those in the trash) under ``ctx.rulebook`` and ``new_book``."""
    day = as_of or date.today()
    stored = ctx.repository.dossiers()
    impacts: list[DossierImpact] = []
    counts: Counter[str] = Counter()
    for summary, dossier in stored:
        changes = dossier_changes(ctx.rulebook, new_book, dossier, day)
        if changes:
            impacts.append(DossierImpact(summary.id, summary.title, tuple(changes)))
            counts.update({c.field for c in changes})
    ordered = {name: counts[name] for name in FIELDS if counts[name]}
    return Impact(len(stored), tuple(impacts), ordered)


def impact_lines(impact: Impact) -> list[str]:
    """The preview in French: counts first, then each dossier's changes."""
    changed = len(impact.dossiers)
    lines = [f"{impact.evaluated} dossier(s) réévalué(s) : {changed} dont les conclusions changent."]
    for name, count in impact.counts.items():
        lines.append(f"  {FIELDS[name]} : {count} dossier(s)")
    for item in impact.dossiers:
        lines.append(f"Dossier {item.id} « {item.title} » :")
        for change in item.changes:
            word = "règles" if len(change.rules) > 1 else "règle"
            because = f" ({word} : {', '.join(change.rules)})" if change.rules else ""
            lines.append(f"  - {change.label} : {change.old} → {change.new}{because}")
    return lines
