"""The sentence matcher behind re-telling detection, and the command that trains it.

The pairs are written so that each differs from its twin in one respect only (a number,
a name, a negation): the matcher must score the changed pair lower, because a page that
gives two different figures for one fact is not repeating itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from newslint.server.engine import nlp
from newslint.server.engine.similarity import (
    FEATURES,
    SentenceMatcher,
    SentenceView,
    english_weight,
    features,
    matcher,
    page_weights,
    sentence_views,
    view,
    whole_view,
)
from newslint.server.evaluate.paraphrase import fit, predict, read_pairs
from newslint.server.pages.extract import page_from_html

from tests.golden import PAGES

ORIGINAL = "The company said on Tuesday that it would cut 1,200 jobs in Ohio by the end of March."
PARAPHRASE = (
    "The company announced Tuesday it will eliminate 1,200 jobs in Ohio by the end of March."
)


def v(text: str) -> SentenceView:
    return view(nlp.load()(text)[:])


def p(a: str, b: str) -> float:
    return matcher().probability(v(a), v(b), english_weight)


def test_views_read_once_per_doc_are_the_views_of_each_sentence() -> None:
    """`sentence_views` picks each sentence's entities from the doc's once (`Span.ents`
    rebuilds them all per sentence), and keeps the views for as long as the doc: the
    same views as `view` gives each sentence, names that cross no sentence included."""
    html = (PAGES / "trump-putin-call" / "source.html").read_text(encoding="utf-8")
    texts = [block.text for block in page_from_html(html).blocks]
    texts.append("Prime Minister Keir Starmer met Emmanuel Macron in Paris. They spoke of "
                 "NATO. Then Starmer flew to Washington D.C. on Air Force One.")
    docs = list(nlp.parse(texts))
    names = 0
    for doc in docs:
        views = sentence_views(doc)
        assert views == tuple(view(sentence) for sentence in doc.sents)
        assert sentence_views(doc) is views
        assert whole_view(doc) == view(doc[:]) and whole_view(doc) is whole_view(doc)
        names += sum(len(v.names) for v in views)
    assert names >= 10
    assert {"starmer", "macron", "paris"} <= set().union(*(v.names for v in
                                                            sentence_views(docs[-1])))


def test_a_clear_paraphrase_scores_above_the_threshold() -> None:
    assert p(ORIGINAL, PARAPHRASE) >= matcher().threshold


def test_unrelated_sentences_score_below_the_threshold() -> None:
    other = "Heavy rain flooded several streets in the old town on Sunday evening."
    assert p(ORIGINAL, other) < matcher().threshold


def test_probability_is_a_probability_and_symmetric_in_meaning() -> None:
    forward, backward = p(ORIGINAL, PARAPHRASE), p(PARAPHRASE, ORIGINAL)
    assert 0.0 <= forward <= 1.0
    assert forward == pytest.approx(backward, abs=1e-9)


def test_a_different_number_scores_lower_than_its_twin() -> None:
    changed = PARAPHRASE.replace("1,200", "3,400")
    assert p(ORIGINAL, changed) < p(ORIGINAL, PARAPHRASE)


def test_a_different_name_scores_lower_than_its_twin() -> None:
    a = "Putin told Scholz on Friday that the talks in Geneva had failed."
    twin = "On Friday Putin told Scholz the Geneva talks had failed."
    changed = "On Friday Putin told Macron the Geneva talks had failed."
    assert p(a, changed) < p(a, twin)


def test_a_negation_scores_lower_than_its_twin() -> None:
    a = "The minister said the government would raise taxes on fuel next year."
    twin = "The government will raise fuel taxes next year, the minister said."
    changed = "The government will not raise fuel taxes next year, the minister said."
    assert p(a, changed) < p(a, twin)


def test_spelling_variants_of_a_name_match() -> None:
    a = v("Zelensky thanked Trump for the phone call on Thursday.")
    b = v("Zelenskyy thanked Trump for the phone call on Thursday.")
    x = dict(zip(FEATURES, features(a, b, english_weight), strict=True))
    assert x["lower_cover"] == pytest.approx(1.0)
    assert matcher().probability(a, b, english_weight) >= matcher().threshold


def test_features_are_in_the_unit_interval_and_match_the_model() -> None:
    x = features(v(ORIGINAL), v(PARAPHRASE), english_weight)
    assert len(x) == len(FEATURES) == len(matcher().weights)
    assert all(0.0 <= value <= 1.0 for value in x)


def test_page_weights_discount_words_many_blocks_share() -> None:
    sentences = [("trump", "call"), ("trump", "escalate"), ("trump",), ("trump",), ("trump",)]
    weight = page_weights(sentences, range(len(sentences)))
    assert weight("escalate") == pytest.approx(english_weight("escalate"))
    assert weight("trump") == pytest.approx(english_weight("trump") * 2 / 5)
    assert weight("trump") == weight("trump")  # remembered, not recomputed differently


def test_the_model_file_round_trips_and_refuses_other_features() -> None:
    model = matcher()
    assert SentenceMatcher.from_json(json.loads(json.dumps(model.to_json()))) == model
    stale = {**model.to_json(), "features": ["something", "else"]}
    with pytest.raises(ValueError, match="retrain"):
        SentenceMatcher.from_json(stale)


def test_read_pairs_reads_mrpc_with_its_bom_and_unescaped_quotes(tmp_path: Path) -> None:
    path = tmp_path / "pairs.txt"
    path.write_text(
        "\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
        '1\t1\t2\tHe called him "the witness".\t"The witness," he called him.\n'
        "0\t3\t4\tShares rose 5%.\tShares fell 7%.\n"
        "not a pair\n",
        encoding="utf-8",
    )
    pairs = read_pairs(path)
    assert [pair.label for pair in pairs] == [1, 0]
    assert pairs[0].a == 'He called him "the witness".'
    assert pairs[0].b == '"The witness," he called him.'


def test_read_pairs_refuses_a_file_without_pairs(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n", encoding="utf-8")
    with pytest.raises(Exception, match="no sentence pairs"):
        read_pairs(path)


def test_fit_recovers_a_separable_toy_problem() -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, size=(400, 2))
    y = (x[:, 0] - x[:, 1] > 0).astype(float)
    w, b = fit(x, y, l2=1e-3)
    assert w[0] > 0 > w[1]
    assert np.mean((predict(x, w, b) >= 0.5) == y) >= 0.97
