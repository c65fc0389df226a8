"""`newslint batch`: a whole crawl through the engine, on local processes or a Dask
cluster, then the paragraphs its pages share (`recycled`), and a per-site report.

sources (inputs → pages) → runner (local | dask, each worker loads the engine once) →
worker (one page: the API's own path) → output (resumable JSON Lines) → recycled
(MinHash/LSH across pages, also used by the history) → report (per site, JSON + HTML).
The engine stays pure: cross-page matching is not a detector, it needs the whole batch.
"""
