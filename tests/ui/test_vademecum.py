"""The offline vademecum: table of contents, search, links, history and the sources page."""

from __future__ import annotations

from PySide6.QtCore import QUrl

from assistant.paths import resources_dir
from assistant.rulebook import load_rulebook
from assistant.ui.vademecum import SOURCES_PAGE, VademecumWindow, load_pages
from tests.conftest import plain


def test_every_page_a_rule_may_cite_exists() -> None:
    pages = load_pages(resources_dir() / "vademecum")
    assert load_rulebook().pages - {SOURCES_PAGE} == set(pages)
    assert next(iter(pages)) == "index"
    for page, (title, text) in pages.items():
        assert title and "## Sources" in text, page


def test_browse_search_links_and_history(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = VademecumWindow(ctx)
    qtbot.addWidget(window)
    assert window.current == "index"
    assert window.toc.count() == len(window.pages)
    window.show_page("hds")
    assert window.current == "hds"
    assert "HDS" in window.browser.toPlainText()
    window.browser.anchorClicked.emit(QUrl("sren-article-31.md"))
    assert window.current == "sren-article-31"
    assert window.back_button.isEnabled()
    window.back_button.click()
    assert window.current == "hds"
    assert window.forward_button.isEnabled()
    window.forward_button.click()
    assert window.current == "sren-article-31"
    window.browser.anchorClicked.emit(QUrl("https://www.legifrance.gouv.fr/"))
    assert window.current == "sren-article-31"
    assert "hors ligne" in window.statusBar().currentMessage()
    window.search.setText("SecNumCloud")
    assert window.results.isVisibleTo(window) and window.results.count() >= 3
    window.search.setText("mot-absent-du-vademecum")
    assert window.results.item(0).text() == "Aucun résultat."


def test_sources_page_marks_what_is_to_verify(qtbot, ctx, rulebook) -> None:  # type: ignore[no-untyped-def]
    window = VademecumWindow(ctx)
    qtbot.addWidget(window)
    window.show_page("sources#sren-art31")
    text = plain(window.browser.toPlainText())
    to_verify = [s for s in rulebook.sources.values() if s.to_verify]
    assert to_verify, "doctrine.md marks several sources to verify"
    assert "Statut : à vérifier" in text
    for source in rulebook.sources.values():
        assert plain(source.title) in text


def test_a_page_added_as_a_file_is_listed_with_no_code_change(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    folder = tmp_path / "vademecum"
    shutil.copytree(resources_dir() / "vademecum", folder)
    (folder / "archives-publiques.md").write_text(
        "# Les archives publiques\n\nLes données d'un organisme public sont des archives.\n\n## Sources\n\n- aucune\n",
        encoding="utf-8")
    window = VademecumWindow(ctx, folder=folder)
    qtbot.addWidget(window)
    titles = [window.toc.item(i).text() for i in range(window.toc.count())]
    assert "Les archives publiques" in titles
    window.show_page("archives-publiques")
    assert "sont des archives" in window.browser.toPlainText()


def test_escape_and_ctrl_w_close_the_vademecum(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    for key, modifier in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)):
        window = VademecumWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda w=window: QApplication.activeWindow() is w)
        qtbot.keyClick(window.browser, key, modifier)
        assert not window.isVisible()


def test_search_excerpts_show_no_markdown(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    window = VademecumWindow(ctx)
    qtbot.addWidget(window)
    window.search.setText("SecNumCloud")
    texts = [window.results.item(i).text() for i in range(window.results.count())]
    assert texts and not any(mark in text for text in texts for mark in ("**", "](", "##", "`"))
