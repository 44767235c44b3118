"""The body of the note: title, summary, points of attention, need, reasoning, data, procedure, signature."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import unescape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from assistant.reports.context import NoteContext
from assistant.reports.styles import BLUE, GRID, LIGHT, WARN_BG, WARN_INK, cell_fonts, esc
from assistant.rulebook.french import format_date, format_eur, quote

NEED_FACTS = ("need.category", "need.users", "need.continuity_critical",
              "need.resilience_requires_internal_control")
DATA_PREFIXES = ("data.", "hosting.")
PROCEDURE_FACTS = ("procurement.estimated_amount_eur_ht", "procurement.nature",
                   "procurement.consultation_date",
                   "procurement.innovative", "procurement.central_purchasing", "buyer.central_authority",
                   "project.total_cost_eur")


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
    solutions = "<br/>".join(
        f"{esc(s.name)} ({esc(ctx.label('circle', s.circle).lower())})" for s in ev.solutions
    ) or "aucune"
    hosting = "<br/>".join(esc(ctx.label("hosting", h)) for h in ev.hosting) or "aucune exigence particulière"
    dinum = dinum_text(ctx)
    attention = f"{len(ev.warnings)} avertissement(s), {len(ev.missing)} réponse(s) manquante(s)"
    rows = [
        ("Voie retenue", f"<b>{esc(ctx.label('path', ev.path))}</b>"),
        ("Solution(s) mutualisée(s)", solutions),
        ("Sensibilité des données", esc(ctx.label("sensitivity", ev.sensitivity))),
        ("Exigences d'hébergement", hosting),
        ("Procédure", esc(ctx.label("procedure", ev.procedure))),
        ("Avis de la DINUM", esc(dinum)),
        ("Points d'attention", esc(attention)),
    ]
    return [ctx.heading("Synthèse"), _pairs_table(ctx, rows, label_width=0.3, background=LIGHT)]


def attention(ctx: NoteContext) -> list[Flowable]:
    ev = ctx.evaluation
    story: list[Flowable] = [ctx.heading("1. Points d'attention")]
    if not ev.warnings and not ev.missing:
        story.append(ctx.para("Aucun avertissement ; toutes les réponses utiles sont données."))
        return story
    rows = []
    for notice in ev.warnings:
        text = f"<b>Avertissement.</b> {esc(notice.message)}"
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
    facts = ctx.dossier.facts
    story: list[Flowable] = [ctx.heading("2. Le besoin")]
    story.append(ctx.markup("<b>Besoin exprimé en performance :</b> "
                            + esc(facts.get("need.statement") or "non renseigné")))
    story.append(ctx.markup("<b>Indicateurs de performance :</b> "
                            + esc(facts.get("need.performance_indicators") or "non renseignés")))
    rows = [(ctx.rulebook.fact_label(f), esc(ctx.answer(f))) for f in NEED_FACTS]
    story.append(_pairs_table(ctx, rows, label_width=0.55))
    return story


DERIVED = {
    "path": ("Voie", "path"),
    "sensitivity": ("Sensibilité", "sensitivity"),
    "hosting": ("Exigences d'hébergement", "hosting"),
    "procedure": ("Procédure", "procedure"),
    "secnumcloud_binding": ("Portée de l'exigence SecNumCloud", "secnumcloud_binding"),
    "mutualised_circle": ("Cercle de la solution mutualisée", "circle"),
    "mutualised_available": ("Solution mutualisée cataloguée pour ce besoin", ""),
}
"""Values the engine derives and cites in its reasons: the French noun and the label kind of each."""


def _because(ctx: NoteContext, item: str) -> str:
    """A trace reason (``fact = value``) in the buyer's words: question « answer »."""
    fact, sep, raw = str(item).partition(" = ")
    if not sep:
        return esc(item)
    value = _parse_value(raw)
    book = ctx.rulebook
    if fact.startswith("derived."):
        noun, kind = DERIVED.get(fact.removeprefix("derived."), ("", ""))
        if not noun:
            return esc(item)
        values = value if isinstance(value, list) else [value]
        shown = ", ".join(book.label(kind, v) if kind else book.value_label("", v) for v in values)
        return f"{esc(noun)} {esc(quote(shown))}"
    if book.question(fact) is None:
        return esc(item)
    return f"{esc(book.fact_label(fact))} {esc(quote(book.value_label(fact, value)))}"


def _parse_value(raw: str) -> Any:
    """The engine's ``show_value`` read back: ``true``, ``60000``, ``[a, b]``, ``text``."""
    if raw.startswith("[") and raw.endswith("]"):
        inner = raw[1:-1].strip()
        return [_parse_value(part.strip()) for part in inner.split(", ")] if inner else []
    if raw in ("true", "false"):
        return raw == "true"
    for kind in (int, float):
        try:
            return kind(raw)
        except ValueError:
            pass
    return raw


