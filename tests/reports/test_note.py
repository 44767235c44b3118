"""The PDF decision note, built from the example dossiers and read back with pypdf."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from assistant.engine import evaluate
from assistant.reports import build_note, short_digest
from tests.reports.helpers import AS_OF, example, flat, many_offers, note, pages_text

EXAMPLES = ["plateforme-donnees-sante", "messagerie-operateur", "gestion-enquetes-dr", "visio-prefecture"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_note_holds_summary_reasons_annexes_and_footer(rulebook, name: str) -> None:  # type: ignore[no-untyped-def]
    dossier = example(name)
    evaluation = evaluate(rulebook, dossier, AS_OF)
    pdf = build_note(dossier, evaluation, rulebook, as_of=AS_OF, author="Jeanne Martin")
    pages = pages_text(pdf)
    text = " ".join(pages)
    total = len(pages)
    assert flat(dossier.title) in pages[0]
    for kind, value in (("path", evaluation.path), ("sensitivity", evaluation.sensitivity),
                        ("procedure", evaluation.procedure)):
        assert flat(rulebook.label(kind, value)) in text
    for label in evaluation.hosting:
        assert flat(rulebook.label("hosting", label)) in text
    assert evaluation.trace
    for entry in evaluation.trace:
        assert flat(entry.explanation) in text
        for source in entry.sources:
            assert flat(rulebook.sources[source].title) in text
    for fact, justification in dossier.justifications.items():
        assert flat(justification) in text
        assert flat(rulebook.fact_label(fact)) in text
    for fact in evaluation.missing:
        assert flat(rulebook.fact_label(fact)) in text
    for notice in evaluation.warnings:
        assert flat(notice.message) in text
    assert "Annexe A. Les réponses du dossier" in text
    assert "Annexe C. Les sources citées" in text
    for question in rulebook.questions:
        assert flat(question.label) in text
    digest = short_digest(rulebook.digest)
    assert digest.startswith("sha256:") and digest.endswith("…") and len(digest) < 30
    for number, page in enumerate(pages, start=1):
        assert f"page {number}/{total}" in page
        assert f"Règles : doctrine-etat {rulebook.version} ({digest})" in page
        assert "Évalué au 30 novembre 2026" in page
    assert "Jeanne Martin" in pages[0]


def test_to_verify_sources_are_flagged_in_annex_b(rulebook) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(pages_text(note(rulebook, example("plateforme-donnees-sante"))))
    annex = text[text.index("Annexe C. Les sources citées"):]
    assert "Décret n° 2026-272 pris pour l'application de l'article 31 de la loi SREN « à vérifier »" in annex


def test_amounts_and_dates_are_written_the_french_way(rulebook) -> None:  # type: ignore[no-untyped-def]
    pdf = note(rulebook, example("plateforme-donnees-sante"))
    text = " ".join(pages_text(pdf))
    assert "450 000 € HT" in text
    assert "1er octobre 2026" in text
    assert "Évalué au 30 novembre 2026" in text


def test_user_text_prints_exactly_as_typed(rulebook) -> None:  # type: ignore[no-untyped-def]
    dossier = example("messagerie-operateur")
    dossier.title = 'R&D <Direction> "Pôle"'
    dossier.justifications["existing.mutualised_fit"] = "Refus <b>net</b> & sans appel <excellent>"
    dossier.candidates[0].name = "Offre <X> & fils"
    pdf = note(rulebook, dossier, author="A&B <auteur>", organisation="Site <Nord> & Sud")
    text = " ".join(pages_text(pdf))
    assert 'R&D <Direction> "Pôle"' in text
    assert "Refus <b>net</b> & sans appel <excellent>" in text
    assert "Offre <X> & fils" in text
    assert "A&B <auteur>" in text
    assert "Site <Nord> & Sud" in text
    assert PdfReader(io.BytesIO(pdf)).metadata.title == 'R&D <Direction> "Pôle"'


def test_same_inputs_give_the_same_bytes(rulebook) -> None:  # type: ignore[no-untyped-def]
    dossier = example("plateforme-donnees-sante")
    first = note(rulebook, dossier, author="Jeanne Martin", watermark="FORMATION")
    again = example("plateforme-donnees-sante")
    second = note(rulebook, again, author="Jeanne Martin", watermark="FORMATION")
    assert first == second
    assert b"D:20261130000000" in first


def test_forty_offers_repeat_the_table_header(rulebook) -> None:  # type: ignore[no-untyped-def]
    dossier = many_offers(example("plateforme-donnees-sante"), 40)
    pages = pages_text(note(rulebook, dossier))
    with_header = [i for i, page in enumerate(pages) if "Exigences non satisfaites" in page]
    assert len(with_header) >= 2
    text = " ".join(pages)
    assert "Offre n° 01" in text and "Offre n° 40" in text
    assert "Total pondéré par offre" in text


def test_fonts_are_embedded_dejavu(rulebook) -> None:  # type: ignore[no-untyped-def]
    reader = PdfReader(io.BytesIO(note(rulebook, example("messagerie-operateur"))))
    used = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            used.add(str(font["/BaseFont"]))
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            if "DejaVu" in str(font["/BaseFont"]):
                assert descriptor is not None and "/FontFile2" in descriptor.get_object()
    assert any("DejaVuSans" in name for name in used)
    assert any("DejaVuSans-Bold" in name for name in used)


def test_metadata_language_and_bookmarks(rulebook) -> None:  # type: ignore[no-untyped-def]
    dossier = example("plateforme-donnees-sante")
    reader = PdfReader(io.BytesIO(note(rulebook, dossier, author="Jeanne Martin")))
    meta = reader.metadata
    assert meta.title == dossier.title
    assert meta.author == "Jeanne Martin"
    assert "Note de décision" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"
    titles = {}
    for entry in reader.outline:
        if not isinstance(entry, list):
            titles[entry.title] = reader.get_destination_page_number(entry)
    assert titles["Synthèse"] == 0
    assert "Annexe A. Les réponses du dossier" in titles
    assert titles["Annexe C. Les sources citées"] >= titles["Annexe A. Les réponses du dossier"] > 0


def test_watermark_and_site_organisation(rulebook) -> None:  # type: ignore[no-untyped-def]
    dossier = example("visio-prefecture")
    plain = pages_text(note(rulebook, dossier))
    training = pages_text(note(rulebook, dossier, watermark="FORMATION",
                               organisation="Préfecture de la Somme"))
    assert all("FORMATION" in page for page in training)
    assert not any("FORMATION" in page for page in plain)
    assert all("Préfecture de la Somme" in page for page in training)


def test_the_clauses_annex_groups_called_clauses_and_leaves_out_the_buyer_s_choice(rulebook) -> None:  # type: ignore[no-untyped-def]
    dossier = example("messagerie-operateur")
    evaluation = evaluate(rulebook, dossier, AS_OF)
    text = flat(" ".join(pages_text(build_note(dossier, evaluation, rulebook, as_of=AS_OF))))
    annex = text[text.index("Annexe B. Clauses à insérer dans le dossier de consultation"):]
    assert "(CCTP)" in annex and "(CCAP)" in annex
    for clause in evaluation.clause_texts:
        assert flat(clause.title) in annex
    dossier.extra["clauses_left_out"] = ["reversibility_exit"]
    text = flat(" ".join(pages_text(build_note(dossier, evaluation, rulebook, as_of=AS_OF))))
    annex = text[text.index("Annexe B. Clauses"):text.index("Annexe C.")]
    assert "Réversibilité et fin de contrat" not in annex


def test_article_31_on_premises_says_the_hosting_meets_it_and_lists_unverified_sources(rulebook) -> None:  # type: ignore[no-untyped-def]
    dossier = example("archives-cloud-interne")
    dossier.facts.update({"buyer.kind": "state_administration", "hosting.mode": "on_premises"})
    evaluation = evaluate(rulebook, dossier, AS_OF)
    assert dict(evaluation.hosting_check) == {"secnumcloud_or_internal_cloud": "met"}
    text = " ".join(pages_text(note(rulebook, dossier)))
    assert flat("satisfaite par l'hébergement choisi") in text
    attention = text.split(flat("1. Points d'attention"))[1].split(flat("2. Le besoin"))[0]
    assert flat("Source à vérifier.") in attention
    assert flat(rulebook.sources["decret-2026-272"].title) in attention
    assert "version 2026.12" in text


def test_retained_and_blocked_offers_are_told_apart(rulebook) -> None:  # type: ignore[no-untyped-def]
    dossier = example("plateforme-donnees-sante")
    dossier.retained = "Offre A"
    text = " ".join(pages_text(note(rulebook, dossier)))
    assert flat("Offre retenue") in text and flat("Offre A (rang 1)") in text
    table = text.split(flat("5. Les offres du marché"))[1]
    assert table.index("Offre A") < table.index(flat("Offres non éligibles (hors classement)")) < table.index("Offre B")
    assert flat("Offre B (non éligible)") in table  # the chart names it apart
    dossier.retained = None
    assert flat("aucune offre retenue") in " ".join(pages_text(note(rulebook, dossier)))
