"""Where the project's own fixtures live (tests never reach outside the repo)."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
