"""The built-in detectors. Importing this package registers each of them."""

from . import (
    dates,  # noqa: F401
    duplicates,  # noqa: F401
)
