"""Command-line commands that wire several layers together, so that those layers need
not know each other.

`batch.py` (`newslint batch`) runs the batch machinery (`batch/`) and, with `--history`,
adds the history's pages (`history/`) to the cross-page index: batch and the history
never import each other. `history.py` (`newslint history`, and keeping `newslint check`
runs) uses the history store and a client of the running web server (`web/launch.py`).
Only the CLI (`cli.py`) imports these.
"""
