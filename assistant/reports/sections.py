"""The body of the note: title, summary, points of attention, need, reasoning, data, procedure, signature."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import unescape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from assistant.domain import AppliedParameter, Reason
from assistant.reports.context import NoteContext
from assistant.reports.styles import BLUE, GRID, LIGHT, WARN_BG, WARN_INK, cell_fonts, esc
from assistant.rulebook.french import format_date, format_eur, quote
from assistant.rulebook.summary import hosting_status, reason_text, summary_row, summary_rows


def _pairs_table(ctx: NoteContext, rows: list[tuple[str, str]], *, label_width: float = 0.36,
                 background: Any = None) -> Table:
    """A two-column table of (plain label, value markup)."""
    widths = [ctx.width * label_width, ctx.width * (1 - label_width)]
    data = [[ctx.cell(label, "cell_bold", widths[0]), _value_cell(ctx, value, widths[1])] for label, value in rows]
    table = Table(data, colWidths=widths, splitInRow=1)  # a cell taller than a page is split
    style = [
        *cell_fonts(ctx.styles, bold_columns=(0,)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -2), 0.25, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if background is not None:
        style += [("BACKGROUND", (0, 0), (-1, -1), background), ("BOX", (0, 0), (-1, -1), 0.8, BLUE)]
    table.setStyle(TableStyle(style))
    return table


def _value_cell(ctx: NoteContext, markup: str, width: float) -> Any:
    if "<" in markup:
        return ctx.markup(markup, "cell")
    return ctx.cell(unescape(markup), "cell", width)


def title_block(ctx: NoteContext, author: str) -> list[Flowable]:
    dossier = ctx.dossier
    story: list[Flowable] = [ctx.para("Note de décision d'achat numérique", "subtitle"),
                             ctx.para(dossier.title, "title")]
    lines = []
    if dossier.organisation:
        lines.append(f"<b>Organisme :</b> {esc(dossier.organisation)}")
    lines.append(f"<b>Évaluation au :</b> {esc(format_date(ctx.as_of))}")
    if author:
        lines.append(f"<b>Rédigée par :</b> {esc(author)}")
    book = ctx.rulebook
    lines.append(f"<b>Règles :</b> {esc(book.title)}, version {esc(book.version)}")
    story.append(ctx.markup("<br/>".join(lines)))
    story.append(Spacer(1, 4))
    return story


def summary_box(ctx: NoteContext) -> list[Flowable]:
    ev = ctx.evaluation
    rows = []
    for row in summary_rows(ctx.rulebook, ev):
        value = "<br/>".join(esc(v) for v in row.values) or esc(row.empty)
        rows.append((row.name, f"<b>{value}</b>" if row.key == "path" else value))
    attention = f"{len(ev.warnings)} avertissement(s), {len(ev.missing)} réponse(s) manquante(s)"
    rows.append(("Points d'attention", esc(attention)))
    return [ctx.heading("Synthèse"), _pairs_table(ctx, rows, label_width=0.3, background=LIGHT)]


def attention(ctx: NoteContext) -> list[Flowable]:
    ev = ctx.evaluation
    story: list[Flowable] = [ctx.heading("1. Points d'attention")]
    if not ev.warnings and not ev.missing:
        story.append(ctx.para("Aucun avertissement ; toutes les réponses utiles sont données."))
        return story
    rows = []
    for notice in ev.warnings:
        kind = "Source à vérifier." if notice.id == "source.unverified" else "Avertissement."
        text = f"<b>{kind}</b> {esc(notice.message)}"
        if notice.sources:
            text += f"<br/><font size=7.5>Sources : {ctx.cite(notice.sources)}</font>"
        rows.append([ctx.markup(text, "cell")])
    for fact in ev.missing:
        rows.append([ctx.markup(f"<b>Réponse manquante.</b> {esc(ctx.rulebook.fact_label(fact))} "
                                f"<font size=7.5>({esc(fact)})</font>", "cell")])
    table = Table(rows, colWidths=[ctx.width])
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), WARN_BG),
        ("LINEBEFORE", (0, 0), (0, -1), 2.5, WARN_INK),
        ("LINEBELOW", (0, 0), (-1, -2), 0.25, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    story.append(table)
    return story


def need(ctx: NoteContext) -> list[Flowable]:
    return [ctx.heading("2. Le besoin"), *_step_facts(ctx, "besoin")]


def _because(ctx: NoteContext, reason: Reason) -> str:
    """A trace reason (a fact and its value) in the buyer's words: question « answer »."""
    return esc(reason_text(ctx.rulebook, reason))


def reasoning(ctx: NoteContext) -> list[Flowable]:
    ev = ctx.evaluation
    story: list[Flowable] = [ctx.heading("3. Le raisonnement")]
    if not ev.trace:
        story.append(ctx.para("Aucune règle ne s'est appliquée."))
    for number, entry in enumerate(ev.trace, start=1):
        sentence = entry.explanation or f"{entry.rule} : {entry.outcome}"
        parts = [f"<b>{number}.</b> {esc(sentence)}"]
        if entry.reasons:
            reasons = " ; ".join(_because(ctx, reason) for reason in entry.reasons)
            parts.append(f"<font size=8>Parce que : {reasons}.</font>")
        if entry.sources:
            parts.append(f"<font size=8>Sources : {ctx.cite(entry.sources)}</font>")
        story.append(ctx.markup("<br/>".join(parts)))
    justifications = [(k, v) for k, v in ctx.dossier.justifications.items() if str(v).strip()]
    story.append(ctx.heading("Justifications de l'acheteur", 1))
    if not justifications:
        story.append(ctx.para("L'acheteur n'a écrit aucune justification."))
    for fact, text in justifications:
        story.append(ctx.markup(f"<b>{esc(ctx.rulebook.fact_label(fact))}</b>"))
        story.append(ctx.para(quote(text), "quote"))
    return story


