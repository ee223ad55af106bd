"""The bundled model's recipe reads the CoNLL-style corpora (WikiGold, SEC filings, the Broad
Twitter Corpus) into our labels as their own conventions mean them."""

from __future__ import annotations

import spacy

from annotations.recipes.news_model import convert_conll, read_conll_sentences


def labelled(path) -> list[list[tuple[str, str]]]:
    out = []
    for sent in read_conll_sentences(path):
        s = convert_conll(sent)
        out.append([(" ".join(s.words[a:b]), label) for a, b, label in s.ents])
    return out


def test_wikigold_io_tags_and_sec_columns_become_our_labels(tmp_path):
    wikigold = tmp_path / "wikigold.conll.txt"
    wikigold.write_text(
        "-DOCSTART- O\n\nThe I-ORG\nMad I-ORG\nCapsule I-ORG\nplayed O\nin O\nOsaka I-LOC\n"
        "with O\nMr. I-PER\nTom I-PER\nJones I-PER\n. O\n\n"
        "Barcelona I-ORG\nbeat O\nPorto I-ORG\nnear O\nthe O\nAndes I-LOC\nMountains I-LOC\n. O\n",
        encoding="utf-8",
    )
    first, second = labelled(wikigold)
    assert first == [("Mad Capsule", "ORG"), ("Osaka", "GPE"), ("Tom Jones", "PERSON")]
    # A club named after its city stays an organisation: what the model is to learn from it.
    assert second == [("Barcelona", "ORG"), ("Porto", "ORG"), ("Andes Mountains", "LOC")]

    sec = tmp_path / "FIN5.txt"
    sec.write_text(
        "SILICON NNP - I-ORG\nVALLEY NNP - I-ORG\nBANK NNP - I-ORG\n, , - O\na DT - O\n"
        "bank NN - I-ORG\nat IN - O\n3003 CD - I-LOC\nTasman NNP - I-LOC\nDrive NNP - I-LOC\n",
        encoding="utf-8",
    )
    # Upper-case headings keep their label; "the bank" and a street address are left unknown.
    assert labelled(sec) == [[("SILICON VALLEY BANK", "ORG")]]


def test_tweets_lose_handles_and_misc_is_unknown_not_outside(tmp_path):
    btc = tmp_path / "a.conll"
    btc.write_text(
        "@\tB-ORG\nGWS_Giants\tB-ORG\nbeat\tO\nEverton\tB-ORG\nat\tO\nthe\tO\nOlympics\tB-MISC\n",
        encoding="utf-8",
    )
    ((sent),) = list(read_conll_sentences(btc))
    s = convert_conll(sent)
    assert [(" ".join(s.words[a:b]), label) for a, b, label in s.ents] == [("Everton", "ORG")]
    doc = s.to_doc(spacy.blank("en").vocab)
    iob = {t.text: t.ent_iob_ for t in doc}
    assert iob["Everton"] == "B"
    assert iob["beat"] == "O"
    assert iob["GWS_Giants"] == "" and iob["Olympics"] == ""  # missing: the model is not told


def test_headline_copy_capitalises_all_but_short_function_words(tmp_path):
    path = tmp_path / "x.conll"
    path.write_text("Blinken I-PER\nmeets O\nNetanyahu I-PER\nwith O\nfocus O\non O\nhostages O\n")
    ((sent),) = list(read_conll_sentences(path))
    s = convert_conll(sent).headline()
    assert " ".join(s.words) == "Blinken Meets Netanyahu with Focus on Hostages"
    assert [(" ".join(s.words[a:b]), label) for a, b, label in s.ents] == [
        ("Blinken", "PERSON"),
        ("Netanyahu", "PERSON"),
    ]
