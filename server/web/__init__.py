"""The web layer: the local HTTP server and everything that speaks its protocol.

`app.py` (the Flask app factory), `views/` (the API and the history UI's endpoints),
`ui/` (the history UI's static files), `wsgi.py` (waitress, with the header checks run
before a body is read), `security.py` (token, Host and Origin checks, analysis slots),
`pairing.py` (the history UI's sessions), `openapi.py` (the OpenAPI document of every
route) and `launch.py` (a client of a running server: its proof and a history link).

It sits above the history and the page services it serves; only the CLI, the browser
host and the desktop app are above it.
"""