def data_hosting(ctx: NoteContext) -> list[Flowable]:
    ev = ctx.evaluation
    story: list[Flowable] = [ctx.heading("4. Données et hébergement")]
    story.append(ctx.markup(f"<b>Sensibilité :</b> {esc(ctx.label('sensitivity', ev.sensitivity))}"))
    if ev.hosting:
        story.append(ctx.markup("<b>Exigences d'hébergement :</b>"))
        for item, status in ev.hosting_check or tuple((h, "to_check") for h in ev.hosting):
            state = hosting_status(ctx.rulebook, item, status)
            story.append(ctx.markup(f"• {esc(ctx.label('hosting', item))} : <i>{esc(state)}</i>", "body"))
    else:
        story.append(ctx.markup("<b>Exigences d'hébergement :</b> aucune exigence particulière."))
    secnumcloud = ev.details.secnumcloud
    if secnumcloud is not None and secnumcloud.applies and secnumcloud.binding:
        binding = ctx.label("secnumcloud_binding", secnumcloud.binding)
        story.append(ctx.markup(f"<b>Exigence SecNumCloud (article 31 de la loi SREN) :</b> {esc(binding)}"))
    story += _step_facts(ctx, "donnees")
    return story


def _threshold_text(ctx: NoteContext, item: AppliedParameter) -> str:
    """A parameter value from the engine's details: label, amount, period of validity, sources."""
    amount = format_eur(item.value, item.unit or None)
    start, end = item.valid_from, item.valid_to
    period = ""
    if start and end:
        period = f"en vigueur du {format_date(start)} au {format_date(end)}"
    elif start:
        period = f"en vigueur depuis le {format_date(start)}"
    text = f"<b>{esc(item.label or item.id)}</b> : {esc(amount)}"
    if period:
        text += f" ({esc(period)})"
    if item.read_on:
        day = "date de consultation" if item.basis == "consultation" else "date d'évaluation"
        text += f", lu à la {day} ({esc(format_date(item.read_on))})"
    if item.sources:
        text += f"<br/><font size=7.5>Sources : {ctx.cite(item.sources)}</font>"
    return text


def procedure(ctx: NoteContext) -> list[Flowable]:
    ev = ctx.evaluation
    story: list[Flowable] = [ctx.heading("6. La procédure")]
    story.append(ctx.markup(f"<b>Procédure :</b> {esc(ctx.label('procedure', ev.procedure))}"))
    rule = ev.details.procedure.rule if ev.details.procedure else None
    applied = next((t for t in ev.trace if t.rule == rule), None)
    if applied is not None and applied.explanation:
        story.append(ctx.para(applied.explanation))
    story.append(ctx.markup(f"<b>Avis de la DINUM :</b> {esc(summary_row(ctx.rulebook, ev, 'dinum_opinion').text)}"))
    story += _step_facts(ctx, "procedure")
    story.append(ctx.heading("Seuils appliqués", 1))
    if ev.details.parameters:
        story.append(ctx.para("Les seuils et paramètres datés auxquels les règles appliquées ont comparé les "
                              "réponses du dossier (montants hors taxes sauf mention contraire) :"))
    else:
        story.append(ctx.para("Aucun seuil n'a été appliqué."))
    for item in ev.details.parameters:
        story.append(ctx.markup(_threshold_text(ctx, item)))
    return story


def _step_facts(ctx: NoteContext, step_id: str) -> list[Flowable]:
    """The answers the rulebook shows in the note's body for a step: texts as paragraphs, the rest as a table."""
    step = ctx.rulebook.step(step_id)
    facts = [f for f in (step.note_facts if step else ()) if ctx.rulebook.question(f) is not None]
    story: list[Flowable] = []
    rows = []
    for fact in facts:
        question = ctx.rulebook.question(fact)
        if question is not None and question.type == "text":
            value = ctx.dossier.facts.get(fact)
            shown = value if isinstance(value, str) and value.strip() else "non renseigné"
            label = step.note_labels.get(fact, question.label) if step else question.label
            story.append(ctx.markup(f"<b>{esc(label)} :</b> {esc(shown)}"))
        else:
            label = step.note_labels.get(fact, ctx.rulebook.fact_label(fact)) if step else fact
            rows.append((label, esc(ctx.answer(fact))))
    if rows:
        story.append(_pairs_table(ctx, rows, label_width=0.55))
    return story


def signature(ctx: NoteContext, author: str) -> list[Flowable]:
    head = [ctx.para("", "cell"), ctx.para("L'acheteur", "cell_bold"), ctx.para("Validation", "cell_bold")]
    rows = [head]
    for label, first in (("Nom", author), ("Fonction", ""), ("Date", ""), ("Signature", "")):
        rows.append([ctx.para(label, "cell_bold"), ctx.para(first, "cell"), ctx.para("", "cell")])
    column = (ctx.width - 30 * mm) / 2
    table = Table(rows, colWidths=[30 * mm, column, column],
                  rowHeights=[None, 9 * mm, 9 * mm, 9 * mm, 28 * mm])
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
    ]))
    return [KeepTogether([ctx.heading("7. Décision et signatures"),
                          ctx.para("Je, soussigné(e), arrête le choix décrit dans la présente note."),
                          table])]
