"""Large and degenerate inputs clean without hanging.

Each case runs in a child process with a generous bound: it guards against a
hang or a quadratic path (minutes to hours at these sizes), not a speed
target -- speed is measured, against peers, by benchmarks/throughput.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BOUND_SECONDS = 120
REPO = Path(__file__).resolve().parent.parent

CASES = {
    # one 5-million-character line of prose
    "long-line": "('The council approved the budget on Tuesday after a long debate. ' * 80000)[:5_000_000]",
    # 200,000 short lines
    "many-lines": "'\\n'.join(f'Line {i} of the story, told briefly.' for i in range(200_000))",
    # a document that is one long run of chrome (every line is removed)
    "chrome-run": "'\\n'.join(['Share', 'Related Articles', 'Photo: Reuters', 'Leave a reply', '27 shares'] * 10_000)",
}

SCRIPT = """
import json, sys
from cleaner import Cleaner
text = eval(sys.argv[1])
result = Cleaner().clean(text, format="text")
print(json.dumps({"chars_in": len(text), "chars_out": len(result.text), "edits": len(result.edits)}))
"""


def _clean_in_child(expression: str) -> dict:
    done = subprocess.run([sys.executable, "-c", SCRIPT, expression], cwd=REPO, capture_output=True, text=True,
                          timeout=BOUND_SECONDS, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("case", sorted(CASES))
def test_large_input_cleans_within_bound(case):
    summary = _clean_in_child(CASES[case])
    if case == "chrome-run":
        assert summary["chars_out"] == 0 and summary["edits"] == 50_000
    else:
        assert summary["chars_out"] == summary["chars_in"]  # prose: nothing to remove
