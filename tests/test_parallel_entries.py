"""Entries of one list written as paragraphs are parallel entries, not re-tellings.

Legal and reference pages print a list as paragraphs, one template each (a privacy
policy's permissions, a glossary, a FAQ whose answers share a frame): the phrase route
read them as one claim told again and again (`copied_phrases._entry_openings`). Each case sets
a real repeat beside the list, where the rule could swallow one. The texts are written for
these tests.
"""

from __future__ import annotations

import pytest
from newslint.server.engine.analyze import analyze
from newslint.server.engine.copied_phrases import ENTRY_WORDS, _Frame
from newslint.server.engine.page import Block, Page

PERMISSIONS = [
    "android.permission.READ_CONTACTS Some of our phone call apps may use this permission to "
    "read your contacts information when you request. We do not collect or transfer this "
    "information.",
    "android.permission.WRITE_CONTACTS Some of our phone call apps may use this permission to "
    "edit your contacts information when you request. We do not collect or transfer this "
    "information.",
    "android.permission.READ_CALL_LOG Some of our phone call apps may use this permission to "
    "display your call log. We do not collect or transfer this information.",
    "android.permission.WRITE_CALL_LOG Some of our phone call apps may use this permission to "
    "delete entries from your call log when you request. We do not collect or transfer this "
    "information.",
    "android.permission.RECORD_AUDIO Some of our phone call apps may use this permission to "
    "record the audio of a call when you request. We do not collect or transfer this "
    "information.",
]
GLOSSARY = [
    "Base rate: the interest rate that the central bank charges commercial banks when they "
    "borrow money from it overnight.",
    "Repo rate: the interest rate that the central bank charges commercial banks when they "
    "sell it government bonds and agree to buy them back.",
    "Reverse repo rate: the interest rate that the central bank pays commercial banks when "
    "they park their spare money with it overnight.",
    "Discount rate: the interest rate that the central bank charges commercial banks when "
    "they borrow money from it against bills of exchange.",
]
FAQ = [
    "How do I change my delivery address?",
    "You can change your delivery address at any time in the account settings of our "
    "website, under the heading Delivery, before your order is shipped.",
    "How do I change my payment method?",
    "You can change your payment method at any time in the account settings of our website, "
    "under the heading Payment, before your order is shipped.",
    "How do I cancel my order?",
    "You can cancel your order at any time in the account settings of our website, under the "
    "heading Orders, before your order is shipped.",
]
CLAIM = ("The city council approved a plan on Tuesday to close the old harbour bridge to cars "
         "from March, after engineers found cracks in two of its steel supports.")
RETOLD = ("On Tuesday the council backed a proposal to shut the ageing harbour bridge to motor "
          "traffic from March, because inspectors had discovered cracks in two steel supports "
          "of the bridge.")
RETOLD_AGAIN = ("From March the old harbour bridge will be closed to cars, the council decided "
                "on Tuesday, since engineers found cracks in two of its steel supports.")
OTHER = ("Shop owners on the island said the closure would cut them off from customers on the "
         "mainland and asked for a free shuttle bus during the works.")


