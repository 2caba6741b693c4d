"""Pure processing steps: image in, image out; image in, words out; text in, fields out.

Nothing in this package does storage I/O, talks to Prefect or reads settings: callers pass every
tunable as a keyword argument, which keeps each step fast to unit-test and safe to run anywhere.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ip-digitizer")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
