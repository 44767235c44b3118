"""The note's OpenDocument twin: read back with odfdo and as XML, converted by LibreOffice, same bytes."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from odfdo import Document

from assistant.domain.history import DossierHistory, HistoryLine
from assistant.engine import evaluate
from assistant.reports.odt import build_odt
from tests.reports.helpers import AS_OF, example

TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _odt(rulebook, name: str = "messagerie-operateur", **changes: str) -> tuple[bytes, object, object]:  # type: ignore[no-untyped-def]
    dossier = example(name)
    for key, value in changes.items():
        setattr(dossier, key, value)
    evaluation = evaluate(rulebook, dossier, AS_OF)
    return build_odt(dossier, evaluation, rulebook, as_of=AS_OF, author="Jeanne Martin"), dossier, evaluation


def test_odt_holds_every_section_the_conclusion_and_the_clauses(rulebook) -> None:  # type: ignore[no-untyped-def]
    content, _dossier, evaluation = _odt(rulebook)
    document = Document(io.BytesIO(content))
    headings = [h.text_recursive for h in document.body.headers]
    for title in ("Synthèse", "1. Points d'attention", "2. Le besoin", "3. Le raisonnement",
                  "4. Données et hébergement", "5. Les offres du marché", "6. La procédure",
                  "7. Décision et signatures", "Annexe A. Les réponses du dossier",
                  "Annexe B. Clauses à insérer dans le dossier de consultation", "Annexe C. Les sources citées"):
        assert title.replace(" ", "\u00a0") in headings or title in headings, title
    xml = zipfile.ZipFile(io.BytesIO(content)).read("content.xml")
    root = ElementTree.fromstring(xml)
    text = " ".join("".join(node.itertext()) for node in root.iter() if node.tag in (f"{TEXT_NS}p", f"{TEXT_NS}h"))
    assert rulebook.label("path", evaluation.path) in text  # type: ignore[attr-defined]
    for clause in evaluation.clause_texts:  # type: ignore[attr-defined]
        assert clause.title in text and clause.text in text
    assert len(document.body.tables) >= 4
    assert document.get_part("meta.xml") is not None


def test_user_text_is_kept_exactly_as_typed(rulebook) -> None:  # type: ignore[no-untyped-def]
    typed = 'R&D <Direction> "Pôle"'
    content, _, _ = _odt(rulebook, title=typed, organisation=typed)
    root = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(content)).read("content.xml"))
    texts = ["".join(node.itertext()) for node in root.iter() if node.tag == f"{TEXT_NS}h"]
    assert typed in texts


def test_same_inputs_give_the_same_bytes(rulebook) -> None:  # type: ignore[no-untyped-def]
    first, _, _ = _odt(rulebook)
    second, _, _ = _odt(rulebook)
    assert first == second
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert names[0] == "mimetype"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent : installer/testdeps.sh l'installe")
def test_libreoffice_converts_the_odt_to_pdf(rulebook, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dossier = example("plateforme-donnees-sante")
    history = DossierHistory((HistoryLine("05/02/2026 14:30", "marie.curie", "Réponse", "Combien d'utilisateurs ?"),),
                             older=1234)
    content = build_odt(dossier, evaluate(rulebook, dossier, AS_OF), rulebook, as_of=AS_OF, history=history)
    source = tmp_path / "note.odt"
    source.write_bytes(content)
    result = subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profil",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180, check=False,
    )
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "note.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Annexe B" in text and "Synthèse" in text
    assert "Annexe D. Historique du dossier" in text and "marie.curie" in text  # the history, with its author
