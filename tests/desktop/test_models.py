"""The item models pass Qt's model tester and show what the list promises."""

from __future__ import annotations

from annotations.model import Source, Stance
from annotations.store import Store
from desktop.models import ArticleListModel, SourceLinkModel


def test_article_list_model_passes_modeltester(qtmodeltester, project):
    store = Store(project, reviewer="Ada")
    model = ArticleListModel(store)
    qtmodeltester.check(model, force_py=True)
    model.set_filters(search="gaza")
    qtmodeltester.check(model, force_py=True)
    store.close()


def test_article_list_shows_decided_counts_after_an_operation(project):
    store = Store(project, reviewer="Ada")
    model = ArticleListModel(store)
    row = model.row_of("kyiv")
    assert model.index(row, 4).data() == "0/3"
    change = store.accept(store.spans("kyiv")[0].id)
    model.refresh(change.article_ids)
    assert model.index(row, 4).data() == "1/3"
    assert model.index(row, 3).data() == "in review"
    store.close()


def test_article_list_filters_by_label_and_verdict(project):
    store = Store(project, reviewer="Ada")
    model = ArticleListModel(store)
    model.set_filters(label="GPE")
    assert model.rowCount() == 3
    model.set_filters(label="ORG")
    assert [model.article_id(r) for r in range(model.rowCount())] == ["gaza"]
    fig = next(s for s in store.spans("kyiv") if s.label == "FIGURE")
    store.set_verdict(fig.id, "false")
    model.set_filters(verdict="false")
    assert [model.article_id(r) for r in range(model.rowCount())] == ["kyiv"]
    store.close()


def test_source_link_model_passes_modeltester(qtmodeltester, project):
    store = Store(project, reviewer="Ada")
    span = store.spans("gaza")[0]
    store.link_source(span.id, Source("https://a.example/x", title="A"), Stance.SUPPORTS, "quote")
    store.link_source(span.id, Source("https://b.example/y", outlet="B"), Stance.CONTRADICTS)
    model = SourceLinkModel()
    model.set_links(store.links(span.id))
    qtmodeltester.check(model, force_py=True)
    assert [model.index(r, 0).data() for r in range(2)] == ["supports", "contradicts"]
    store.close()