#: A council decision told three times in a row, each re-worded in place: the words it
#: keeps stay in order, so the three share one frame as list entries do, but none carries
#: a label of its own.
IN_PLACE = [
    "The city council voted on Tuesday to close the old harbour bridge to cars from March, "
    "after engineers found cracks in two of its steel supports.",
    "The municipal council decided on Tuesday to shut the ageing harbour bridge to vehicles "
    "from March, after inspectors discovered fractures in two of its steel supports.",
    "The local council agreed on Tuesday to seal the historic harbour bridge to motorists "
    "from March, after surveyors spotted damage in two of its steel supports.",
]
#: A content farm's closing paragraphs on a mayor's fall, in the shapes of a labelled farm
#: article's re-tellings, side by side: each re-worded in place around one frame.
FARM_CONTEXT = [
    "Ashford - After weeks of protests in front of the town hall, Mayor Daniel Hollis has "
    "announced his resignation, effective at the end of the month. The announcement, made "
    "late on Friday evening, ends a turbulent three years in office.",
    "The protests began after a local newspaper published emails in which the mayor and his "
    "advisers mocked residents and discussed handing building contracts to their friends.",
    "The emails fuelled anger that had been growing for years over the state of the roads, "
    "rising rents and the slow repair of the flood defences, and brought thousands of "
    "residents into the streets every weekend.",
]
FARM_CLOSINGS = [
    "The challenges facing Ashford are significant, but the resilience and spirit of the "
    "Welsh valley people offer hope for a brighter future.",
    "The road ahead will be challenging, but the spirit of the Welsh valley people will guide "
    "them through.  The town has a long history of overcoming hardship, and this time will "
    "be no different.",
    "The challenges are great, but the spirit of the Welsh valley people is even greater.  "
    "They are ready to meet the challenges head-on and build a better future for themselves "
    "and for generations to come.",
]
FARM_VERDICTS = [
    "The resignation of Mayor Daniel Hollis marks a turning point in the history of Ashford.  "
    "The protests that brought him down showed the power of the residents and their firm "
    "determination to hold their leaders to account.",
    "The resignation of Mayor Hollis is a victory for the people of Ashford.  It shows their "
    "resilience, their determination and their firm commitment to a better town.",
    "The mayor's decision to resign represents a victory for the people of Ashford, who took "
    "to the streets to make their voices heard.  It shows the power of public protest and the "
    "importance of holding elected officials to account.",
]
#: Entries that each carry a label, whose second sentences tell one claim twice.
DISTRICTS = [
    "Riverside: the new bus line will stop at the station every ten minutes during the "
    "morning rush hour. The transport authority says the line will cut average commuting "
    "times by a third and take about four thousand cars off the road each working day.",
    "Oakwood: the new bus line will stop at the market square every fifteen minutes during "
    "the evening rush hour. Residents there had collected signatures for a direct link to "
    "the hospital for more than five years.",
    "Hillcrest: the new bus line will stop at the school every twenty minutes during the "
    "afternoon. According to the transport authority, average commuting times will fall by "
    "a third and some four thousand cars will disappear from the road each working day.",
]
#: A news paragraph after the glossary's section, opening with a glossary term as its lead.
BASE_RATE_NEWS = ("Base rate: the interest rate that the central bank charges commercial "
                  "banks when they borrow from it overnight went up on Thursday to five "
                  "percent, its highest level in sixteen years, to bring inflation down.")


def page_of(*blocks: tuple[str, str], title: str = "What we do with your data") -> Page:
    return Page([Block("b0", "h1", title)]
                + [Block(f"b{i}", kind, text) for i, (kind, text) in enumerate(blocks, start=1)],
                language="en")


def findings(*texts: str | tuple[str, str], title: str = "What we do with your data"
             ) -> list[tuple[str, str]]:
    """(rule, block) of the duplicate findings on a page of a headline and `texts` (a
    paragraph each, or a (kind, text) block)."""
    page = page_of(*(t if isinstance(t, tuple) else ("p", t) for t in texts), title=title)
    return [(a.rule, a.span.block) for a in analyze(page).annotations if a.type == "duplicate"]


def test_a_permission_list_beside_a_retelling_flags_the_retelling_only() -> None:
    assert findings(CLAIM, RETOLD, OTHER, *PERMISSIONS) == [("duplicate.retelling", "b2")]


def test_a_glossary_and_a_faq_in_one_frame_are_entries() -> None:
    assert findings(*GLOSSARY) == []
    assert findings(*FAQ) == []


def test_three_paragraphs_telling_one_claim_are_no_list() -> None:
    """A content farm re-tells a claim in the next paragraphs too, and none of them
    carries a label of its own."""
    assert findings(CLAIM, RETOLD, RETOLD_AGAIN, OTHER, *GLOSSARY) == [
        ("duplicate.retelling", "b2"), ("duplicate.retelling", "b3")]


def test_an_entry_printed_twice_word_for_word_is_still_a_repeat() -> None:
    found = findings(*PERMISSIONS, PERMISSIONS[2])
    assert found == [("duplicate.exact", "b6")]


@pytest.mark.parametrize("retold", [IN_PLACE, FARM_CLOSINGS, FARM_VERDICTS],
                         ids=["council", "farm-closings", "farm-verdicts"])
def test_retellings_in_place_share_a_frame_but_carry_no_labels(retold: list[str]) -> None:
    """Re-worded in place, a re-telling keeps what it keeps in order, as a list entry
    does (`_Frame.entry` holds for each pair); what it lacks is a label of its own."""
    if retold is IN_PLACE:
        context, found = [], findings(*retold, OTHER)
    else:
        context = FARM_CONTEXT
        found = findings(*context, *retold, title="Mayor of Ashford resigns")
    flagged = {block for rule, block in found if rule == "duplicate.retelling"}
    first = len(context) + 1
    assert flagged & {f"b{first + 1}", f"b{first + 2}"}, found


