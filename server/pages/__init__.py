"""Page services, the layer above the engine: raw HTML to a `Page` (`extract.py` and
`extraction/`), an API request validated against the JSON contract and turned into a
`Page` (`contract.py`), and a `Result` rendered for the terminal (`report.py`).

They use the engine's data types and the foundation (`base/`), and know nothing of the
history, the batch runner or the web server above them.
"""