def reasoning(ctx: NoteContext) -> list[Flowable]:
    ev = ctx.evaluation
    story: list[Flowable] = [ctx.heading("3. Le raisonnement")]
    if not ev.trace:
        story.append(ctx.para("Aucune règle ne s'est appliquée."))
    for number, entry in enumerate(ev.trace, start=1):
        sentence = entry.explanation or f"{entry.rule} : {entry.outcome}"
        parts = [f"<b>{number}.</b> {esc(sentence)}"]
        if entry.because:
            reasons = " ; ".join(_because(ctx, item) for item in entry.because)
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
        for item in ev.hosting:
            story.append(ctx.markup(f"• {esc(ctx.label('hosting', item))}", "body"))
    else:
        story.append(ctx.markup("<b>Exigences d'hébergement :</b> aucune exigence particulière."))
    secnumcloud = ev.details.get("secnumcloud", {})
    if secnumcloud.get("applies") and secnumcloud.get("binding"):
        binding = ctx.label("secnumcloud_binding", secnumcloud["binding"])
        story.append(ctx.markup(f"<b>Exigence SecNumCloud (article 31 de la loi SREN) :</b> {esc(binding)}"))
    facts = [q.id for q in ctx.rulebook.questions if q.id.startswith(DATA_PREFIXES)]
    story.append(_pairs_table(ctx, [(ctx.rulebook.fact_label(f), esc(ctx.answer(f))) for f in facts],
                              label_width=0.55))
    return story


def _threshold_text(ctx: NoteContext, item: dict[str, Any]) -> str:
    """A parameter value from the engine's details: label, amount, period of validity, sources."""
    value = item.get("value")
    amount = format_eur(value, item.get("unit") or None) if isinstance(value, int | float) else str(value)
    start, end = item.get("from"), item.get("to")
    period = ""
    if start and end:
        period = f"en vigueur du {format_date(start)} au {format_date(end)}"
    elif start:
        period = f"en vigueur depuis le {format_date(start)}"
    text = f"<b>{esc(item.get('label') or item.get('id') or '')}</b> : {esc(amount)}"
    if period:
        text += f" ({esc(period)})"
    if item.get("sources"):
        text += f"<br/><font size=7.5>Sources : {ctx.cite(item['sources'])}</font>"
    return text


def dinum_text(ctx: NoteContext) -> str:
    """The DINUM opinion in words; « non déterminé » when the answer that decides it is missing."""
    ev = ctx.evaluation
    if ev.dinum_opinion == "undetermined" and "project.total_cost_eur" in ev.missing:
        return "Non déterminé : le coût total prévisionnel du projet manque"
    return ctx.label("dinum_opinion", ev.dinum_opinion)


def procedure(ctx: NoteContext) -> list[Flowable]:
    ev = ctx.evaluation
    details = ev.details.get("procedure", {})
    story: list[Flowable] = [ctx.heading("6. La procédure")]
    story.append(ctx.markup(f"<b>Procédure :</b> {esc(ctx.label('procedure', ev.procedure))}"))
    rule = details.get("rule")
    applied = next((t for t in ev.trace if t.rule == rule), None)
    if applied is not None and applied.explanation:
        story.append(ctx.para(applied.explanation))
    story.append(ctx.markup(f"<b>Avis de la DINUM :</b> {esc(dinum_text(ctx))}"))
    rows = [(ctx.rulebook.fact_label(f), esc(ctx.answer(f))) for f in PROCEDURE_FACTS
            if ctx.rulebook.question(f) is not None]
    story.append(_pairs_table(ctx, rows, label_width=0.55))
    story.append(ctx.heading("Seuils appliqués", 1))
    thresholds = list(details.get("thresholds", []))
    if details.get("consultation_date"):
        story.append(ctx.para(f"Seuils de la commande publique en vigueur à la date de consultation, le "
                              f"{format_date(details['consultation_date'])} (montants hors taxes) :"))
    for item in thresholds:
        story.append(ctx.markup(_threshold_text(ctx, item)))
    dinum = ev.details.get("dinum_opinion", {}).get("threshold")
    if dinum:
        day = format_date(ctx.as_of)
        story.append(ctx.para(f"Seuil de l'avis de la DINUM, lu à la date d'évaluation ({day}) :"))
        story.append(ctx.markup(_threshold_text(ctx, dinum)))
    if not thresholds and not dinum:
        story.append(ctx.para("Aucun seuil n'a été appliqué."))
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
