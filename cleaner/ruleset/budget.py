"""Time allowances for rule patterns: one per rule per document.

A timeout per search does not bound a document: a pattern that takes just
under the limit on each of a thousand lines takes a thousand times the limit,
and removal stages run again in later rounds. So each rule gets one allowance
per document — `Settings.rule_allowance`: a base plus a share per line and
per million characters, so that big documents still get their rules — and
every search the rule makes in that document, in any stage and round,
draws from it. A rule that runs out is skipped for the rest of the document
and named in the report's warnings; edits it proposed before that stand.

The pipeline makes one `RuleBudget` per document; it travels with the
document's matching state (`cleaner.ruleset.match.Matching`) to the stages
that run patterns, and is the only mutable state of a document's run.

Allowances are CPU time of the cleaning thread, not wall-clock time: on a
busy machine, or with more workers than cores, a process waits for a core
while its clock runs, and a wall-clock allowance would then skip a sound
rule in one run and not in the next. The same input must clean the same way
whatever else the machine is doing.
"""

from __future__ import annotations

import time
from typing import Callable, TypeVar

T = TypeVar("T")

# Seconds the rule has left, to pass as a regex timeout; raises TimeoutError at zero.
TimeLeft = Callable[[], float]

_clock = time.thread_time  # CPU seconds of this thread (see the module's docstring)


class RuleBudget:
    """How much time each rule has left in one document."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._spent: dict[str, float] = {}
        self._exhausted: set[str] = set()

    @property
    def message(self) -> str:
        return f"pattern ran out of time ({self.seconds:.2g}s for this document); rule skipped for the rest of it"

    def is_exhausted(self, rule: str) -> bool:
        return rule in self._exhausted

    def run(self, rule: str, search: Callable[[TimeLeft], T]) -> T:
        """Run `search(time_left)`: each regex call it makes takes `timeout=time_left()`.

        Raises TimeoutError when the rule runs out of time, and at once for a
        rule that already has.
        """
        if rule in self._exhausted:
            raise TimeoutError(rule)
        start = _clock()
        deadline = start + self.seconds - self._spent.get(rule, 0.0)

        def time_left() -> float:
            left = deadline - _clock()
            if left <= 0:
                raise TimeoutError(rule)
            return left

        try:
            return search(time_left)
        except TimeoutError:
            self._exhausted.add(rule)
            raise
        finally:
            self._spent[rule] = self._spent.get(rule, 0.0) + _clock() - start
