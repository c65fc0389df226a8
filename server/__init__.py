"""newslint's local server: the HTTP API, the analysis engine, the history and the CLI."""

__version__ = "0.1.0"
