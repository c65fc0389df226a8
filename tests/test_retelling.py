"""Repeats inside one page: near copies, re-tellings by meaning, and how they are scored.

The texts are written for these tests; each case isolates one thing a reader would call
(or not call) a repeat.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from newslint.server.cli import main
from newslint.server.engine import copied_phrases, nlp, retelling
from newslint.server.engine.analyze import analyze
from newslint.server.engine.embeddings import MAX_PIECES, encoder
from newslint.server.engine.page import Block, Page
from newslint.server.engine.retelling import FEATURES, Candidate, RetellingModel
from spacy.tokens import Span

LEDE = ("The regional water board voted on Thursday to raise the price of drinking water by "
        "eleven percent from January, citing the cost of replacing pipes laid in the 1950s.")
QUOTE = ("Board chair Imogen Farrow said the increase would pay for forty kilometres of new "
         "mains every year until the end of the decade.")
OTHER = ("Opposition councillors asked for a discount for pensioners, which the board promised "
         "to study before the spring session.")


def page(*texts: str, kinds: tuple[str, ...] = ()) -> Page:
    kinds = kinds or ("p",) * len(texts)
    return Page([Block(f"b{i}", k, t) for i, (k, t) in enumerate(zip(kinds, texts, strict=True))],
                language="en")


def duplicates(p: Page) -> list[tuple[str, str, list[str]]]:
    return [(a.rule, a.span.block, [r["block"] for r in a.related])
            for a in analyze(p).annotations if a.type == "duplicate"]


def test_a_paragraph_repeated_inside_a_longer_one_is_found() -> None:
    found = duplicates(page(LEDE, OTHER, QUOTE + " " + LEDE + " " + OTHER))
    assert ("duplicate.near", "b2", ["b0", "b1"]) in found


def test_one_long_sentence_copied_word_for_word_is_found_even_among_new_ones() -> None:
    later = (OTHER.replace("pensioners", "students") + " " + QUOTE + " The vote passed "
             "nine to four after a debate of three hours.")
    found = duplicates(page(LEDE, QUOTE.replace("forty", "thirty"), later))
    assert any(rule == "duplicate.near" and block == "b2" for rule, block, _ in found), found


def test_a_pull_quote_a_caption_and_list_items_are_the_authors_own_repeats() -> None:
    kinds = ("p", "pullquote", "figcaption", "li", "p")
    found = duplicates(page(QUOTE, QUOTE, QUOTE, QUOTE, OTHER, kinds=kinds))
    assert found == []


@pytest.mark.slow  # a 400-paragraph page
def test_a_long_repetitive_page_still_finds_its_copies() -> None:
    """Every word here is on hundreds of sentences: no term is rare, and a cap on common
    terms used to switch the search off (issue 15). The copy must still be found."""
    filler = [f"The board met again on day {n} and the board discussed the water price again."
              for n in range(400)]
    found = duplicates(page(LEDE, *filler, LEDE + " " + QUOTE))
    assert ("duplicate.near", f"b{len(filler) + 1}", ["b0"]) in found


def test_paraphrases_are_closer_than_unrelated_paragraphs() -> None:
    retold = ("From January, drinking water will cost eleven percent more after Thursday's vote "
              "by the regional water board, which pointed to pipes dating from the 1950s.")
    vectors = encoder().encode([LEDE, retold, OTHER])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > 0.8 > vectors[0] @ vectors[2] + 0.2


def test_the_page_rule_needs_a_crowd_or_a_sure_paragraph() -> None:
    """One weak re-telling on a page that repeats nothing else is how news recalls a fact;
    several are a padded page."""
    weights = (1.0,) + (0.0,) * (len(FEATURES) - 1)
    model = RetellingModel(weights, 0.0, high=0.8, low=0.6, cluster=2, trained={})

    def candidate(block: int, similarity: float) -> Candidate:
        # logit(similarity) as the only non-zero feature gives probability `similarity`
        logit = float(np.log(similarity / (1 - similarity)))
        return Candidate(block, (logit,) + (0.0,) * (len(FEATURES) - 1), ((0, 0.9),))

    assert retelling.decide([candidate(3, 0.65)], model) == []
    assert [r.block for r in retelling.decide([candidate(3, 0.85)], model)] == [3]
    assert [r.block for r in retelling.decide([candidate(3, 0.65), candidate(5, 0.7)], model)] \
        == [3, 5]


def test_a_paragraph_the_phrase_route_found_joins_the_crowd() -> None:
    """A page that copies its own phrases once and re-tells by meaning once more is as
    padded as one that re-tells twice by meaning: the lone weak paragraph now passes."""
    weights = (1.0,) + (0.0,) * (len(FEATURES) - 1)
    model = RetellingModel(weights, 0.0, high=0.8, low=0.6, cluster=2, trained={})
    weak = Candidate(3, (float(np.log(0.65 / 0.35)),) + (0.0,) * (len(FEATURES) - 1),
                     ((0, 0.9),))
    assert retelling.decide([weak], model) == []
    assert [r.block for r in retelling.decide([weak], model, copied={5})] == [3]
    # The paragraph itself found by the phrase route is no second member of its crowd.
    assert retelling.decide([weak], model, copied={3}) == []


RETOLD_LEDE = ("From January, drinking water will cost eleven percent more after Thursday's "
               "vote by the regional water board, which pointed to pipes dating from the 1950s.")
RETOLD_QUOTE = ("Board chair Imogen Farrow said the money raised would pay for forty kilometres "
                "of new water mains each year until the decade ends.")


@pytest.mark.parametrize("marker", ["* ", "• ", "- "])
def test_list_items_typed_as_text_are_not_re_tellings(marker: str) -> None:
    """The same two re-tellings are found as paragraphs and left alone as bullet lines
    (a generated report's "* **Europe:** …" items, one template per region)."""
    texts = (LEDE, QUOTE, OTHER, RETOLD_LEDE, RETOLD_QUOTE)
    assert [(rule, block) for rule, block, _ in duplicates(page(*texts))] == [
        ("duplicate.retelling", "b3"), ("duplicate.retelling", "b4")]
    bulleted = texts[:3] + tuple(marker + t for t in texts[3:])
    assert duplicates(page(*bulleted)) == []


def test_clusters_join_re_tellings_through_their_twins() -> None:
    flagged = [retelling.Retelling(4, 0.9, ((1, 0.8),)),
               retelling.Retelling(7, 0.9, ((4, 0.8), (1, 0.78))),
               retelling.Retelling(9, 0.9, ((6, 0.8),))]
    groups = retelling.clusters(flagged)
    assert groups[7] == groups[1] == [1, 4, 7]
    assert groups[9] == [6, 9]


def test_a_model_trained_on_other_features_is_refused() -> None:
    data = retelling.model().to_json()
    data["features"] = ["similarity"]
    with pytest.raises(ValueError, match="retrain"):
        RetellingModel.from_json(data)


def test_a_model_trained_on_vectors_of_other_lengths_is_refused() -> None:
    data = retelling.model().to_json()
    other = MAX_PIECES // 2
    data["trained"] = {**data["trained"], "max_pieces": other}
    with pytest.raises(ValueError, match=f"{other} word pieces"):
        RetellingModel.from_json(data)
    # The shipped model was fitted on the vectors the code makes, and says so.
    assert retelling.model().trained["max_pieces"] == MAX_PIECES


def test_the_shipped_model_names_what_it_was_trained_on() -> None:
    shipped = retelling.model()
    assert len(shipped.weights) == len(FEATURES)
    assert shipped.trained.get("farm") == "hd+hart"


def write_farm(folder: Path) -> None:
    """A two-article farm folder in the data set's layout, labelled by hand."""
    (folder / "articles").mkdir(parents=True)
    (folder / "labels").mkdir()
    texts = {"hart-aaaa": [LEDE, OTHER, LEDE + " " + QUOTE], "hd-bbbb": [LEDE, QUOTE, OTHER]}
    labels = {"hart-aaaa": {"retold": [[0, 2]], "exact": [], "borderline": []},
              "hd-bbbb": {"retold": [], "exact": [], "borderline": [[0, 2]]}}
    for key, paragraphs in texts.items():
        (folder / "articles" / f"{key}.txt").write_text("\n\n".join(paragraphs))
        (folder / "labels" / f"{key}.json").write_text(json.dumps(
            {"id": key, "paragraphs": len(paragraphs), "headings": [], **labels[key]}))


def test_eval_farm_scores_found_pairs_against_the_labels(tmp_path: Path) -> None:
    write_farm(tmp_path)
    result = CliRunner().invoke(main, ["eval", "farm", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["articles"] == 2
    assert report["retold_pairs"] == 1 and report["retelling_paragraphs"] == 1
    assert report["pair_recall"] == 1.0 and report["paragraph_recall"] == 1.0
    assert report["pair_precision"] == 1.0
    assert report["false_findings"] == []


def test_eval_farm_keeps_one_source(tmp_path: Path) -> None:
    write_farm(tmp_path)
    result = CliRunner().invoke(main, ["eval", "farm", str(tmp_path), "--source", "hd", "--json"])
    report = json.loads(result.output)
    assert report["articles"] == 1 and report["retold_pairs"] == 0
    assert report["paragraph_recall"] is None


def test_a_question_put_to_every_guest_is_not_a_near_repeat() -> None:
    question = ("What inspired you to start cooking for other people and sharing your "
                "recipes with strangers online?")
    answers = ["My grandmother ran a bakery in Lviv, and I spent every school holiday there.",
               "Honestly, a failed exam: I needed a job, and a ramen bar down the street was "
               "hiring dishwashers.",
               "Our daughter has allergies, so we learned to cook everything from scratch."]
    found = duplicates(page(question + " " + answers[0], question + " " + answers[1],
                            question + " " + answers[2]))
    assert found == []


def test_training_keeps_real_pages_quiet_and_finds_what_it_can() -> None:
    """The operating point is chosen under the limit on real pages, whatever recall costs."""
    from newslint.server.evaluate.train_retelling import LabelledPage, measure, train

    rng = np.random.default_rng(7)

    def cand(block: int, similarity: float) -> Candidate:
        rest = tuple(float(v) for v in rng.uniform(0, 1, len(FEATURES) - 1))
        return Candidate(block, (similarity, *rest), ((block - 1, similarity),))

    farm = [LabelledPage(f"hart-{n}", "hart", None,
                         [cand(2, 0.9 + 0.05 * rng.random()), cand(3, 0.3 * rng.random())],
                         twins={2: {1}}, borderline={}) for n in range(20)]
    # Real pages: mostly quiet, one in ten with a paragraph nearly as close as a re-telling.
    real = [LabelledPage(f"real-{n}", "real", "a",
                         [cand(2, 0.8 if n % 10 == 0 else 0.2 * rng.random())],
                         twins={}, borderline={}) for n in range(100)]
    model = train(farm + real, {"farm": "test"})
    figures = measure(model, farm + real)
    assert figures["real_per_100"] <= 2.0
    assert figures["paragraph_recall"] and figures["paragraph_recall"] > 0.5


def test_one_line_with_a_name_swapped_is_a_template_not_a_repeat() -> None:
    """A contest page prints "Vote for <name> on the last page!" under every entrant, and
    once more in a list at the end: each line is printed twice, each is the template."""
    names = ("Olga", "Yana", "Daria", "Oksana")
    dishes = ("baked a honey cake from her grandmother's notebook",
              "brought a pot of borscht that simmered since dawn",
              "rolled two hundred dumplings with cherries and sour cream",
              "grilled river trout over birch wood on the balcony")
    cards = [f"{name} {dish}. Vote for {name} now on the very last page of this contest!"
             for name, dish in zip(names, dishes, strict=True)]
    closing = " ".join(f"Vote for {name} now on the very last page of this contest!"
                       for name in names)
    assert duplicates(page(*cards, closing)) == []


#: One frame told of two groups (after a real page's "7-site measurement in women" / "in men").
SKINFOLDS = (
    "Skinfold calipers estimate body fat by measuring the thickness of the fat under the skin "
    "at several sites of the body, usually on the right side.",
    "For a 7-site measurement in women, the chest, area near the armpit and area beneath the "
    "shoulder blade are also measured.",
    "For a 7-site measurement in men, the areas near the armpit and beneath the shoulder blade "
    "are also measured.",
    "The readings are then put into an equation that estimates the percentage of body fat from "
    "the sum of the skinfolds and the person's age.",
)


def sentence_pair(first: str, second: str) -> tuple[Span, Span]:
    a, b = nlp.parse([first, second])
    return a[:], b[:]


@pytest.mark.parametrize(("first", "second"), [
    (SKINFOLDS[1], SKINFOLDS[2]),
    ("As for Bieber, he has been focusing on his music career and his health in recent months.",
     "Gomez has been focusing on her music career and her health in recent months."),
    ("In Buffalo, heavy snow had closed every school and most roads by Tuesday morning.",
     "In Syracuse, heavy snow had closed every school and most roads by Tuesday morning."),
])
def test_one_frame_with_another_name_or_group_is_a_parallel_template(first: str,
                                                                       second: str) -> None:
    assert copied_phrases.parallel_template(*sentence_pair(first, second))


@pytest.mark.parametrize(("first", "second"), [
    # a synonym swapped, the other's word kept elsewhere (a farm re-telling)
    ("The resignation of Governor Rosselló marks the beginning of a new chapter for Puerto Rico.",
     "The resignation of Governor Rosselló marks a new beginning for Puerto Rico."),
    # a name moved, not swapped (a golden re-telling)
    ("Ashford manager Graham Pollard said he had been tracking the forward for two years.",
     "Manager Graham Pollard revealed that Ashford had been tracking the forward for two years."),
    # re-worded beyond a slot (a golden re-telling)
    ("He also provided nine assists and helped the club qualify for the Champions League for "
     "the first time in more than a decade.",
     "He also added nine assists as the club reached the Champions League for the first time "
     "in over ten years."),
])
def test_a_re_telling_that_keeps_its_frame_is_not_a_template(first: str, second: str) -> None:
    assert not copied_phrases.parallel_template(*sentence_pair(first, second))


def test_a_parallel_template_is_no_re_telling_on_the_page(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    assert duplicates(page(*SKINFOLDS)) == []
    # The phrase route would report the pair without the template rule.
    monkeypatch.setattr(copied_phrases, "parallel_template", lambda a, b: False)
    assert duplicates(page(*SKINFOLDS)) == [("duplicate.retelling", "b2", ["b1"])]


BRIDGE = (
    "The city council of Dresden approved on Monday a new footbridge over the Elbe that will "
    "cost 42 million euros. Mayor Anna Vogt said construction at the Blaues Wunder site will "
    "begin in spring.",
    "Residents had campaigned for years for a safer crossing for cyclists, and traffic counts "
    "showed thousands of riders each day.",
    "Dresden's council on Monday gave the green light to a 42 million euro footbridge spanning "
    "the Elbe. Building work at the Blaues Wunder will start in spring, according to Mayor "
    "Anna Vogt.",
)


def retellings(p: Page) -> list[dict[str, object]]:
    return [{"block": a.span.block, "score": a.score, **a.evidence}
            for a in analyze(p).annotations if a.rule == "duplicate.retelling"]


def test_a_phrase_route_finding_scores_its_routes_measured_precision() -> None:
    """The score is the share of such findings that were re-tellings on labelled articles
    (or the model's probability where higher), not the sentence matcher's probability."""
    precision = retelling.model().phrase_precision
    assert precision is not None and 0 < precision <= 1
    [found] = retellings(page(*BRIDGE))
    assert found["route"] in ("phrases", "both") and found["block"] == "b2"
    probability = found["probability"]
    assert isinstance(probability, float)
    assert found["score"] == round(max(precision, probability), 3)
    pairs = found["sentences"]
    assert isinstance(pairs, list) and any("shared_phrase_words" in pair for pair in pairs)


def test_a_meaning_route_finding_scores_the_models_probability() -> None:
    # A model that finds every paragraph at probability 0.5 (no weights, no bias).
    flat = RetellingModel((0.0,) * len(FEATURES), 0.0, high=0.4, low=0.4, cluster=2,
                          trained={}, phrase_precision=0.9)
    with retelling.using(flat):
        found = retellings(page(LEDE, QUOTE, OTHER))
    assert [f["block"] for f in found] == ["b1", "b2"]
    assert all(f["route"] == "meaning" and f["score"] == f["probability"] == 0.5
               for f in found)


@pytest.mark.parametrize(("probability", "phrase_route", "precision", "expected"), [
    (0.1, True, 0.8, 0.8),   # phrase route: its measured precision ...
    (0.9, True, 0.8, 0.9),   # ... or the model's probability where higher
    (0.1, False, 0.8, 0.1),  # meaning route: the model's probability
    (None, True, None, 0.0),  # a model that never measured the phrase route
])
def test_the_score_of_a_finding(probability: float | None, phrase_route: bool,
                                precision: float | None, expected: float) -> None:
    model = RetellingModel((0.0,) * len(FEATURES), 0.0, 0.5, 0.5, 2, {}, precision)
    assert retelling.finding_score(probability, phrase_route, model) == expected


def test_the_phrase_routes_precision_is_kept_in_the_model_file() -> None:
    model = retelling.model()
    assert RetellingModel.from_json(model.to_json()) == model
    data = model.to_json()
    del data["phrase_precision"]
    assert RetellingModel.from_json(data).phrase_precision is None


def test_eval_farm_measures_the_phrase_routes_precision(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "labels").mkdir()
    (tmp_path / "articles" / "hart-cccc.txt").write_text("\n\n".join(BRIDGE))
    (tmp_path / "labels" / "hart-cccc.json").write_text(json.dumps(
        {"id": "hart-cccc", "paragraphs": 3, "headings": [], "retold": [[0, 2]], "exact": [],
         "borderline": []}))
    result = CliRunner().invoke(main, ["eval", "farm", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["phrase_route_findings"] == 1 and report["phrase_route_precision"] == 1.0
    # Labelled as something else, the same finding counts against the route.
    (tmp_path / "labels" / "hart-cccc.json").write_text(json.dumps(
        {"id": "hart-cccc", "paragraphs": 3, "headings": [], "retold": [[1, 2]], "exact": [],
         "borderline": []}))
    report = json.loads(CliRunner().invoke(main, ["eval", "farm", str(tmp_path), "--json"]).output)
    assert report["phrase_route_findings"] == 1 and report["phrase_route_precision"] == 0.0


def test_timeml_news_documents_can_be_real_pages_to_train_on(tmp_path: Path) -> None:
    """`eval farm --train` takes a folder of TimeML documents (real newswire) as negatives,
    one block per paragraph, split into halves by file name like every other set."""
    from newslint.server.evaluate.halves import half_of
    from newslint.server.evaluate.train_retelling import real_pages

    body = "\n\n".join([LEDE, QUOTE.replace("Farrow", "<EVENT eid=\"e1\">Farrow</EVENT>"), OTHER])
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "APW0001.tml").write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" value="1998-02-27" functionInDocument="CREATION_TIME">'
        f"1998-02-27</TIMEX3></DCT><TEXT>\n\n{body}\n\n</TEXT></TimeML>", encoding="utf-8")
    [found] = real_pages([tmp_path])
    assert found.source == "real" and found.id == "APW0001.tml"
    assert found.half == half_of("APW0001.tml")
    # Three paragraphs: the second and third are candidates, tags stripped.
    assert [c.block for c in found.candidates] == [1, 2]


def test_a_page_past_the_paragraph_cap_says_the_meaning_route_stopped(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """"Nothing found" must not read as "checked": past `MAX_PARAGRAPHS` the reader is told
    how far the re-telling check by meaning went, and short pages get no such notice."""
    texts = (LEDE, QUOTE, OTHER)
    assert "long-page" not in [n.type for n in analyze(page(*texts)).notices]
    monkeypatch.setattr(retelling, "MAX_PARAGRAPHS", 2)
    notices = analyze(page(*texts)).notices
    assert [n.type for n in notices] == ["long-page"]
    assert "3 paragraphs" in notices[0].message and "first 2 only" in notices[0].message
