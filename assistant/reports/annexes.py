"""Annex A (every answer, in the rulebook's order), annex B (the clauses the conclusion calls for, grouped by
consultation document) and annex C (the sources cited in the note)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from assistant.reports.context import NoteContext
from assistant.reports.styles import BLUE, GRID, LIGHT, cell_fonts, esc
from assistant.rulebook.french import format_source_date, quote


def grid_table(ctx: NoteContext, header: tuple[str, ...], rows: Sequence[Sequence[str]],
               shares: tuple[float, ...] = (0.58, 0.42)) -> Table:
    """A table of the annexes: a tinted header row, one line under each row; ``shares`` of the width."""
    widths = [ctx.width * share for share in shares]
    data = [[ctx.para(name, "cell_bold") for name in header]]
    data += [[ctx.cell(value, width=width) for value, width in zip(row, widths, strict=True)] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([
        *cell_fonts(ctx.styles),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, BLUE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


UNKNOWN_SHOWN = 300
"""Characters shown of an answer the rules do not know (kept whole in the dossier, not used by the rules)."""


def _shown(value: object) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    if len(text) <= UNKNOWN_SHOWN:
        return text
    return f"{text[:UNKNOWN_SHOWN]}… (extrait\u00a0: {len(text)} caractères, conservés dans le dossier)"


def answers(ctx: NoteContext) -> list[Flowable]:
    book, dossier = ctx.rulebook, ctx.dossier
    story: list[Flowable] = [PageBreak(), ctx.heading("Annexe A. Les réponses du dossier")]
    rows = [(q.label, ctx.answer(q.id)) for q in book.questions]
    story.append(grid_table(ctx, ("Question", "Réponse"), rows))
    unknown = [(fact, _shown(value)) for fact, value in dossier.facts.items() if book.question(fact) is None]
    if unknown:
        story.append(ctx.heading("Réponses que ces règles ne connaissent pas", 1))
        story.append(ctx.para("Le dossier contient ces réponses, conservées telles quelles ; les règles en "
                              "vigueur ne les utilisent pas.", "small"))
        story.append(grid_table(ctx, ("Identifiant", "Valeur"), unknown))
    for candidate in dossier.candidates:
        story.append(ctx.heading(f"Offre : {candidate.name}", 1))
        rows = [(q.label, ctx.answer(q.id, candidate.facts)) for q in book.candidate_questions]
        rows += [(fact, _shown(value)) for fact, value in candidate.facts.items()
                 if fact not in book.candidate_questions_by_id]
        story.append(grid_table(ctx, ("Question", "Réponse"), rows))
    return story


SECTIONS = (("cctp", "Cahier des clauses techniques particulières (CCTP)"),
            ("ccap", "Cahier des clauses administratives particulières (CCAP)"))


def clauses(ctx: NoteContext) -> list[Flowable]:
    """The clauses to write into the consultation documents, each with the reason that calls for it."""
    story: list[Flowable] = [ctx.heading("Annexe B. Clauses à insérer dans le dossier de consultation")]
    left_out = ctx.dossier.extra.get("clauses_left_out")
    texts = [c for c in ctx.evaluation.clause_texts if not (isinstance(left_out, list) and c.id in left_out)]
    if not texts:
        story.append(ctx.para("La conclusion n'appelle aucune clause particulière."))
        return story
    story.append(ctx.para("Textes proposés, à adapter au marché ; chacun dit la règle qui l'appelle.", "small"))
    for section, title in SECTIONS:
        chosen = [c for c in texts if c.section == section]
        if not chosen:
            continue
        story.append(ctx.heading(title, 1))
        for clause in chosen:
            story.append(ctx.markup(f"<b>{esc(clause.title)}</b>"))
            story.append(ctx.para(clause.text, "quote"))
            why = " ".join(clause.explanations)
            story.append(ctx.markup(f"<font size=8>Pourquoi : {esc(why)}<br/>"
                                    f"Sources : {ctx.cite(clause.sources)}</font>"))
    return story


def sources(ctx: NoteContext) -> list[Flowable]:
    story: list[Flowable] = [ctx.heading("Annexe C. Les sources citées")]
    if not ctx.cited:
        story.append(ctx.para("La note ne cite aucune source."))
        return story
    for number, source_id in enumerate(ctx.cited, start=1):
        source = ctx.rulebook.sources.get(source_id)
        if source is None:
            story.append(ctx.markup(f"<b>[{number}]</b> {esc(source_id)} <i>(inconnue des règles)</i>"))
            continue
        when = format_source_date(source.date)
        text = f"<b>[{number}] {esc(source.title)}</b>"
        if source.to_verify:
            text += f" <font color='#8a3c00'><b>{esc(quote('à vérifier'))}</b></font>"
        text += f"<br/>{esc(source.issuer)}, {esc(when)}. Référence : {esc(source.reference)}"
        story.append(ctx.markup(text))
    return story
