"""Entries of one list written as paragraphs are parallel entries, not re-tellings.

Legal and reference pages print a list as paragraphs, one template each (a privacy
policy's permissions, a glossary, a FAQ whose answers share a frame): the phrase route
read them as one claim told again and again (`copied_phrases.entry_runs`). Each case sets
a real repeat beside the list, where the rule could swallow one. The texts are written for
these tests.
"""

from __future__ import annotations

from newslint.server.engine.analyze import analyze
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


def findings(*texts: str) -> list[tuple[str, str]]:
    """(rule, block) of the duplicate findings on a page of a headline and `texts`."""
    blocks = [Block("b0", "h1", "What we do with your data")]
    blocks += [Block(f"b{i}", "p", text) for i, text in enumerate(texts, start=1)]
    page = Page(blocks, language="en")
    return [(a.rule, a.span.block) for a in analyze(page).annotations if a.type == "duplicate"]


def test_a_permission_list_beside_a_retelling_flags_the_retelling_only() -> None:
    assert findings(CLAIM, RETOLD, OTHER, *PERMISSIONS) == [("duplicate.retelling", "b2")]


def test_a_glossary_and_a_faq_in_one_frame_are_entries() -> None:
    assert findings(*GLOSSARY) == []
    assert findings(*FAQ) == []


def test_three_paragraphs_telling_one_claim_are_no_list() -> None:
    """A content farm re-tells a claim in the next paragraphs too: it re-words and moves
    what it keeps, so three such paragraphs in a row are no run of entries."""
    assert findings(CLAIM, RETOLD, RETOLD_AGAIN, OTHER, *GLOSSARY) == [
        ("duplicate.retelling", "b2"), ("duplicate.retelling", "b3")]


def test_an_entry_printed_twice_word_for_word_is_still_a_repeat() -> None:
    found = findings(*PERMISSIONS, PERMISSIONS[2])
    assert found == [("duplicate.exact", "b6")]
