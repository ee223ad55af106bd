"""The review window: the composition root of the article list, article view, span panel and
status bar, driven by one shortcut table.

Every edit is one core operation run by `ReviewActions`; the window refreshes from the `Change`
it returns (`operation_did_execute`) and never reads or writes the database itself.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QInputDialog,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotations.errors import FactmarkError
from annotations.model import Article, Change, Span
from annotations.store import NotFound, Store
from annotations.text import sentence_of
from desktop.adjudication_view import AdjudicationView
from desktop.article_list import ArticleListPanel
from desktop.article_view import ArticleView, LegendView
from desktop.body_bounds import BodyBounds
from desktop.help_dialog import ShortcutsDialog
from desktop.jobs import Job, Work
from desktop.key_routing import FieldKeyGuard
from desktop.label_picker import LabelPicker
from desktop.marking import MARKING_HELP, MarkingState
from desktop.models import article_header
from desktop.panes import ArticlePanes
from desktop.plain_text import plain_label
from desktop.project_watch import ProjectWatch
from desktop.project_work import ProjectWork
from desktop.review_actions import ReviewActions
from desktop.shortcut_actions import install_shortcuts
from desktop.shortcuts import HELP_ROWS, SHORTCUTS
from desktop.sources_dialog import SourceDialog, open_in_browser
from desktop.span_panel import SpanPanel
from desktop.status_bar import ReviewStatusBar
from desktop.style import style_for
from desktop.team_agreement import open_team_dialog
from desktop.theme import apply_theme, dark_mode_action, dark_mode_setting
from desktop.undecided_dialog import (
    ASK,
    CHOICES,
    UndecidedDialog,
    set_undecided_choice,
    undecided_choice,
)


class ReviewWindow(QMainWindow):
    article_did_open = Signal(str)

    def __init__(self, store: Store, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        store.view_as_reviewer()  # their queue; in blind review, nothing of the others' work
        self.settings = settings
        self.db_key = hashlib.sha1(str(Path(store.path).resolve()).encode()).hexdigest()[:12]
        self.article: Article | None = None
        self.spans: list[Span] = []
        self.current_id: int | None = None
        self._places: dict[str, int] = {}  # article id -> the span last current in it
        self.review_actions = ReviewActions(store, self, self)
        self.project_work = ProjectWork(store, self, self.show_error)
        self.undo_stack = self.review_actions.undo_stack
        self.operation_did_execute = self.review_actions.operation_did_execute
        self.run_op = self.review_actions.run_op
        self.setWindowTitle(self._title())
        self.setAcceptDrops(True)
        self._build()
        self.marking = MarkingState(self.view.set_draft)
        self._install_shortcuts()
        self._build_menus()
        self.operation_did_execute.connect(self._on_operation_did_execute)
        self.body_bounds = BodyBounds(self, self)  # furniture dimmed; [ and ] move the body
        self.project_work.articles_imported.connect(self._on_articles_imported)
        self.watch = ProjectWatch(store, self)
        self.watch.others_changed.connect(self._on_watch_others_changed)
        self.watch.changed_elsewhere.connect(self._on_watch_changed_elsewhere)
        self._show_others(self.watch.others, opened=True)
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self.update_status)
        self._status_timer.start(15_000)
        # Writing settings costs ~15 ms (the file is replaced safely), the status bar a few
        # queries: both wait for a pause in the reviewer's keystrokes instead of delaying each.
        self._save_place = _debounce(self, 400, self.settings.sync)
        self._status_soon = _debounce(self, 300, self.update_status)
        self.update_status()

    # ================================================================== layout
    def _build(self) -> None:
        self.articles = ArticleListPanel(self.store)
        self.search_edit = self.articles.search_edit
        self.status_filter = self.articles.status_filter
        self.label_filter = self.articles.label_filter
        self.verdict_filter = self.articles.verdict_filter
        self.list_model = self.articles.list_model
        self.list_view = self.articles.list_view
        self.list_count = self.articles.list_count

        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(4, 4, 4, 4)
        self.title_label = plain_label(wrap=True)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.meta_label = plain_label()
        self.legend = LegendView()
        self.view = ArticleView()
        ml.addWidget(self.title_label)
        ml.addWidget(self.meta_label)
        ml.addWidget(self.legend)
        ml.addWidget(self.view, 1)

        self.panel = SpanPanel()
        self.panes = ArticlePanes(middle, self.panel)  # the panel goes below in a narrow window

        splitter = QSplitter()
        splitter.addWidget(self.articles)
        splitter.addWidget(self.panes)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 7)
        splitter.setSizes([400, 1040])
        self.setCentralWidget(splitter)

        self.status_bar = ReviewStatusBar(self.store, self)
        self.setStatusBar(self.status_bar)
        self.others_label = self.status_bar.others_label
        self.reviewer_label = self.status_bar.reviewer_label
        self.progress_label = self.status_bar.progress_label
        self.session_label = self.status_bar.session_label

        self.articles.article_chosen.connect(self.open_article)
        self.articles.search_done.connect(self.view.setFocus)
        self.view.span_clicked.connect(self._on_view_span_clicked)
        self.panel.label_chosen.connect(lambda label: self.do_label(label))
        self.panel.verdict_chosen.connect(lambda v: self.do_verdict(v))
        self.panel.note_edited.connect(self.review_actions.set_note)
        self.panel.figure_edited.connect(self.review_actions.edit_figure)
        self.panel.figure_invalid.connect(self.show_error)
        self.panel.link_requested.connect(self.do_link_source)
        self.panel.open_requested.connect(self._on_panel_open_requested)
        self.panel.unlink_requested.connect(self.review_actions.unlink_source)
        self.panel.editing_done.connect(self.view.setFocus)
        self._field_keys = FieldKeyGuard(self, self._on_field_escaped)
        self._field_keys.guard(self)

    def _on_field_escaped(self) -> None:
        """Escape in a field: a panel field goes back to its stored value; keys to the review."""
        self.panel.restore_field(self.focusWidget())
        self.view.setFocus()

    def _install_shortcuts(self) -> None:
        """One QAction per action of the table, holding every key the table gives it."""
        self.shortcut_actions = install_shortcuts(self, SHORTCUTS)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction("Import files…", self.do_import_files)
        file_menu.addAction("Import folder…", self.do_import_folder)
        if importlib.util.find_spec("annotations.exporters") is not None:
            file_menu.addAction("Export…", self.do_export)
        if importlib.util.find_spec("annotations.learn") is not None:
            file_menu.addAction("Train model…", self.do_train)
        file_menu.addSeparator()
        self.change_reviewer_action = file_menu.addAction(
            "Change reviewer…", self.do_change_reviewer
        )
        file_menu.addSeparator()
        file_menu.addAction("Quit", self.close)
        view_menu = bar.addMenu("&View")
        self.dark_mode_action = dark_mode_action(self, self.settings)
        view_menu.addAction(self.dark_mode_action)
        if dark_mode_setting(self.settings):
            apply_theme(True)
        review = bar.addMenu("&Review")
        menus: dict[str, object] = {}
        for action in dict.fromkeys(self.shortcut_actions[sc.key] for sc in SHORTCUTS):
            group = next(sc.group for sc in SHORTCUTS if self.shortcut_actions[sc.key] is action)
            if group not in menus:
                menus[group] = review.addMenu(group)
            menus[group].addAction(action)
        review.addSeparator()
        self.team_action = review.addAction(
            "Team agreement and progress…", lambda: open_team_dialog(self, self.open_article)
        )
        undecided = review.addMenu("Undecided suggestions at Ctrl+Return")
        group = QActionGroup(self)
        self.undecided_actions: dict[str, QAction] = {}
        for choice, text in CHOICES.items():
            action = undecided.addAction(text)
            action.setCheckable(True)
            group.addAction(action)
            action.triggered.connect(lambda _c=False, c=choice: self._on_undecided_chosen(c))
            self.undecided_actions[choice] = action
        self._sync_undecided_menu()

    def _on_undecided_chosen(self, choice: str) -> None:
        set_undecided_choice(self.settings, choice)
        self.settings.sync()

    def _sync_undecided_menu(self) -> None:
        self.undecided_actions[undecided_choice(self.settings)].setChecked(True)

    # ================================================================== list and filters
    def apply_filters(self) -> None:
        self.articles.apply_filters()

    # ================================================================== opening
    def open_article(self, article_id: str, span_id: int | None = None) -> None:
        if self.article is not None and self.current_id is not None:
            self._places[self.article.id] = self.current_id  # undo comes back here
        try:
            self.article = self.store.article(article_id)
        except NotFound as e:
            self.show_error(str(e))
            return
        self.spans = self.store.spans(article_id)
        a = self.article
        self.marking.set_text(a.text)
        self.title_label.setText(a.title or a.id)
        self.meta_label.setText(article_header(a))
        self.view.set_article(a.text, self.spans)
        self.articles.select(article_id)
        if span_id is None or not any(s.id == span_id for s in self.spans):
            undecided = [s for s in self.spans if not s.status.decided]
            span_id = (undecided or self.spans or [None])[0]
            span_id = span_id.id if span_id else None
        self.set_current(span_id)
        self.article_did_open.emit(article_id)

    def restore_last(self) -> None:
        """Back to the article and span the reviewer last had open (or the first article)."""
        aid = self.settings.value(f"last/{self.db_key}/article")
        sid = self.settings.value(f"last/{self.db_key}/span")
        if aid and self.list_model.row_of(str(aid)) is not None:  # listed: in their queue
            self.open_article(str(aid), int(sid) if sid not in (None, "") else None)
            self.view.flash(self.current_id)  # "you were here"
        elif self.articles.first_article() is not None:
            self.open_article(self.articles.first_article())
        else:
            self.statusBar().showMessage(
                "No articles yet: File → Import, or drop files and folders here."
            )
        self.view.setFocus()  # keys go to the review, not the search box

    def _has_span(self, span_id: int) -> bool:
        return any(s.id == span_id for s in self.spans)

    @property
    def draft(self) -> tuple[int, int] | None:
        return self.marking.draft

    def current_span(self) -> Span | None:
        return next((s for s in self.spans if s.id == self.current_id), None)

    def set_current(self, span_id: int | None) -> None:
        self.current_id = span_id
        span = self.current_span()
        self.view.set_current(span)
        self._show_panel(span)
        self.settings.setValue(
            f"last/{self.db_key}/article", self.article.id if self.article else ""
        )
        self.settings.setValue(f"last/{self.db_key}/span", span_id if span_id is not None else "")
        self._save_place.start()  # a killed app reopens here (written within half a second)

    def _show_panel(self, span: Span | None) -> None:
        if span is None or self.article is None:
            self.panel.show_span(None)
            return
        self.panel.show_span(
            span, self.store.links(span.id), self.store.stance_counts(span.id),
            paragraph_sentence(self.article.text, span.start, span.end),
        )  # fmt: skip

    # ================================================================== refreshing
    def _on_operation_did_execute(self, change: Change) -> None:
        self.articles.follow(change)  # its rows, and which articles are in conflict
        focus = change.created_span_id
        if (
            self.article is not None
            and self.article.id not in change.article_ids
            and change.article_ids
            and change.op == "revert"
        ):
            # Undo of an edit in another article: go there, so the reviewer sees what changed.
            aid = sorted(change.article_ids)[0]
            self.open_article(aid, next(iter(change.span_ids), None) or self._places.get(aid))
            self.view.flash(self.current_id)
        elif self.article is not None and self.article.id in change.article_ids:
            self._reload_spans(change)
            if focus is None and change.op == "revert":  # undo: go to the span it changed
                focus = next((i for i in sorted(change.span_ids) if self._has_span(i)), None)
            if focus is None and self.current_span() is None:
                focus = next((i for i in change.span_ids if self._has_span(i)), None)
            if focus is None and self.current_span() is None and self.spans:
                focus = self.spans[0].id
            self.set_current(focus if focus is not None else self.current_id)
            self._refresh_header()
            if change.op == "revert":
                self.view.flash(self.current_id)  # show which span the undo changed
        self._status_soon.start()

    def _refresh_header(self) -> None:
        """The status under the title follows every decision ("new" → "in review" → "reviewed")."""
        rows = self.store.summaries([self.article.id]) if self.article else []
        if rows and rows[0].status != self.article.status:
            self.article = replace(self.article, status=rows[0].status)
        if self.article is not None:
            self.meta_label.setText(article_header(self.article))

    def reload_article(self) -> None:
        """Show the stored state of the open article again (after a conflict), keeping the place."""
        if self.article is None:
            return
        try:
            self.article = self.store.article(self.article.id)
        except NotFound:
            self.article = None
            self.articles.select(None)
            self.apply_filters()
            return
        self.meta_label.setText(article_header(self.article))
        self.body_bounds.show()
        self.spans = self.store.spans(self.article.id)
        self.view.set_spans(self.spans, None)
        keep = self.current_id if self.current_span() is not None else None
        self.set_current(keep if keep is not None else (self.spans[0].id if self.spans else None))
        self.list_model.refresh({self.article.id})

    def _reload_spans(self, change: Change) -> None:
        """Refresh only the spans the operation touched (cheap for the common one-span edit)."""
        changed: tuple[int, int] | None = None
        if (
            change.created_span_id is None
            and change.op not in ("revert", "delete_span")
            and len(change.span_ids) <= 4
        ):
            by_id = {s.id: s for s in self.spans}
            for sid in change.span_ids:
                old = by_id.get(sid)
                try:
                    by_id[sid] = new = self.store.span(sid)
                except NotFound:
                    by_id.pop(sid, None)
                    new = None
                edges = [x for s in (old, new) if s is not None for x in (s.start, s.end)]
                if edges:
                    lo, hi = min(edges), max(edges)
                    changed = (min(lo, changed[0]), max(hi, changed[1])) if changed else (lo, hi)
            self.spans = sorted(by_id.values(), key=lambda s: (s.start, s.end, s.id))
        else:
            self.spans = self.store.spans(self.article.id)
        self.view.set_spans(self.spans, changed)

    # ================================================================== actions (shortcut table)
    def do_next_span(self) -> None:
        self.step_span(+1)

    def do_previous_span(self) -> None:
        self.step_span(-1)

    def step_span(self, step: int) -> None:
        if not self.spans:
            return
        current = self.current_span()
        if current is not None and self.view.isVisible():
            if not self.view.on_screen(current.start, current.end):
                # The reviewer scrolled away: carry on from what they are looking at.
                shown = self.view.span_on_screen(step)
                if shown is not None:
                    self.set_current(shown.id)
                    return
        ids = [s.id for s in self.spans]
        i = ids.index(self.current_id) if self.current_id in ids else (-1 if step > 0 else len(ids))
        self.set_current(ids[max(0, min(len(ids) - 1, i + step))])

    def do_next_article(self) -> None:
        self._step_article(+1)

    def do_previous_article(self) -> None:
        self._step_article(-1)

    def _step_article(self, step: int) -> None:
        aid = self.articles.neighbour(self.article.id if self.article else None, step)
        if aid is not None:
            self.open_article(aid)

    def do_accept(self) -> None:
        self.review_actions.accept()

    def do_reject(self) -> None:
        self.review_actions.reject()

    def do_label(self, label: str) -> None:
        rng = self.view.selected_range() or self.marking.draft
        if rng is not None:
            self._create_span(rng, label)
        else:
            self.review_actions.relabel(label)

    def do_nudge(self, arg: str) -> None:
        edge, direction = arg.split(":")
        if self.marking.active:
            self.marking.move_edge(edge, int(direction))
        else:
            self.review_actions.nudge(edge, int(direction))

    # -------------------------------------------------- making spans by keyboard or mouse
    def do_mark(self) -> None:
        if self.article is None:
            return
        if self.marking.active:
            self._ask_label(self.marking.draft)
            return
        span = self.current_span()
        if self.marking.start(span.end if span else 0):
            self.statusBar().showMessage(MARKING_HELP, 8000)

    def do_move_mark(self, arg: str) -> None:
        if self.marking.active:
            self.marking.move(int(arg))
        else:
            self.step_span(int(arg))

    def do_create(self) -> None:
        rng = self.view.selected_range() or self.marking.draft
        if rng is None:
            self.show_error(
                "Select some text with the mouse, or press M to mark a span by keyboard."
            )
            return
        self._ask_label(rng)

    def _ask_label(self, rng: tuple[int, int]) -> None:
        """Ask the new span's label (number key, or ↑/↓ and Return), beside the marked text."""
        picker = LabelPicker(self.review_actions.likely_label(rng), self)
        picker.label_chosen.connect(lambda label: self._create_span(rng, label))
        picker.aboutToHide.connect(self.view.setFocus)
        self.label_picker = picker
        rects = self.view.range_rects(*rng)
        spot = rects[-1].toRect().bottomLeft() if rects else self.view.rect().center()
        picker.popup(self.view.viewport().mapToGlobal(spot))

    def _create_span(self, rng: tuple[int, int], label: str) -> None:
        if self.review_actions.create(rng, label) is not None:
            self.marking.clear()
            self.view.clear_selection()

    def do_cancel(self) -> None:
        self.marking.clear()
        self.view.clear_selection()
        self.view.setFocus()

    def do_delete(self) -> None:
        self.review_actions.delete()

    # -------------------------------------------------- figures, sources, article
    def do_edit_figure(self) -> None:
        span = self.review_actions.require_span()
        if span is None:
            return
        if self._not_a_figure(span):
            return
        self.panel.value_edit.setFocus()
        self.panel.value_edit.selectAll()

    def do_edit_note(self) -> None:
        if self.review_actions.require_span() is not None:
            self.panel.note_edit.setFocus()
            self.panel.note_edit.selectAll()

    def do_verdict(self, verdict: str) -> None:
        span = self.review_actions.require_span()
        if span is not None and not self._not_a_figure(span):
            self.review_actions.verdict(verdict)

    def _not_a_figure(self, span: Span) -> bool:
        """Say so (by the span's words and label name, never its id) when it is not a figure."""
        if span.figure is not None:
            return False
        name = style_for(span.label).name
        self.show_error(f"‘{span.text}’ is a {name}, not a figure: press 1 to make it one first.")
        return True

    def do_change_reviewer(self) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Change reviewer")
        dialog.setLabelText("Your name (written on every decision you make from now on):")
        dialog.setTextValue(self.store.reviewer or "")
        dialog.textValueSelected.connect(self.set_reviewer)
        dialog.finished.connect(self.view.setFocus)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reviewer_dialog = dialog
        dialog.open()

    def set_reviewer(self, name: str) -> None:
        """Write later decisions as `name`, remembered for the next start."""
        try:
            self.store.set_reviewer(name)
        except FactmarkError as e:
            self.show_error(str(e))
            return
        self.settings.setValue("reviewer", self.store.reviewer)
        self.watch.rename(self.store.reviewer)
        self.articles.reload()  # another reviewer's queue, and in blind review their view
        first = self.articles.first_article()
        if self.article and self.list_model.row_of(self.article.id) is None and first:
            self.open_article(first)  # the open article is not in their queue
        else:
            self.reload_article()
        self.update_status()
        self.show_message(f"Decisions from now on are written as {self.store.reviewer}.")

    def do_link_source(self) -> None:
        span = self.review_actions.require_span()
        if span is None:
            return
        dialog = SourceDialog(lambda text: self.store.find_sources(text), span.text, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.review_actions.link_source(span.id, dialog.result_link())
        )
        dialog.finished.connect(self.view.setFocus)
        self.source_dialog = dialog
        dialog.open()

    def do_open_source(self) -> None:
        link = self._chosen_link()
        if link is not None:
            self._on_panel_open_requested(link.source.url)

    def do_unlink_source(self) -> None:
        link = self._chosen_link()
        if link is not None and link.id is not None:
            self.review_actions.unlink_source(link.id)

    def _chosen_link(self):
        """The panel's selected (or only) source link; with several and none selected, the
        list takes the keys so the reviewer can choose one."""
        if self.review_actions.require_span() is None:
            return None
        link = self.panel.selected_link()
        if link is None:
            if not self.panel.link_model.links:
                self.show_error("No source is linked to this span: press L to link one.")
            else:
                self.panel.choose_link()
                self.show_message("Several sources: choose one with ↑/↓, then O or Shift+L.")
        return link

    def _on_panel_open_requested(self, url: str) -> None:
        try:
            open_in_browser(url)
        except FactmarkError as e:
            self.show_error(str(e))

    def do_accept_all(self) -> None:
        self.review_actions.accept_all()

    def do_mark_reviewed(self) -> None:
        if self.article is None:
            return
        count = len(self.review_actions.undecided_ids())
        choice = undecided_choice(self.settings)
        if count and choice == ASK:
            dialog = UndecidedDialog(count, self.settings, self)
            dialog.chosen.connect(self._mark_reviewed)
            dialog.finished.connect(self.view.setFocus)
            self.undecided_dialog = dialog
            dialog.open()
            return
        self._mark_reviewed(choice if count else None)

    def _mark_reviewed(self, undecided: str | None) -> None:
        aid = self.article.id
        if self.review_actions.mark_reviewed(undecided) is None:
            return
        self._sync_undecided_menu()
        nxt = self.store.next_unreviewed(after=aid)
        if nxt is None:
            self.statusBar().showMessage("Every article is reviewed.", 8000)
        else:
            self.open_article(nxt)

    def do_undo(self) -> None:
        if self.undo_stack.canUndo():  # said first: a conflict while undoing says more after
            self.statusBar().showMessage(f"Undo: {self.undo_stack.undoText()}", 4000)
            self.undo_stack.undo()

    def do_redo(self) -> None:
        if self.undo_stack.canRedo():
            self.statusBar().showMessage(f"Redo: {self.undo_stack.redoText()}", 4000)
            self.undo_stack.redo()

    def do_body_start(self) -> None:
        self.body_bounds.set_start()

    def do_body_end(self) -> None:
        self.body_bounds.set_end()

    def do_find(self) -> None:
        self.articles.focus_search()

    def do_adjudicate(self) -> None:
        """The open article's differences between reviewers, in a window of their own."""
        refused = self.article and self.store.adjudication_refused(self.article.id)
        if refused:
            self.show_error(refused)
        elif self.article is not None:
            self.adjudication_view = AdjudicationView(self, self.article.id)
            self.adjudication_view.show()

    def do_help(self) -> None:
        self.help_dialog = ShortcutsDialog(HELP_ROWS, self)
        self.help_dialog.show()

    def do_claims(self) -> None:
        """The claims view, made on first use (it loads the plotting library then), on the
        current figure's claim when it has one."""
        if getattr(self, "claims_view", None) is None:
            self.claims_view = importlib.import_module("desktop.claims_view").ClaimsView(self)
        self.claims_view.open(self.current_id)

    def _on_view_span_clicked(self, span_id: int) -> None:
        self.set_current(span_id)

    # ================================================================== other reviewers
    def _title(self) -> str:
        return f"factmark — {Path(self.store.path).name}"

    def _on_watch_others_changed(self, others: list) -> None:
        self._show_others(others, opened=False)

    def _show_others(self, others: list, opened: bool) -> None:
        self.status_bar.show_others(others, opened)
        also = f" (also open: {', '.join(s.reviewer for s in others)})" if others else ""
        self.setWindowTitle(self._title() + also)

    def _on_watch_changed_elsewhere(self) -> None:
        """Show what someone else saved — unless the reviewer is typing in the panel or marking a
        span, which a reload would interrupt (their edit is still checked when it is saved)."""
        focus = self.focusWidget()
        if self.marking.active or (focus is not None and self.panel.isAncestorOf(focus)):
            return
        self.reload_article()
        self._status_soon.start()

    # ================================================================== status bar
    def show_error(self, message: str) -> None:
        self.status_bar.show_error(message)

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def update_status(self) -> None:
        self.status_bar.update_counts()

    # ================================================================== background work
    # The File menu's work lives in ProjectWork; these names stay for the menu and scripts.
    @property
    def jobs(self) -> list[Job]:
        return self.project_work.jobs

    @property
    def problems_box(self):
        return self.project_work.problems_box

    def start_job(self, title: str, work: Work, on_done) -> Job:
        return self.project_work.start_job(title, work, on_done)

    def import_paths(self, paths: list[str], highlight: bool = True) -> Job:
        return self.project_work.import_paths(paths, highlight)

    def export_to(self, fmt: str, path: str) -> Job:
        return self.project_work.export_to(fmt, path)

    def do_import_files(self) -> None:
        self.project_work.import_files()

    def do_import_folder(self) -> None:
        self.project_work.import_folder()

    def do_export(self) -> None:
        self.project_work.export()

    def do_train(self) -> None:
        self.project_work.train()

    def _on_train_done(self, result) -> None:
        self.project_work.on_train_done(result)

    def _on_articles_imported(self) -> None:
        self.articles.reload()
        self.update_status()
        if self.article is None and self.articles.first_article() is not None:
            self.open_article(self.articles.first_article())

    # ================================================================== drag and drop, closing
    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt override)
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt override)
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.view.setFocus()  # keys go to the review from the first moment

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.project_work.wait_all()
        for timer in (self._status_timer, self._status_soon, self._save_place):
            timer.stop()  # nothing may touch the store once the window is closed
        self.articles.stop()
        self.watch.stop()
        self.settings.sync()
        super().closeEvent(event)


def _debounce(parent: QWidget, ms: int, fn) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(fn)
    return timer


def paragraph_sentence(text: str, start: int, end: int) -> str:
    """The sentence holding [start, end), looked for only in its paragraph (long articles)."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    return sentence_of(text[lo:hi], start - lo, end - lo)
