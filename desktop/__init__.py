"""newslint's desktop app: a pywebview window over the local server's history UI."""
