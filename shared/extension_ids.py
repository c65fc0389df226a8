"""newslint's own browser extension, by the ids the browsers know it under.

One place for them: the native messaging host's manifests name only these ids (a browser
then refuses every other extension that asks for the host), and the server may use them
to tell its own extension from others. `tests/test_browser_host.py` checks they agree with
`extension/manifest.json` (its `key`, from which Chromium derives the id, and
`browser_specific_settings.gecko.id`).

Firefox gives every install a random `moz-extension://<uuid>` origin, so the Firefox id is
known to the native host (the browser passes it) but never appears in an Origin header.
"""

from __future__ import annotations

#: Chromium, Chrome, Edge, Brave: derived from the public key in manifest.json's `key`.
CHROMIUM_EXTENSION_ID = "jbcpimeodemfoleeeifilfkdiemjjgll"
#: Firefox: `browser_specific_settings.gecko.id`.
FIREFOX_EXTENSION_ID = "newslint@newslint.local"
#: What a Chromium browser sends as Origin and passes to the native host.
CHROMIUM_EXTENSION_ORIGIN = f"chrome-extension://{CHROMIUM_EXTENSION_ID}"
#: Both ids, for allow-lists.
EXTENSION_IDS = frozenset({CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID})
#: The native messaging host's name (lower case, dots and underscores only).
NATIVE_HOST_NAME = "org.newslint.host"
