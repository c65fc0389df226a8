"""The contract between the server, the extension and the tests: JSON Schemas only, no logic."""