def test_section_headings_are_no_labels() -> None:
    """A content farm's sections each open under a heading; a heading that is no question
    does not make the paragraph under it a list entry."""
    headings = ["The vote", "The decision", "The bridge"]
    blocks = [b for h, t in zip(headings, IN_PLACE, strict=True) for b in (("h2", h), t)]
    assert findings(*blocks, OTHER) == [("duplicate.retelling", "b4"),
                                        ("duplicate.retelling", "b6")]


def test_a_run_skips_only_the_entries_opening_sentences() -> None:
    """The run is decided on the entries' opening sentences; a later sentence that re-tells
    another entry's later sentence is still found (beside another re-telling: a lone pair of
    sentences needs more, `copied_phrases.credible`)."""
    assert findings(CLAIM, RETOLD, OTHER, *DISTRICTS) == [
        ("duplicate.retelling", "b2"), ("duplicate.retelling", "b6")]


def test_a_heading_ends_a_run() -> None:
    """A paragraph in the next section that opens with a glossary term is no entry of the
    glossary: it re-tells the term's entry."""
    assert findings(*GLOSSARY, ("h2", "What happened on Thursday"), BASE_RATE_NEWS) == [
        ("duplicate.retelling", "b6")]


def test_labels_as_blocks_of_their_own_and_a_question_heading() -> None:
    """A permission's name on a line of its own, a FAQ's question as a heading: each entry
    still carries its label."""
    names = [t.split(" ", 1)[0] for t in PERMISSIONS[1:]]
    texts = [t.split(" ", 1)[1] for t in PERMISSIONS[1:]]
    assert findings(*(b for n, t in zip(names, texts, strict=True) for b in (n, t))) == []
    faq = [("h3", t) if t.endswith("?") else ("p", t) for t in FAQ]
    assert findings(*faq) == []


def frames(*sentences: str) -> list[_Frame]:
    page = page_of(*(("p", s) for s in sentences))
    analyze(page)
    return [_Frame.of(page.docs[i][:]) for i in range(1, len(sentences) + 1)]


def test_entry_holds_for_one_frame_with_a_slot_of_its_own() -> None:
    a, b = frames("Some of our apps may use this permission to read your contacts when you ask.",
                  "Some of our apps may use this permission to display your call log when you ask.")
    assert a.entry(b)


def test_entry_needs_the_frame() -> None:
    a, b = frames(CLAIM, OTHER)
    assert not a.entry(b)


def test_entry_stops_a_content_word_moved_outside_the_frame() -> None:
    """The two share their frame and each has a word of its own ("found" / "worried"),
    but "cracks" and "engineers" swap places, so one of them sits outside the in-order
    frame in both: the same thing told in another order."""
    a, b = frames(
        "The council will close the old bridge in March after engineers found cracks.",
        "The council will close the old bridge in March as cracks worried the engineers.")
    assert not a.entry(b)


def test_entry_needs_a_slot_word_on_each_side() -> None:
    """One sentence is the other with words left out: no slot of its own on one side."""
    a, b = frames(
        "The council will close the old harbour bridge to cars from March after the storm.",
        "The council will close the old harbour bridge to cars from March.")
    assert not a.entry(b)


def test_entry_skips_long_sentences() -> None:
    """Entries are short, and the in-order match costs the product of the lengths."""
    filler = " and ".join(f"the {w} road" for w in
                          ["north", "south", "east", "west", "upper", "lower", "inner", "outer",
                           "river", "harbour", "market", "station", "school", "church",
                           "castle", "mill", "farm", "bridge", "forest", "valley", "hill"])
    a, b = frames(f"The council will close {filler} to read the contacts.",
                  f"The council will close {filler} to display the call log.")
    assert len(a.tokens) > ENTRY_WORDS
    assert not a.entry(b)
    short_a, short_b = frames("The council will close the road to read the contacts.",
                              "The council will close the road to display the call log.")
    assert short_a.entry(short_b)


@pytest.mark.parametrize("lead", ["Update: ", "Analysis: ", "Breaking: ", "Update 2: ", "1. ",
                                  "(1) "])
def test_one_lead_on_every_paragraph_or_a_list_number_is_no_label(lead: str) -> None:
    """A live blog's or a farm's "Update:" on every paragraph, and a listicle's numbers,
    name no thing of their own (review2-s26-parallel): the in-place re-telling under them
    is still found. (A number counts up: "1.", "2.", "3.")"""
    numbered = lead[0].isdigit() or lead.startswith("(")
    texts = [(lead.replace("1", str(n)) if numbered else lead) + text
             for n, text in enumerate(IN_PLACE, start=1)]
    flagged = {block for rule, block in findings(*texts, OTHER) if rule == "duplicate.retelling"}
    assert flagged & {"b2", "b3"}, flagged
