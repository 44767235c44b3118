"""Section 5: the market offers, a table whose header repeats on every page, and a chart."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from assistant.domain import CandidateResult, Evaluation
from assistant.reports.chart import GROUPED_LIMIT, grouped_chart, totals_chart
from assistant.reports.context import NoteContext
from assistant.reports.styles import BLUE, GRID, LIGHT, esc
from assistant.rulebook.french import format_number

BARS_PER_CHART = 50
"""Offers per chart of totals: 50 bars fit on a page; more offers make several charts."""
APART_BG = colors.HexColor("#f2f2f2")
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
    facts_of = {c.name: c.facts for c in dossier.candidates}
    labels = {c.id: c.label for c in criteria}
    header = [ctx.para(text, "cell_bold") for text in HEADER]
    rows = [header]
    eligible, apart = ordered(ev)
    separator = None
    for result in [*eligible, *apart]:
        if result is (apart[0] if apart else None):
            separator = len(rows)
            rows.append([ctx.para("Offres non éligibles (hors classement)", "cell_bold"), "", "", "", ""])
        eligibility = book.label("offer_status", result.status)
        if ev.retained is not None and ev.retained.name == result.name:
            eligibility += " — retenue"
        if result.name in ev.ranking:
            eligibility += f" (rang {ev.ranking.index(result.name) + 1})"
        blocking = [esc(book.label("blocking", b)) for b in result.blocking]
        blocking += [f"<i>À vérifier :</i> {esc(book.label('blocking', u))}" for u in result.undetermined]
        blocking += [f"<i>Recommandation à vérifier :</i> {esc(book.label('blocking', u))}" for u in result.to_check]
        scores = scores_of.get(result.name, {})
        notes = " · ".join(f"{esc(c.label)}\u00a0{esc(format_number(scores[c.id]))}" for c in criteria
                           if c.id in scores) or "aucune note"
        unscored = ev.details.offer(result.name).unscored
        if unscored and len(unscored) < len(criteria):
            missing = ", ".join(labels.get(u, u) for u in unscored)
            notes += f"<br/><i>Non notés (exclus du total) :</i> {esc(missing)}"
        info = _information(ctx, facts_of.get(result.name, {}))
        if info:
            notes += f"<br/><i>Pour information :</i> {esc(info)}"
        total = _score(result.score)
        rows.append([
            ctx.para(result.name, "cell"),
            ctx.para(eligibility, "cell_bold" if result.eligible else "cell"),
            ctx.markup("<br/>".join(blocking) or "aucune", "cell"),
            ctx.markup(f"<font size=7.5>{notes}</font>", "cell"),
            ctx.para(total, "cell_bold") if result.eligible else ctx.markup(f"<i>{esc(total)}</i>", "cell"),
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
    if separator is not None:
        style += [
            ("SPAN", (0, separator), (-1, separator)),
            ("LINEABOVE", (0, separator), (-1, separator), 0.8, BLUE),
            ("BACKGROUND", (0, separator + 1), (-1, -1), APART_BG),
            ("TEXTCOLOR", (0, separator + 1), (-1, -1), colors.HexColor("#555555")),
        ]
    table.setStyle(TableStyle(style))
    story.append(table)
    story.append(Spacer(1, 6))
    story += _chart(ctx)
    return story


def _information(ctx: NoteContext, facts: dict[str, object]) -> str:
    """The offer facts that no rule uses (``labels.yaml``'s ``offer_information``), shown for information."""
    book = ctx.rulebook
    shown = book.labels.get("offer_information", {})
    return " ; ".join(f"{label} : {book.value_label(fact, facts[fact])}" for fact, label in shown.items()
                      if fact in facts)


def ordered(ev: Evaluation) -> tuple[list[CandidateResult], list[CandidateResult]]:
    """The eligible offers in ranking order, then the others (blocked or undecided) in their own order."""
    by_name = {c.name: c for c in ev.candidates}
    eligible = [by_name[name] for name in ev.ranking if name in by_name]
    apart = [c for c in ev.candidates if c.name not in ev.ranking]
    return eligible, apart


def _chart(ctx: NoteContext) -> list[Flowable]:
    """The eligible offers in ranking order, then the others drawn apart (grey, after a separator, their
    name marked « hors classement »)."""
    ev, dossier = ctx.evaluation, ctx.dossier
    eligible, apart = ordered(ev)
    results = [*eligible, *apart]
    if not results:
        return []
    names = [c.name for c in results]
    labels = names[: len(eligible)] + [f"{name} (non éligible)" for name in names[len(eligible):]]
    totals = [c.score or 0.0 for c in results]
    if len(names) > GROUPED_LIMIT:
        story: list[Flowable] = [ctx.heading("Total pondéré par offre", 1)]
        for start in range(0, len(labels), BARS_PER_CHART):  # a chart taller than a page cannot be laid out
            end = start + BARS_PER_CHART
            apart_from = max(0, len(eligible) - start) if len(eligible) < end else None
            story.append(totals_chart(labels[start:end], totals[start:end], ctx.width, apart_from=apart_from))
        return story
    scores_of = {c.name: c.scores for c in dossier.candidates}
    used = [c for c in ctx.rulebook.criteria if any(c.id in scores_of.get(n, {}) for n in names)]
    series = [(c.label, [float(scores_of.get(n, {}).get(c.id, 0)) for n in names]) for c in used]
    series.append(("Total pondéré", totals))
    drawing = grouped_chart(labels, series, ctx.width, apart_from=len(eligible))
    return [ctx.heading("Notes par critère et total pondéré", 1), drawing]
