"""The report use cases: from a file, from a stored dossier, and the failures a user can meet."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from assistant.exchange import read_dossier_file
from assistant.services.reporting import ReportError, digest_of, report_from_file, report_from_id
from tests.reports.helpers import AS_OF, EXAMPLES, flat

SOURCE = EXAMPLES / "messagerie-operateur.json"


def test_report_from_file_writes_the_pdf(rulebook, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "note.pdf"
    assert report_from_file(rulebook, SOURCE, out, AS_OF) == out
    reader = PdfReader(out)
    assert flat("Messagerie électronique de l'établissement") in flat(reader.pages[0].extract_text())
    assert list(tmp_path.iterdir()) == [out]
    again = tmp_path / "again.pdf"
    report_from_file(rulebook, SOURCE, again, AS_OF)
    assert again.read_bytes() == out.read_bytes()


@pytest.mark.parametrize("where", ["missing-folder", "is-a-folder"])
def test_unwritable_path_gives_report_error_and_no_file(rulebook, tmp_path: Path, where: str) -> None:  # type: ignore[no-untyped-def]
    if where == "missing-folder":
        out = tmp_path / "absent" / "note.pdf"
        expected = f"Impossible d'écrire la note dans {out}\u00a0: dossier inexistant."
    else:
        out = tmp_path / "déjà-là"
        out.mkdir()
        expected = f"Le fichier de sortie {out} est refusé\u00a0: c'est un dossier"
    with pytest.raises(ReportError) as caught:
        report_from_file(rulebook, SOURCE, out, AS_OF)
    assert str(caught.value).startswith(expected)
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert leftovers == []


def test_report_from_id_logs_the_digest_and_marks_training(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dossier_id = ctx.repository.add(read_dossier_file(SOURCE))
    from PIL import Image

    from assistant.siteconfig import SiteConfig

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 48), (0, 0, 145)).save(logo)
    ctx.training = True
    ctx.site = SiteConfig(organisation="Préfecture de la Somme", logo=logo)
    out = tmp_path / "note-id.pdf"
    report_from_id(ctx, dossier_id, out, AS_OF)
    content = out.read_bytes()
    pages = [flat(p.extract_text()) for p in PdfReader(io.BytesIO(content)).pages]
    assert all("FORMATION" in page and "Préfecture de la Somme" in page for page in pages)
    first = PdfReader(io.BytesIO(content)).pages[0]
    assert first.images, "the site's logo is printed in the header"
    event = ctx.repository.events(dossier_id)[-1]
    assert event.kind == "reported"
    assert json.loads(event.detail) == {"file": "note-id.pdf", "digest": digest_of(content)}


def test_report_from_unknown_id_is_a_report_error(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ReportError, match="Aucun dossier"):
        report_from_id(ctx, 999, tmp_path / "x.pdf", AS_OF)
    assert not (tmp_path / "x.pdf").exists()


def test_a_broken_logo_gives_a_note_without_it_and_a_warning(ctx, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from assistant.siteconfig import SiteConfig

    logo = tmp_path / "logo.png"
    logo.write_text("pas une image", encoding="utf-8")
    dossier_id = ctx.repository.add(read_dossier_file(SOURCE))
    ctx.site = SiteConfig(organisation="Org", logo=logo)
    out = tmp_path / "note.pdf"
    report_from_id(ctx, dossier_id, out, AS_OF)
    assert out.read_bytes()[:5] == b"%PDF-"
    assert "logo" in capsys.readouterr().err
