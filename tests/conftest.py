from __future__ import annotations

import pytest

from cleaner import Cleaner


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    """One cleaner with the built-in rules, compiled once for the whole run."""
    return Cleaner()
