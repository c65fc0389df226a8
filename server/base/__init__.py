"""The foundation every layer above the engine may use: the one error type with its
problem rendering (`errors.py`) and the user's settings (`settings.py`).

It imports nothing of newslint but itself, so the page services, the history, the batch
runner, the web server and the CLI can all lean on it without loops.
"""
