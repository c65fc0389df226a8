"""`newslint batch`: a whole crawl through the engine, on local processes or a Dask
cluster, then the paragraphs its pages share (`crosspage.recycled`), and a per-site report.

sources (inputs → pages) → runner (local | dask, each worker loads the engine once) →
worker (one page: the API's own path) → output (resumable JSON Lines) →
`crosspage.recycled` (MinHash/LSH across pages, shared with the history) → report (per
site, JSON + HTML). `commands/batch.py` (the `newslint batch` command) wires them.
The engine stays pure: cross-page matching is not a detector, it needs the whole batch.
"""
