"""The article list panel: filters and search narrow the list, choosing a row opens it."""

from __future__ import annotations

from annotations.store import Store
from desktop.article_list import ArticleListPanel


def panel_on(qtbot, project) -> ArticleListPanel:
    panel = ArticleListPanel(Store(project, reviewer="Ada"))
    qtbot.addWidget(panel)
    return panel


def test_the_label_filter_and_the_search_narrow_the_list(qtbot, project):
    panel = panel_on(qtbot, project)
    assert panel.list_count.text() == "3 articles"
    panel.label_filter.setCurrentIndex(panel.label_filter.findData("FIGURE"))
    assert panel.list_count.text() == "2 articles"  # Oslo has no figure
    qtbot.keyClicks(panel.search_edit, "trucks")
    qtbot.waitUntil(lambda: panel.list_count.text() == "1 articles")
    assert panel.list_model.article_id(0) == "gaza"


def test_choosing_a_row_asks_to_open_it_but_selecting_from_the_window_does_not(qtbot, project):
    panel = panel_on(qtbot, project)
    chosen = []
    panel.article_chosen.connect(chosen.append)
    panel.select("gaza")
    assert chosen == []
    panel.list_view.setCurrentIndex(panel.list_model.index(panel.list_model.row_of("kyiv"), 0))
    assert chosen == ["kyiv"]


def test_neighbours_follow_the_list_order_and_stop_at_the_ends(qtbot, project):
    panel = panel_on(qtbot, project)
    ids = [panel.list_model.article_id(r) for r in range(3)]
    assert panel.neighbour(ids[0], +1) == ids[1]
    assert panel.neighbour(ids[2], +1) is None
    assert panel.neighbour("not-listed", +1) == ids[0]


def test_n_in_the_window_moves_down_the_list(window, press):
    first = window.article.id
    press(window, "N")
    assert window.article.id == window.articles.neighbour(first, +1)
    assert window.list_view.currentIndex().row() == window.list_model.row_of(window.article.id)
