"""The decision note's content as plain blocks (headings, paragraphs, tables) for the OpenDocument twin, read
from the same sources as the PDF: the summary rows, the trace, the step facts, the applied parameters, the
offers, the clauses and the sources."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from assistant.rulebook.french import format_date, format_eur, format_number, quote
from assistant.rulebook.render import describe_offer
from assistant.rulebook.summary import answer_text, reason_text, summary_row, summary_rows

if TYPE_CHECKING:
    from assistant.domain import AppliedParameter, Dossier, Evaluation
    from assistant.domain.history import DossierHistory
    from assistant.rulebook import Rulebook

NBSP = "\u00a0"
SECTIONS = (("cctp", "Cahier des clauses techniques particulières (CCTP)"),
            ("ccap", "Cahier des clauses administratives particulières (CCAP)"))


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "Text_20_body"


@dataclass(frozen=True)
class TableBlock:
    name: str
    rows: list[list[str]]
    header: bool = False


Block = Heading | Para | TableBlock


@dataclass
class NoteContent:
    dossier: Dossier
    evaluation: Evaluation
    rulebook: Rulebook
    as_of: date
    author: str
    organisation: str
    cited: list[str] = field(default_factory=list)
    history: DossierHistory | None = None
    """The dossier's journal in words (annex D), for a stored dossier."""

    def cite(self, sources: Iterable[str]) -> str:
        """« [n] title » for each source, numbered in order of first citation (annex C)."""
        parts = []
        for source_id in sources:
            if source_id not in self.cited:
                self.cited.append(source_id)
            source = self.rulebook.sources.get(source_id)
            title = source.title if source else source_id
            flag = " (à vérifier)" if source is not None and source.to_verify else ""
            parts.append(f"[{self.cited.index(source_id) + 1}]{NBSP}{title}{flag}")
        return f"{NBSP}; ".join(parts)

    def answer(self, fact: str, facts: dict[str, object] | None = None) -> str:
        if facts is not None:
            return answer_text(self.rulebook, facts, fact, {})
        return answer_text(self.rulebook, self.dossier.facts, fact, self.evaluation.details.defaults)


def _colon(label: str, value: str) -> str:
    return f"{label}{NBSP}: {value}"


def _head(c: NoteContent) -> Iterator[Block]:
    yield Para("Note de décision d'achat numérique", "Note_20_Small")
    yield Heading(1, c.dossier.title)
    if c.organisation:
        yield Para(_colon("Organisme", c.organisation))
    yield Para(_colon("Évaluation au", format_date(c.as_of)))
    if c.author:
        yield Para(_colon("Rédigée par", c.author))
    book = c.rulebook
    yield Para(_colon("Règles", f"{book.title}, version {book.version} ({book.digest[:19]}…)"))
    ev = c.evaluation
    rows = [[row.name, "\n".join(row.values) or row.empty] for row in summary_rows(book, ev)]
    rows.append(["Points d'attention", f"{len(ev.warnings)} avertissement(s), {len(ev.missing)} réponse(s) "
                                       "manquante(s)"])
    yield Heading(2, "Synthèse")
    yield TableBlock("Synthèse", rows)


def _attention(c: NoteContent) -> Iterator[Block]:
    ev = c.evaluation
    yield Heading(2, "1. Points d'attention")
    if not ev.warnings and not ev.missing:
        yield Para(f"Aucun avertissement{NBSP}; toutes les réponses utiles sont données.")
    for notice in ev.warnings:
        yield Para(_colon("Avertissement", notice.message), "Note_20_Warning")
        if notice.sources:
            yield Para(_colon("Sources", c.cite(notice.sources)), "Note_20_Small")
    for fact in ev.missing:
        yield Para(_colon("Réponse manquante", f"{c.rulebook.fact_label(fact)} ({fact})"))


def _step_facts(c: NoteContent, step_id: str, name: str) -> Iterator[Block]:
    step = c.rulebook.step(step_id)
    rows = []
    for fact in step.note_facts if step else ():
        question = c.rulebook.question(fact)
        if question is None:
            continue
        label = step.note_labels.get(fact, question.label) if step else question.label
        if question.type == "text":
            value = c.dossier.facts.get(fact)
            yield Para(_colon(label, value if isinstance(value, str) and value.strip() else "non renseigné"))
        else:
            rows.append([label, c.answer(fact)])
    if rows:
        yield TableBlock(name, rows)


def _reasoning(c: NoteContent) -> Iterator[Block]:
    ev, book = c.evaluation, c.rulebook
    yield Heading(2, "3. Le raisonnement")
    if not ev.trace:
        yield Para("Aucune règle ne s'est appliquée.")
    for number, entry in enumerate(ev.trace, start=1):
        yield Para(f"{number}. {entry.explanation or entry.outcome}")
        reasons = [reason_text(book, reason) for reason in entry.reasons]
        if reasons:
            yield Para(_colon("Parce que", f"{NBSP}; ".join(reasons)) + ".", "Note_20_Small")
        if entry.sources:
            yield Para(_colon("Sources", c.cite(entry.sources)), "Note_20_Small")
    yield Heading(3, "Justifications de l'acheteur")
    written = [(k, v) for k, v in c.dossier.justifications.items() if str(v).strip()]
    if not written:
        yield Para("L'acheteur n'a écrit aucune justification.")
    for fact, text in written:
        yield Para(book.fact_label(fact), "Note_20_Label")
        yield Para(quote(text), "Note_20_Quote")


def _data(c: NoteContent) -> Iterator[Block]:
    ev, book = c.evaluation, c.rulebook
    yield Heading(2, "4. Données et hébergement")
    yield Para(_colon("Sensibilité", book.label("sensitivity", ev.sensitivity)))
    hosting = summary_row(book, ev, "hosting")
    yield Para(_colon("Exigences d'hébergement", "\n".join(f"• {v}" for v in hosting.values) or hosting.empty))
    yield from _step_facts(c, "donnees", "Données")


