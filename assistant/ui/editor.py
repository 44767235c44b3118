"""The guided dossier editor: steps with their completion state, questions generated from the rulebook,
the live conclusion beside them, autosave of every answer.

Signals:
    saved(int): something of this dossier was stored (its line of the list is updated, nothing else).
    evaluated(): the conclusion panel was refreshed.
    closed(int): the editor of this dossier id was closed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from assistant.domain import Candidate, Dossier, Evaluation, limits
from assistant.domain.messages import UserError
from assistant.services import editing, guidance, library
from assistant.services.context import AppContext
from assistant.ui.a11y import focus_first, step_text
from assistant.ui.clauses_view import ClausesView
from assistant.ui.conclusion import ConclusionPanel, conclusion_html
from assistant.ui.journal import JournalView
from assistant.ui.modal import run_modal, tells_user
from assistant.ui.offers import OffersPage
from assistant.ui.pending import PendingSaves
from assistant.ui.questions import NumberQuestion, QuestionWidget, TextQuestion, make_question_widget
from assistant.ui.read_only import lock_editor
from assistant.ui.workers import Worker, start


class DossierEditor(QMainWindow):
    """Edits one dossier through the six steps; every change is stored at once (no Save button)."""

    saved = Signal(int)
    evaluated = Signal()
    closed = Signal(int)

    def __init__(self, ctx: AppContext, dossier_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.book = ctx.rulebook
        self.dossier_id = dossier_id
        self.dossier: Dossier
        self.dossier, self.version = library.dossier_for_editing(ctx, dossier_id)  # saves are checked against it
        self.step_ids = [step.id for step in guidance.steps(self.book)]
        self.evaluation: Evaluation | None = None
        self.question_widgets: dict[str, QuestionWidget] = {}
        self.question_step: dict[str, int] = {}
        self._worker: Worker | None = None
        self.resize(1280, 720)

        self.title_edit = QLineEdit(self.dossier.title)
        self.title_edit.setAccessibleName("Titre du dossier")
        self.organisation_edit = QLineEdit(self.dossier.organisation)
        self.organisation_edit.setAccessibleName("Organisation")
        self.title_edit.setMaxLength(limits.TITLE_MAX)
        self.organisation_edit.setMaxLength(limits.ORGANISATION_MAX)
        identity = QHBoxLayout()
        for text, edit in (("&Titre :", self.title_edit), ("O&rganisation :", self.organisation_edit)):
            label = QLabel(text)
            label.setBuddy(edit)
            identity.addWidget(label)
            identity.addWidget(edit, 2 if edit is self.title_edit else 1)

        self.steps = QListWidget()
        self.steps.setAccessibleName("Étapes du dossier")
        self.steps.setMaximumWidth(360)
        self.pages = QStackedWidget()
        self.scrolls: list[QScrollArea] = []
        for index, step in enumerate(guidance.steps(self.book)):
            self.steps.addItem(step.label)
            self.pages.addWidget(self._build_step(index, step.id, step.label))
        self.steps.currentRowChanged.connect(self._step_changed)
        self.steps.setMinimumWidth(self.steps.sizeHintForColumn(0) + 40)

        self.previous_button = QPushButton("◀ Étape &précédente")
        self.next_button = QPushButton("Étape &suivante ▶")
        self.previous_button.clicked.connect(lambda: self.go_to_step(self.steps.currentRow() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_step(self.steps.currentRow() + 1))
        for button in (self.previous_button, self.next_button):  # the focus follows to the new page
            button.clicked.connect(lambda: focus_first(self.pages.currentWidget()))
        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addStretch()
        nav.addWidget(self.next_button)

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.pages)
        middle_layout.addLayout(nav)

        self.conclusion = ConclusionPanel(self.book)
        self.conclusion.question_requested.connect(self.go_to_question)
        self.conclusion.page_requested.connect(self.show_help)
        right = QWidget()
        self.right_layout = right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("<b>Conclusion en cours</b>")
        right_layout.addWidget(heading)
        right_layout.addWidget(self.conclusion, 2)

        splitter = QSplitter()
        splitter.addWidget(self.steps)
        splitter.addWidget(middle)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([200, 640, 420])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(identity)
        self.pending = PendingSaves()
        self.pending.retry_requested.connect(self.retry_held)
        layout.addWidget(self.pending)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self._build_menus()
        if ctx.training:
            from assistant.ui.presenter import training_banner

            training_banner(self)

        self._eval_timer = QTimer(self, singleShot=True, interval=60)
        self._eval_timer.timeout.connect(self.refresh)
        self._identity_timer = QTimer(self, singleShot=True, interval=400)
        self._identity_timer.timeout.connect(self.save_identity)
        self.title_edit.textEdited.connect(lambda _t: self._identity_timer.start())
        self.organisation_edit.textEdited.connect(lambda _t: self._identity_timer.start())

        self._load_answers()
        self.refresh()
        saved = library.current_step(ctx, dossier_id)
        self.go_to_step(self.step_ids.index(saved) if saved in self.step_ids else 0)
        lock_editor(self)  # read-only data: banner, every input locked

    # -- construction --------------------------------------------------------------------------------
    def _build_step(self, index: int, step: str, label: str) -> QWidget:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        title = QLabel(f"<h2>{label}</h2>")
        layout.addWidget(title)
        if step == "offres":
            self.offers = OffersPage(self.book)
            self.offers.load(self.dossier)
            self.offers.offers_changed.connect(self._offers_changed)
            self.offers.retained_changed.connect(self._retained_changed)
            layout.addWidget(self.offers)
        elif step == "synthese":
            layout.addWidget(self._build_synthesis())
        else:
            for question in guidance.questions_for_step(self.book, step):
                widget = make_question_widget(question)
                widget.answered.connect(self._answered)
                widget.justified.connect(self._justified)
                widget.help_requested.connect(self.show_help)
                self.question_widgets[question.id] = widget
                self.question_step[question.id] = index
                layout.addWidget(widget)
        layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        self.scrolls.append(scroll)
        return scroll

    def _build_synthesis(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.synthesis = QLabel()
        self.synthesis.setWordWrap(True)
        self.synthesis.setOpenExternalLinks(False)
        self.synthesis.linkActivated.connect(self._synthesis_link)
        self.report_button = QPushButton("&Générer la note de décision…")
        self.report_button.clicked.connect(self.generate_report)
        hint = QLabel("La note de décision reprend cette synthèse, les raisons, les offres et toutes vos réponses.")
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.report_button)
        row.addWidget(hint, 1)
        layout.addLayout(row)
        layout.addWidget(self.synthesis)
        self.clauses = ClausesView(self.book)
        self.clauses.annex_changed.connect(self._clause_annex_changed)
        layout.addWidget(self.clauses)
        self.journal = JournalView(self.book)
        layout.addWidget(self.journal)
        return box

    @tells_user("Journal du dossier")
    def show_journal(self) -> None:
        """The dossier's history, newest first (the journal is append-only)."""
        self.journal.show_entries(library.journal(self.ctx, self.dossier_id))

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&Dossier")
        self.report_action = QAction("&Générer la note de décision…", self)
        self.report_action.setShortcut(QKeySequence("Ctrl+P"))
        self.report_action.triggered.connect(self.generate_report)
        close_action = QAction("&Fermer", self)
        close_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        close_action.triggered.connect(self.close)
        menu.addAction(self.report_action)
        menu.addSeparator()
        menu.addAction(close_action)
        go = self.menuBar().addMenu("A&ller à")
        for index, step in enumerate(guidance.steps(self.book)):
            action = QAction(step.label, self)
            action.setShortcut(QKeySequence(f"Alt+{index + 1}"))
            action.triggered.connect(lambda _c=False, i=index: self.go_to_step(i))
            go.addAction(action)
        if self.ctx.training:
            self._build_training_menu()
        help_menu = self.menuBar().addMenu("&Aide")
        vademecum = QAction("&Vademecum", self)
        vademecum.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        vademecum.triggered.connect(lambda: self.show_help("index"))
        help_menu.addAction(vademecum)

    def _build_training_menu(self) -> None:
        menu = self.menuBar().addMenu("&Formation")
        self.presenter_action = QAction("Vue &présentateur", self)
        self.presenter_action.setCheckable(True)
        self.presenter_action.setShortcut(QKeySequence("F11"))
        self.presenter_action.toggled.connect(self.set_presenter)
        self.what_if_action = QAction("&Et si ? (comparer avec le cas de départ)", self)
        self.what_if_action.setCheckable(True)
        self.what_if_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.what_if_action.toggled.connect(self.set_what_if)
        menu.addAction(self.presenter_action)
        menu.addAction(self.what_if_action)
        if "exercise_of" in self.dossier.extra:
            self.correction_action = QAction("&Comparer avec la correction", self)
            self.correction_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
            self.correction_action.triggered.connect(self.show_correction)
            menu.addAction(self.correction_action)

    # -- training ------------------------------------------------------------------------------------
    def set_presenter(self, on: bool) -> None:
        """Full screen, the conclusion in large type at the top, the steps in words (``ui/presenter.py``)."""
        from assistant.ui import presenter

        presenter.apply(self, on)
        self.setWindowTitle(self._window_title())

    def set_what_if(self, on: bool) -> None:
        """Start comparing with the dossier as it is now (the case), or stop."""
        from assistant.services.training import snapshot
        from assistant.ui.training import WhatIfPanel

        if on:
            self._base = snapshot(self.dossier)
            self._base_evaluation = self.evaluation
            if getattr(self, "what_if_panel", None) is None:
                self.what_if_panel = WhatIfPanel(self.book)
                self.what_if_panel.undo_button.clicked.connect(self.undo_what_if)
                self.right_layout.addWidget(self.what_if_panel, 1)
            self.what_if_panel.show()
            self._show_what_if()
            from assistant.ui.presenter import what_if_shown

            what_if_shown(self)
        elif getattr(self, "what_if_panel", None) is not None:
            self.what_if_panel.hide()

    def _show_what_if(self) -> None:
        panel = getattr(self, "what_if_panel", None)
        if panel is not None and panel.isVisibleTo(self) and self.evaluation is not None:
            panel.show_comparison(self._base_evaluation, self.evaluation, self._base, self.dossier)

    @tells_user("Retour au cas impossible")
    def undo_what_if(self) -> None:
        """« Revenir au cas »: every answer, offer and weight as it was when the comparison started."""
        from assistant.services.training import snapshot

        base = snapshot(self._base)
        with self._reloading_on_conflict():
            self.version = editing.replace_answers(self.ctx, self.dossier_id, base, "what-if", version=self.version)
        self.dossier.facts, self.dossier.justifications = base.facts, base.justifications
        self.dossier.candidates, self.dossier.weights = base.candidates, base.weights
        self._load_answers()
        self.offers.load(self.dossier)
        self.refresh()

    def show_correction(self) -> None:
        from assistant.services.training import correct_exercise
        from assistant.ui.training import CorrectionDialog

        self.flush()
        correction = correct_exercise(self.book, self.dossier)
        dialog = CorrectionDialog(self.book, correction.case_title, correction.answers, correction.outcomes, self)
        self.correction_dialog = dialog
        dialog.show()
        from assistant.ui.presenter import present_dialog

        present_dialog(dialog, self)

    # -- state ---------------------------------------------------------------------------------------
    @contextmanager
    def _reloading_on_conflict(self) -> Iterator[None]:
        """A save refused because another buyer changed the dossier meanwhile: show what is stored now (the
        refusal's message, shown by ``tells_user``, says who changed it and when)."""
        try:
            yield
        except editing.ConflictError:
            self._reload_after_conflict()
            raise

    def _reload_after_conflict(self, keep: str | set[str] | None = None) -> None:
        """Another workstation changed the dossier: show what is stored now (the message says what happened),
        except the questions ``keep``, whose unsaved typed answers stay visible to be applied again."""
        kept = {keep} if isinstance(keep, str) else set(keep or ())
        self.dossier, self.version = library.dossier_for_editing(self.ctx, self.dossier_id)
        for fact, widget in self.question_widgets.items():
            if fact not in kept:
                widget.load(self.dossier.facts.get(fact), self.dossier.justifications.get(fact, ""))
        self.offers.load(self.dossier)
        self._schedule()

    def _load_answers(self) -> None:
        for fact, widget in self.question_widgets.items():
            widget.load(self.dossier.facts.get(fact), self.dossier.justifications.get(fact, ""))

    # -- team mode: changes made elsewhere, a server that stops answering ----------------------------
    def changed_elsewhere(self, author: str) -> None:
        """Another buyer (or the command line) changed this dossier: show what is stored now. What is being
        typed here is saved first, against the version it was typed over, so that it is refused as a conflict
        (said, the typed text staying visible) rather than written over the other change; answers still
        waiting for the server go first (their retry reloads)."""
        if self.pending.held:
            return
        try:
            if library.dossier_version(self.ctx, self.dossier_id) == self.version:
                return  # this window's own save
            self.flush()
            if library.dossier_version(self.ctx, self.dossier_id) == self.version:
                return  # the flush met the change: reloaded and said by the refused save's own path
            self._reload_after_conflict()
        except UserError:  # out of reach, or erased: the list says it
            return
        self.title_edit.setText(self.dossier.title)
        self.organisation_edit.setText(self.dossier.organisation)
        self.statusBar().showMessage(
            f"Ce dossier vient d'être modifié par {author or 'un autre poste'} : il a été rechargé.", 10000)

    def retry_held(self) -> bool:
        """Save the answers held while the server did not answer; True when none is left waiting."""
        return self.pending.retry(self._save_held, self._held_refused)

    def _save_held(self, kind: str, fact: str, value: Any) -> None:
        """Save one answer (or justification) held while the server did not answer."""
        if kind == "answer":
            self.version = editing.answer(self.ctx, self.dossier_id, fact, value, version=self.version)
        else:
            self.version = editing.justify(self.ctx, self.dossier_id, fact, value, version=self.version)

    def _held_refused(self, exc: Exception, facts: set[str]) -> None:
        if isinstance(exc, editing.ConflictError):
            self._reload_after_conflict(keep=facts)
        QMessageBox.warning(self, "Réponses non enregistrées", str(exc))

    def _hold(self, kind: str, fact: str, value: Any) -> None:
        self.pending.hold(kind, fact, value)
        self._schedule()

    @tells_user("Réponse non enregistrée")
    def _answered(self, fact: str, value: Any) -> None:
        if self.pending.held:  # answers wait in order behind those the server has not taken yet
            self._keep_answer(fact, value)
            self._hold("answer", fact, value)
            self.retry_held()
            return
        try:
            self.version = editing.answer(self.ctx, self.dossier_id, fact, value, version=self.version)
        except editing.ServerLostError:
            self._keep_answer(fact, value)
            self._hold("answer", fact, value)
            return
        except editing.ConflictError:
            typed = isinstance(self.question_widgets.get(fact), NumberQuestion | TextQuestion)
            self._reload_after_conflict(keep=fact if typed else None)  # typed text stays, to apply again
            raise
        except UserError:
            widget = self.question_widgets.get(fact)
            if widget is not None:  # show again what is really stored
                widget.load(self.dossier.facts.get(fact), self.dossier.justifications.get(fact, ""))
            raise
        self._keep_answer(fact, value)
        self._schedule()

    def _keep_answer(self, fact: str, value: Any) -> None:
        if value is None:
            self.dossier.facts.pop(fact, None)
        else:
            self.dossier.facts[fact] = value

    @tells_user("Justification non enregistrée")
    def _justified(self, fact: str, text: str) -> None:
        if self.pending.held:
            self._hold("justification", fact, text)
            self.retry_held()
        else:
            try:
                self.version = editing.justify(self.ctx, self.dossier_id, fact, text, version=self.version)
            except editing.ServerLostError:
                self._hold("justification", fact, text)
            except editing.ConflictError:
                self._reload_after_conflict(keep=fact)
                raise
        if text.strip():
            self.dossier.justifications[fact] = text
        else:
            self.dossier.justifications.pop(fact, None)
        self._schedule()

    @tells_user("Offres non enregistrées")
    def _offers_changed(self, candidates: list[Candidate], weights: dict[str, float]) -> None:
        with self._reloading_on_conflict():
            self.version = editing.set_offers(self.ctx, self.dossier_id, list(candidates), dict(weights),
                                              version=self.version)
        self.dossier.candidates, self.dossier.weights = candidates, weights
        self.refresh()

    @tells_user("Choix de clause non enregistré")
    def _clause_annex_changed(self, clause_id: str, included: bool) -> None:
        with self._reloading_on_conflict():
            self.version = editing.set_clause_in_annex(self.ctx, self.dossier, self.dossier_id, clause_id,
                                                       included, version=self.version)

    @tells_user("Offre retenue non enregistrée")
    def _retained_changed(self, name: str) -> None:
        with self._reloading_on_conflict():
            self.version = editing.set_retained(self.ctx, self.dossier_id, name or None, version=self.version)
        self.dossier.retained = name or None
        self.refresh()

    def _schedule(self) -> None:
        self._eval_timer.start()

    @tells_user("Conclusion non enregistrée")
    def refresh(self) -> None:
        """Re-evaluate and refresh everything that depends on the answers."""
        self._eval_timer.stop()
        try:
            self.evaluation = evaluation = editing.evaluate_and_record(self.ctx, self.dossier_id, self.dossier)
        except editing.ServerLostError:  # the answers held here are shown evaluated; recorded on retry
            self.evaluation = evaluation = editing.evaluate_dossier(self.ctx, self.dossier)
        for question in self.book.questions:
            widget = self.question_widgets.get(question.id)
            if widget is None:
                continue
            widget.setVisible(guidance.is_asked(question, evaluation))
            widget.show_justification(guidance.needs_justification(question, evaluation))
        for index, step in enumerate(guidance.steps(self.book)):
            item = self.steps.item(index)
            if step.id == "offres":
                text = f"{step.label} ({len(self.dossier.candidates)})"
            elif not step.questions:
                text = step.label
            else:
                state = guidance.step_state(self.book, self.dossier, evaluation, step.id)
                text = f"{state.symbol} {step.label}"
                item.setData(Qt.ItemDataRole.AccessibleTextRole, step_text(state.symbol, step.label))
                item.setToolTip(step_text(state.symbol, step.label))
            item.setText(text)
        self.conclusion.show_evaluation(self.evaluation)
        self.offers.show_evaluation(self.dossier, self.evaluation)
        self.synthesis.setText(
            conclusion_html(self.evaluation, self.book, why=True, base_points=self.synthesis.font().pointSizeF())
        )
        self.clauses.show_clauses(evaluation.clause_texts, editing.clauses_left_out(self.dossier))
        self._show_what_if()
        self.setWindowTitle(self._window_title())
        self.saved.emit(self.dossier_id)
        self.evaluated.emit()

    def _window_title(self) -> str:
        training = " — FORMATION" if self.ctx.training else ""
        if getattr(self, "presenter_action", None) is not None and self.presenter_action.isChecked():
            training += " — vue présentateur"
        return f"{self.dossier.title} — Assistant achat numérique{training}"

    @tells_user("Titre non enregistré")
    def save_identity(self) -> None:
        title = self.title_edit.text().strip()
        if not title:
            self.statusBar().showMessage("Le titre ne peut pas être vide : l'ancien titre est conservé.", 5000)
            return
        organisation = self.organisation_edit.text().strip()
        with self._reloading_on_conflict():
            self.version = library.rename(self.ctx, self.dossier_id, title, organisation, version=self.version)
        self.dossier.title, self.dossier.organisation = title, organisation
        self.setWindowTitle(self._window_title())
        self.saved.emit(self.dossier_id)

    # -- navigation ----------------------------------------------------------------------------------
    def go_to_step(self, index: int) -> None:
        index = max(0, min(index, len(self.step_ids) - 1))
        if self.steps.currentRow() != index:
            self.steps.setCurrentRow(index)
        else:
            self._step_changed(index)

    def _step_changed(self, index: int) -> None:
        if index < 0:
            return
        self.pages.setCurrentIndex(index)
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.step_ids) - 1)
        with contextlib.suppress(UserError):  # bookkeeping (same version): a base out of reach skips it
            library.set_current_step(self.ctx, self.dossier_id, self.step_ids[index])
        if self.step_ids[index] == "synthese":
            self.show_journal()

    def current_step(self) -> str:
        return self.step_ids[self.pages.currentIndex()]

    def go_to_question(self, fact: str) -> None:
        widget = self.question_widgets.get(fact)
        if widget is None:
            if fact.startswith("offer") or fact in self.book.candidate_questions_by_id:
                self.go_to_step(self.step_ids.index("offres"))
            return
        self.go_to_step(self.question_step[fact])
        widget.setVisible(True)
        self.scrolls[self.question_step[fact]].ensureWidgetVisible(widget)
        widget.focus_input()

    def _synthesis_link(self, link: str) -> None:
        scheme, _, target = link.partition(":")
        if scheme == "question":
            self.go_to_question(target)
        elif scheme == "source":
            self.show_help(f"sources#{target}")
        elif scheme == "page":
            self.show_help(target)

    def show_help(self, page: str) -> None:
        from assistant.ui.vademecum import VademecumWindow

        window = getattr(self, "_vademecum", None)
        if window is None:
            window = VademecumWindow(self.ctx, self)
            self._vademecum = window
        window.show_page(page)
        window.show()
        window.raise_()

    # -- the decision note ---------------------------------------------------------------------------
    def generate_report(self) -> None:
        from assistant.ui.filenames import safe_file_name

        self.flush()
        suggested = Path.home() / f"note-de-decision-{safe_file_name(self.dossier.title)}-{date.today()}.pdf"
        name, chosen = QFileDialog.getSaveFileName(
            self, "Enregistrer la note de décision", str(suggested),
            "PDF (*.pdf);;OpenDocument modifiable (*.odt)")
        if name:
            target = Path(name)
            if target.suffix.lower() not in (".pdf", ".odt"):
                target = target.with_name(target.name + (".odt" if "odt" in chosen else ".pdf"))
            self.start_report(target)

    def start_report(self, target: Path) -> Worker:
        from assistant.services.reporting import report_from_id

        self.report_button.setEnabled(False)
        self.report_action.setEnabled(False)
        self.busy.show()
        self.statusBar().showMessage("Génération de la note de décision…")
        self._worker = start(Worker(report_from_id, self.ctx, self.dossier_id, target, date.today()),
                             self._report_done, self._report_failed)
        return self._worker

    def _report_finished(self) -> None:
        self.busy.hide()
        self.report_button.setEnabled(True)
        self.report_action.setEnabled(True)
        self.saved.emit(self.dossier_id)

    def _report_done(self, path: Path) -> None:
        self._report_finished()
        self.show_journal()
        self.statusBar().showMessage(f"Note de décision enregistrée : {path}", 10000)
        if self.property("ask_to_open") is False:
            return
        answer = QMessageBox.question(self, "Note de décision", f"La note a été enregistrée dans\n{path}\n\nL'ouvrir ?")
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _report_failed(self, message: str) -> None:
        self._report_finished()
        self.statusBar().showMessage("La note n'a pas pu être générée.", 10000)
        QMessageBox.warning(self, "Note de décision", message)

    # -- closing -------------------------------------------------------------------------------------
    def _close_anyway(self) -> bool:
        """Answers still wait for the server: closing loses them, so the buyer decides."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Réponses non enregistrées",
                          "Le serveur de la base partagée ne répond toujours pas : les réponses gardées dans "
                          "cette fenêtre seront perdues si vous la fermez.", parent=self)
        box.addButton("&Garder la fenêtre ouverte", QMessageBox.ButtonRole.RejectRole)
        close = box.addButton("&Fermer sans enregistrer", QMessageBox.ButtonRole.DestructiveRole)
        run_modal(box)
        return box.clickedButton() is close

    def flush(self) -> None:
        """Store at once whatever is still being typed."""
        for widget in self.question_widgets.values():
            widget.flush()
        if self._identity_timer.isActive():
            self._identity_timer.stop()
            self.save_identity()
        if self._eval_timer.isActive():
            self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        if self.pending.held and not self.retry_held() and not self._close_anyway():
            event.ignore()
            return
        super().closeEvent(event)
        self.closed.emit(self.dossier_id)
