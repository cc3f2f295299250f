"""Ray Data adapter: clean a Dataset with `map_batches` and a callable class.

Each Ray actor receives the `Cleaner` once (pickled, rules compiled on
arrival) and reuses it for every batch it is given; rows go through
`cleaner.batch.clean_batch`, so a Ray run produces exactly the texts and
reports of a single-process run. Needs the `ray` extra:
`pip install 'cleaner[ray]'`. The core package never imports this module.
"""

from __future__ import annotations

from typing import Any

import ray

from .batch import clean_batch
from .pipeline import Cleaner

DEFAULT_BATCH_SIZE = 256


class _CleanBatches:
    """The stateful transform run inside each Ray actor."""

    def __init__(self, cleaner: Cleaner, options: dict[str, Any]):
        self._cleaner = cleaner
        self._options = options

    def __call__(self, batch: Any) -> Any:
        return clean_batch(batch, cleaner=self._cleaner, **self._options)


def clean_dataset(ds: "ray.data.Dataset", *, text_column: str = "text", url_column: str | None = None,
                  id_column: str | None = None, format: str = "text", cleaner: Cleaner | None = None, concurrency: int | None = None,
                  batch_size: int = DEFAULT_BATCH_SIZE) -> "ray.data.Dataset":
    """Return `ds` with `clean_text` and `report` columns (lazy, like every Ray Data transform).

    `concurrency` caps the number of cleaning actors (default: one per CPU
    the cluster offers). The pool starts at one actor and grows: a fixed pool
    that takes every CPU leaves none for the read and write tasks around it,
    and Ray Data then stalls.
    """
    options = {"text_column": text_column, "url_column": url_column, "id_column": id_column, "format": format}
    return ds.map_batches(
        _CleanBatches,
        fn_constructor_kwargs={"cleaner": cleaner or Cleaner(), "options": options},
        batch_format="pyarrow",
        batch_size=batch_size,
        compute=ray.data.ActorPoolStrategy(min_size=1, max_size=concurrency or _cluster_cpus()),
    )


def _cluster_cpus() -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 1)))