def _offers(c: NoteContent) -> Iterator[Block]:
    ev, book = c.evaluation, c.rulebook
    yield Heading(2, "5. Les offres du marché")
    if not ev.candidates:
        yield Para("Aucune offre n'a été saisie.")
        return
    rows = [["Offre", "Éligibilité", "Exigences", "Note pondérée"]]
    for result in ev.candidates:
        score = "sans note" if result.score is None else f"{format_number(result.score)}/5"
        rows.append([result.name, book.label("offer_status", result.status), describe_offer(book, result), score])
    yield TableBlock("Offres", rows, header=True)
    yield Para(book.criteria_note, "Note_20_Small")


def _threshold(item: AppliedParameter) -> str:
    text = _colon(item.label or item.id, format_eur(item.value, item.unit or None))
    if item.valid_to:
        text += f" (en vigueur du {format_date(item.valid_from)} au {format_date(item.valid_to)})"
    elif item.valid_from:
        text += f" (en vigueur depuis le {format_date(item.valid_from)})"
    return text


def _procedure(c: NoteContent) -> Iterator[Block]:
    ev, book = c.evaluation, c.rulebook
    yield Heading(2, "6. La procédure")
    yield Para(_colon("Procédure", book.label("procedure", ev.procedure)))
    rule = ev.details.procedure.rule if ev.details.procedure else None
    applied = next((t for t in ev.trace if t.rule == rule), None)
    if applied is not None and applied.explanation:
        yield Para(applied.explanation)
    yield Para(_colon("Avis de la DINUM", summary_row(book, ev, "dinum_opinion").text))
    yield from _step_facts(c, "procedure", "Procédure")
    yield Heading(3, "Seuils appliqués")
    if not ev.details.parameters:
        yield Para("Aucun seuil n'a été appliqué.")
    for item in ev.details.parameters:
        yield Para(_threshold(item))
        if item.sources:
            yield Para(_colon("Sources", c.cite(item.sources)), "Note_20_Small")


def _signature(c: NoteContent) -> Iterator[Block]:
    yield Heading(2, "7. Décision et signatures")
    yield Para("Je, soussigné(e), arrête le choix décrit dans la présente note.")
    yield TableBlock("Signatures", [["", "L'acheteur", "Validation"], ["Nom", c.author, ""], ["Fonction", "", ""],
                                    ["Date", "", ""], ["Signature", "", ""]], header=True)


def _annexes(c: NoteContent) -> Iterator[Block]:
    book, dossier = c.rulebook, c.dossier
    yield Heading(2, "Annexe A. Les réponses du dossier")
    yield TableBlock("Réponses", [["Question", "Réponse"]] + [[q.label, c.answer(q.id)] for q in book.questions],
                     header=True)
    for candidate in dossier.candidates:
        yield Heading(3, f"Offre{NBSP}: {candidate.name}")
        rows = [[q.label, c.answer(q.id, candidate.facts)] for q in book.candidate_questions]
        yield TableBlock(f"Offre {candidate.name}", [["Question", "Réponse"], *rows], header=True)
    yield Heading(2, "Annexe B. Clauses à insérer dans le dossier de consultation")
    left_out = dossier.extra.get("clauses_left_out")
    texts = [t for t in c.evaluation.clause_texts if not (isinstance(left_out, list) and t.id in left_out)]
    if not texts:
        yield Para("La conclusion n'appelle aucune clause particulière.")
    for section, title in SECTIONS:
        chosen = [t for t in texts if t.section == section]
        if chosen:
            yield Heading(3, title)
        for clause in chosen:
            yield Heading(4, clause.title)
            yield Para(clause.text, "Note_20_Quote")
            yield Para(_colon("Pourquoi", " ".join(clause.explanations)), "Note_20_Small")
            yield Para(_colon("Sources", c.cite(clause.sources)), "Note_20_Small")
    yield Heading(2, "Annexe C. Les sources citées")
    if not c.cited:
        yield Para("La note ne cite aucune source.")
    for number, source_id in enumerate(c.cited, start=1):
        source = book.sources.get(source_id)
        if source is None:
            yield Para(f"[{number}] {source_id} (inconnue des règles)")
            continue
        flag = f" {quote('à vérifier')}" if source.to_verify else ""
        yield Para(f"[{number}] {source.title}{flag}", "Note_20_Label")
        yield Para(f"{source.issuer}, {_day(source.date)}. Référence{NBSP}: {source.reference}", "Note_20_Small")
    yield from _history(c)


def _history(c: NoteContent) -> Iterator[Block]:
    """Annex D, with the PDF's words (``assistant.reports.history``)."""
    from assistant.reports import history

    if c.history is None:
        return
    yield Heading(2, history.TITLE)
    yield Para(history.INTRO, "Note_20_Small")
    if not c.history.lines:
        yield Para(history.EMPTY)
        return
    yield TableBlock("Historique", [list(history.HEADER), *map(list, history.rows(c.history))], header=True)
    if c.history.older > 0:
        yield Para(history.older_line(c.history.older), "Note_20_Small")


def _day(value: str) -> str:
    try:
        return format_date(value)
    except ValueError:
        return value


def sections(c: NoteContent) -> Iterator[Block]:
    """Every block of the note, in the PDF's order."""
    yield from _head(c)
    yield from _attention(c)
    yield Heading(2, "2. Le besoin")
    yield from _step_facts(c, "besoin", "Besoin")
    yield from _reasoning(c)
    yield from _data(c)
    yield from _offers(c)
    yield from _procedure(c)
    yield from _signature(c)
    yield from _annexes(c)
