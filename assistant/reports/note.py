"""``build_note``: the decision note of a dossier as PDF bytes, a pure function of its inputs."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from assistant.domain import limits
from assistant.domain.limits import printable
from assistant.reports import annexes, offers, sections
from assistant.reports.context import NoteContext
from assistant.reports.document import render
from assistant.reports.fonts import register_fonts
from assistant.reports.history import annex as history_annex
from assistant.reports.page import MARGIN, PageDecor
from assistant.reports.styles import make_styles
from assistant.rulebook.french import format_date

if TYPE_CHECKING:
    from assistant.domain import Dossier, Evaluation
    from assistant.domain.history import DossierHistory
    from assistant.rulebook import Rulebook

DIGEST_SHOWN = 12
"""Hexadecimal digits of the rulebook digest printed in the footer."""


def short_digest(digest: str) -> str:
    """``sha256:0123456789abcdef…`` → ``sha256:0123456789ab…``."""
    algorithm, sep, value = digest.partition(":")
    if not sep:
        algorithm, value = "", digest
    shown = value[:DIGEST_SHOWN] + ("…" if len(value) > DIGEST_SHOWN else "")
    return f"{algorithm}:{shown}" if algorithm else shown


def _readable_logo(logo: Path | None) -> str | None:
    """The logo's path when reportlab can read it; otherwise a warning on stderr and no logo."""
    if logo is None:
        return None
    from reportlab.lib.utils import ImageReader

    try:
        ImageReader(str(logo)).getSize()
    except Exception:  # a broken logo must not cost the buyer the note
        print(f"Avertissement : le logo {logo} n'est pas une image lisible ; la note est produite sans lui.",
              file=sys.stderr)
        return None
    return str(logo)


def _within_limits(dossier: Dossier) -> Dossier:
    """The dossier as the note shows it: a text longer than its limit (stored by an older version, which
    had none) is cut, so that no text costs minutes of layout."""
    from assistant.domain import Candidate

    def text(value: object, maximum: int) -> object:
        return limits.clipped(value, maximum) if isinstance(value, str) else value

    return replace(
        dossier,
        title=limits.clipped(dossier.title, limits.TITLE_MAX),
        organisation=limits.clipped(dossier.organisation, limits.ORGANISATION_MAX),
        facts={k: text(v, limits.TEXT_ANSWER_MAX) for k, v in dossier.facts.items()},
        justifications={k: limits.clipped(str(v), limits.JUSTIFICATION_MAX)
                        for k, v in list(dossier.justifications.items())[: limits.JUSTIFICATIONS_MAX]},
        candidates=[Candidate(limits.clipped(c.name, limits.OFFER_NAME_MAX),
                              {k: text(v, limits.OTHER_TEXT_MAX) for k, v in c.facts.items()}, c.scores, c.extra)
                    for c in dossier.candidates],
    )


def build_note(
    dossier: Dossier,
    evaluation: Evaluation,
    rulebook: Rulebook,
    *,
    as_of: date,
    author: str = "",
    organisation: str = "",
    watermark: str | None = None,
    logo: Path | None = None,
    history: DossierHistory | None = None,
) -> bytes:
    """The PDF decision note; the same dossier, evaluation, rulebook and arguments give the same bytes.
    ``history``: the dossier's journal in words (annex D), for a stored dossier."""
    register_fonts()
    from reportlab.lib.pagesizes import A4

    dossier = _within_limits(dossier)

    ctx = NoteContext(dossier, evaluation, rulebook, as_of, make_styles(), A4[0] - 2 * MARGIN)
    story: list[Flowable] = []
    story += sections.title_block(ctx, author)
    story += sections.summary_box(ctx)
    story += sections.attention(ctx)
    story += sections.need(ctx)
    story += sections.reasoning(ctx)
    story += sections.data_hosting(ctx)
    story += offers.offers(ctx)
    story += sections.procedure(ctx)
    story += sections.signature(ctx, author)
    story += annexes.answers(ctx)
    story += annexes.clauses(ctx)
    story += annexes.sources(ctx)
    story += history_annex(ctx, history)

    ref = evaluation.rulebook
    evaluated = format_date(ref.as_of) if ref.as_of else format_date(as_of)
    decor = PageDecor(
        title=printable(dossier.title),
        header_left=printable(organisation or dossier.organisation),
        header_right="Note de décision d'achat numérique",
        rules_line=f"Règles : {ref.id} {ref.version} ({short_digest(ref.digest)})",
        evaluated_line=f"Évalué au {evaluated}",
        watermark=watermark or None,
        logo=_readable_logo(logo),
    )
    metadata = {
        "title": printable(dossier.title),
        "author": printable(author or organisation or dossier.organisation),
        "subject": f"Note de décision : {rulebook.label('path', evaluation.path)}",
        "keywords": ["achat numérique", ref.id, ref.version],
    }
    return render(story, decor, metadata=metadata, as_of=as_of)
