"""The vademecum browser (F1): table of contents, full-text search, Markdown pages, back and forward,
and the sources page built from the rulebook (« à vérifier » where a source is).
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assistant.paths import resources_dir
from assistant.rulebook import SOURCES_PAGE, Rulebook, format_source_date
from assistant.services.context import AppContext

PAGE_ROLE = Qt.ItemDataRole.UserRole + 1


def load_pages(folder: Path) -> dict[str, tuple[str, str]]:
    """Page id → (title, Markdown text), in the order of the index's table of contents."""
    pages: dict[str, tuple[str, str]] = {}
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else path.stem
        pages[path.stem] = (first.lstrip("# ").strip() or path.stem, text)
    index = pages.get("index", ("", ""))[1]
    order = ["index"] + [p for p in pages if p != "index"]
    order.sort(key=lambda p: (p != "index", index.find(f"({p}.md)") if f"({p}.md)" in index else 10_000, p))
    return {p: pages[p] for p in order}


def sources_html(book: Rulebook) -> str:
    """The sources page, in HTML so that each source has an anchor the conclusion can point to."""
    parts = [f"<h1>Sources</h1><p>Les textes sur lesquels reposent les règles {escape(book.id)} "
             f"{escape(book.version)}. Ceux marqués « à vérifier » n'ont été confirmés que par une source "
             "secondaire : contrôlez le texte officiel avant de vous y fier.</p>"]
    for source in sorted(book.sources.values(), key=lambda s: s.title.casefold()):
        status = "<b style='color:#b34000'>à vérifier</b>" if source.to_verify else "confirmé"
        parts.append(
            f"<a name='{escape(source.id)}'></a><h3>{escape(source.title)}</h3>"
            f"<p>{escape(source.summary)}</p><ul>"
            f"<li>Émetteur : {escape(source.issuer)}</li><li>Date : {escape(_date(source.date))}</li>"
            f"<li>Référence : {escape(source.reference)}</li><li>Statut : {status}</li></ul>"
        )
    return "".join(parts)


