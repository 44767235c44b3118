"""Editing a dossier: a dossier evaluated under an older rulebook is evaluated anew, and the journal says so;
the retained offer is stored with the dossier."""

from __future__ import annotations

from pathlib import Path

from assistant.exchange import read_dossier_file
from assistant.services import editing, library

EXAMPLES = Path(__file__).parents[1] / "fixtures" / "examples"


def test_a_dossier_evaluated_under_2026_11_is_evaluated_anew_and_the_journal_records_it(ctx) -> None:  # type: ignore[no-untyped-def]
    dossier_id = library.create_dossier(ctx, "Ancien dossier")
    ctx.repository.record_evaluation(dossier_id, "2026.11", "sha256:ancien", "buy_market", log=True)
    evaluation = editing.evaluate_and_record(ctx, dossier_id)
    assert evaluation.rulebook.version == "2026.12"
    entries = library.journal(ctx, dossier_id)
    changed = [e for e in entries if e.kind == "rulebook_changed"]
    assert len(changed) == 1 and "2026.11" in changed[0].detail and "2026.12" in changed[0].detail
    assert changed[0].label == "Nouvelle version du référentiel"
    editing.evaluate_and_record(ctx, dossier_id)  # same version again: no new entry
    assert len([e for e in library.journal(ctx, dossier_id) if e.kind == "rulebook_changed"]) == 1


def test_the_retained_offer_is_stored_with_the_dossier(ctx) -> None:  # type: ignore[no-untyped-def]
    dossier = read_dossier_file(EXAMPLES / "rendez-vous-commune.json")
    dossier_id = ctx.repository.add(dossier)
    assert library.get_dossier(ctx, dossier_id).retained == "Agenda A"
    editing.set_retained(ctx, dossier_id, "Agenda B")
    stored = library.get_dossier(ctx, dossier_id)
    assert stored.retained == "Agenda B"
    assert editing.evaluate_dossier(ctx, stored).retained is not None
    editing.set_retained(ctx, dossier_id, None)
    assert library.get_dossier(ctx, dossier_id).retained is None
