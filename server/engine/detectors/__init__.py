"""The built-in detectors. Importing this package registers each of them."""

from . import duplicates  # noqa: F401
