"""Section 5: the market offers, a table whose header repeats on every page, and a chart."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from assistant.reports.chart import GROUPED_LIMIT, grouped_chart, totals_chart
from assistant.reports.context import NoteContext
from assistant.reports.styles import BLUE, GRID, LIGHT, esc
from assistant.rulebook.french import format_number

BARS_PER_CHART = 50
"""Offers per chart of totals: 50 bars fit on a page; more offers make several charts."""
HEADER = ("Offre", "Éligibilité", "Exigences non satisfaites", "Notes par critère (sur 5)", "Total pondéré")


def _score(value: float | None) -> str:
    return "—" if value is None else format_number(round(value, 2))


def offers(ctx: NoteContext) -> list[Flowable]:
    ev, dossier, book = ctx.evaluation, ctx.dossier, ctx.rulebook
    story: list[Flowable] = [ctx.heading("5. Les offres du marché")]
    if not dossier.candidates and not ev.candidates:
        story.append(ctx.para("Aucune offre du marché n'a été saisie dans le dossier."))
        return story
    criteria = list(book.criteria)
    weights = ", ".join(f"{c.label}\u00a0{format_number(dossier.weights.get(c.id, 1))}" for c in criteria)
    story.append(ctx.markup(f"<b>Poids retenus par l'acheteur :</b> {esc(weights)}."))
    if book.criteria_note:
        story.append(ctx.para(book.criteria_note, "small"))
    scores_of = {c.name: c.scores for c in dossier.candidates}
    labels = {c.id: c.label for c in criteria}
    header = [ctx.para(text, "cell_bold") for text in HEADER]
    rows = [header]
    for result in ev.candidates:
        eligibility = book.label("offer_status", result.status)
        blocking = [esc(book.label("blocking", b)) for b in result.blocking]
        blocking += [f"<i>À vérifier :</i> {esc(book.label('blocking', u))}" for u in result.undetermined]
        scores = scores_of.get(result.name, {})
        notes = " · ".join(f"{esc(c.label)}\u00a0{esc(format_number(scores[c.id]))}" for c in criteria
                           if c.id in scores) or "aucune note"
        unscored = ev.details.offer(result.name).unscored
        if unscored and len(unscored) < len(criteria):
            missing = ", ".join(labels.get(u, u) for u in unscored)
            notes += f"<br/><i>Non notés (exclus du total) :</i> {esc(missing)}"
        rows.append([
            ctx.para(result.name, "cell"),
            ctx.para(eligibility, "cell_bold" if result.eligible else "cell"),
            ctx.markup("<br/>".join(blocking) or "aucune", "cell"),
            ctx.markup(f"<font size=7.5>{notes}</font>", "cell"),
            ctx.para(_score(result.score), "cell_bold"),
        ])
    widths = [34 * mm, 21 * mm, 48 * mm, None, 19 * mm]
    widths[3] = ctx.width - sum(w for w in widths if w is not None)
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, BLUE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (4, 0), (4, -1), "RIGHT"),
    ]
    table.setStyle(TableStyle(style))
    story.append(table)
    story.append(Spacer(1, 6))
    story += _chart(ctx)
    return story


def _chart(ctx: NoteContext) -> list[Flowable]:
    ev, dossier = ctx.evaluation, ctx.dossier
    names = [c.name for c in ev.candidates]
    if not names:
        return []
    if len(names) > GROUPED_LIMIT:
        totals = [c.score or 0.0 for c in ev.candidates]
        story: list[Flowable] = [ctx.heading("Total pondéré par offre", 1)]
        for start in range(0, len(names), BARS_PER_CHART):  # a chart taller than a page cannot be laid out
            end = start + BARS_PER_CHART
            story.append(totals_chart(names[start:end], totals[start:end], ctx.width))
        return story
    scores_of = {c.name: c.scores for c in dossier.candidates}
    used = [c for c in ctx.rulebook.criteria if any(c.id in scores_of.get(n, {}) for n in names)]
    series = [(c.label, [float(scores_of.get(n, {}).get(c.id, 0)) for n in names]) for c in used]
    series.append(("Total pondéré", [c.score or 0.0 for c in ev.candidates]))
    return [ctx.heading("Notes par critère et total pondéré", 1), grouped_chart(names, series, ctx.width)]
