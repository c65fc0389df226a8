"""The one split of every evaluation data set into a half to tune on and a half to report.

Rules tuned until a set goes silent do not carry over to pages nobody tuned on, so every
evaluation keeps the same fixed halves. A page's key is its file name in the data folder
without a compression suffix (`3f2c….html`, `hd-12.txt`, `APW19980227.0476.tml`), whichever
evaluation reads it: until stop 20, `eval extraction` hashed `x.html` while `eval articles` and
the re-telling training hashed `x.html.gz`, so a page tuned on in one could be reported in the
other.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Half = Literal["a", "b"]


def page_key(file_name: str) -> str:
    """The name a page is split by: its file name without `.gz`."""
    return file_name.removesuffix(".gz")


def half_of(file_name: str) -> Half:
    """Half `a` when the SHA-256 of the page's key ends in an even hex digit, else `b`: the
    same on every machine, and about half of any set."""
    digest = hashlib.sha256(page_key(file_name).encode()).hexdigest()
    return "a" if digest[-1] in "02468ace" else "b"


def in_half(file_name: str, half: str | None) -> bool:
    """Whether the page is in `half` (`None`: every page is)."""
    return half is None or half_of(file_name) == half
