"""The cross-page index (`recycled.py`): paragraphs that appear, word for word or re-told,
on more than one page.

Both the batch runner (`newslint batch`: the pages of a crawl) and the history (the
history page's "also appeared on") feed it paragraph signatures and ask it for matches,
so it sits in its own package below both: neither of them imports the other. It is pure
(no I/O) and imports nothing of newslint.
"""
