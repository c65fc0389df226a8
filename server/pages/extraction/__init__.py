"""Reading a raw page: its bytes decoded, its article found (see `server/pages/extract.py`)."""