def plain_markdown(text: str) -> str:
    """Markdown as a reader sees it, for search excerpts: no #, *, `, no link targets, no HTML tags."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)?", r"\1", text)
    text = re.sub(r"\([^)\s]*\.md[^)]*\)?", "", text)
    text = re.sub(r"<[^>]*>?", "", text)
    return re.sub(r"[#*_`>|]+", "", text)


def _date(value: object) -> str:
    try:
        return format_source_date(str(value))
    except ValueError:
        return str(value)


class PageBrowser(QTextBrowser):
    """A text browser whose ``page:ID`` URLs load the vademecum's Markdown, keeping history."""

    def __init__(self, pages: dict[str, tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = pages

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        text = name.toString() if isinstance(name, QUrl) else name
        page = text.removeprefix("page:").partition("#")[0].removesuffix(".md")
        if page in self.pages:
            return self.pages[page][1]
        return super().loadResource(kind, name)


class VademecumWindow(QMainWindow):
    """Browses the bundled vademecum offline."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, folder: Path | None = None) -> None:
        """``folder`` holds the pages (default: the bundled ``resources/vademecum/``): every Markdown file
        there is a page, listed in the order of the index's table of contents."""
        super().__init__(parent)
        self.setWindowTitle("Vademecum — Assistant achat numérique")
        self.resize(1100, 720)
        self.pages = load_pages(folder or resources_dir() / "vademecum")
        self.pages[SOURCES_PAGE] = ("Sources", sources_html(ctx.rulebook))
        self.current = ""

        self.toc = QListWidget()
        self.toc.setAccessibleName("Sommaire du vademecum")
        for page, (title, _text) in self.pages.items():
            item = QListWidgetItem(title)
            item.setData(PAGE_ROLE, page)
            self.toc.addItem(item)
        self.toc.itemActivated.connect(lambda item: self.show_page(item.data(PAGE_ROLE)))
        self.toc.itemClicked.connect(lambda item: self.show_page(item.data(PAGE_ROLE)))

        self.search = QLineEdit()
        self.search.setPlaceholderText("Rechercher dans le vademecum…")
        self.search.setAccessibleName("Rechercher dans le vademecum")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.results = QListWidget()
        self.results.setAccessibleName("Résultats de la recherche")
        self.results.itemActivated.connect(self._open_result)
        self.results.itemClicked.connect(self._open_result)
        self.results.hide()

        self.browser = PageBrowser(self.pages)
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Page du vademecum")
        self.browser.anchorClicked.connect(self._follow)
        self.browser.sourceChanged.connect(self._source_changed)
        self.back_button = QPushButton("◀ Précédent")
        self.forward_button = QPushButton("Suivant ▶")
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button.clicked.connect(self.browser.forward)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, self.browser.backward)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Forward), self, self.browser.forward)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search.setFocus)
        close_keys = {QKeySequence(k) for k in ("Ctrl+W", "Esc")}
        close_keys |= set(QKeySequence.keyBindings(QKeySequence.StandardKey.Close))
        close_action = QAction("Fermer le vademecum", self)
        close_action.setShortcuts(sorted(close_keys, key=lambda k: k.toString()))
        close_action.triggered.connect(self.close)
        self.addAction(close_action)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        search_label = QLabel("&Rechercher :")
        search_label.setBuddy(self.search)
        toc_label = QLabel("&Sommaire :")
        toc_label.setBuddy(self.toc)
        for widget in (search_label, self.search, self.results, toc_label, self.toc):
            left_layout.addWidget(widget)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(self.forward_button)
        nav.addStretch()
        right_layout.addLayout(nav)
        right_layout.addWidget(self.browser)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([300, 800])
        self.setCentralWidget(splitter)
        self.show_page("index")

    # The browser keeps history through pseudo-URLs: page:ID#anchor
    def show_page(self, target: str) -> None:
        page, _, anchor = target.partition("#")
        page = page.removesuffix(".md")
        if page not in self.pages:
            self.statusBar().showMessage(f"Page « {page} » introuvable dans le vademecum.", 5000)
            return
        kind = QTextDocument.ResourceType.HtmlResource if page == SOURCES_PAGE else (
            QTextDocument.ResourceType.MarkdownResource)
        self.browser.setSource(QUrl(f"page:{page}" + (f"#{anchor}" if anchor else "")), kind)

    def _source_changed(self, url: QUrl) -> None:
        page = url.toString().removeprefix("page:").partition("#")[0]
        if page not in self.pages:
            return
        self.current = page
        title = self.pages[page][0]
        self.setWindowTitle(f"{title} — Vademecum")
        for row in range(self.toc.count()):
            if self.toc.item(row).data(PAGE_ROLE) == page:
                self.toc.setCurrentRow(row)

    def _follow(self, url: QUrl) -> None:
        text = url.toString()
        if url.scheme() in ("http", "https", "mailto"):
            message = "Les liens externes ne sont pas suivis : l'application fonctionne hors ligne."
            self.statusBar().showMessage(message, 5000)
            return
        self.show_page(text.removeprefix("page:"))

    def _search(self, text: str) -> None:
        words = text.casefold().split()
        self.results.clear()
        self.results.setVisible(bool(words))
        if not words:
            return
        for page, (title, body) in self.pages.items():
            lower = body.casefold()
            if all(w in lower for w in words):
                position = lower.find(words[0])
                excerpt = " ".join(plain_markdown(body[max(0, position - 40): position + 80]).split())
                item = QListWidgetItem(f"{title}\n… {excerpt} …")
                item.setData(PAGE_ROLE, page)
                self.results.addItem(item)
        if self.results.count() == 0:
            self.results.addItem(QListWidgetItem("Aucun résultat."))

    def _open_result(self, item: QListWidgetItem) -> None:
        page = item.data(PAGE_ROLE)
        if page:
            self.show_page(page)
            words = self.search.text().split()
            if words:
                self.browser.find(words[0])



def open_help(parent: QWidget, page: str) -> VademecumWindow | None:
    """Open the vademecum at ``page`` as a child of ``parent`` (usable while ``parent`` is a modal dialog); the
    application context is found on the window that owns ``parent``."""
    owner: QWidget | None = parent
    while owner is not None and not isinstance(getattr(owner, "ctx", None), AppContext):
        owner = owner.parentWidget()
    if owner is None:
        return None
    window = parent.findChild(VademecumWindow, "help", Qt.FindChildOption.FindDirectChildrenOnly)
    if window is None:
        window = VademecumWindow(owner.ctx, parent)  # type: ignore[attr-defined]
        window.setObjectName("help")
    window.show_page(page)
    window.show()
    window.raise_()
    return window
