"""The development data sets of the quality benchmark, loaded into typed pages.

Each set is one gzipped JSON-lines file in the data folder (its README says
how every field was made and how outputs are scored):

* ``scrapinghub``      -- 50 news articles with a gold body;
* ``wcxb``             -- 1,337 pages of seven page types with a gold main
  content and `with` / `without` snippets;
* ``trafilatura-eval`` -- 482 multilingual pages with snippets only.

The folder is ``--data-dir``, else the environment variable
``CLEANER_BENCH_DATA``, else ``shared/benchmark`` next to the checkout.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO.parent / "shared" / "benchmark"
DATA_DIR_ENV = "CLEANER_BENCH_DATA"
SET_FILES: Mapping[str, str] = MappingProxyType({
    "scrapinghub": "scrapinghub-dev.jsonl.gz",
    "wcxb": "wcxb-dev.jsonl.gz",
    "trafilatura-eval": "trafilatura-eval-dev.jsonl.gz",
})
SET_NAMES = tuple(SET_FILES)
QUICK_PAGES = 3


class DataError(Exception):
    """The benchmark data cannot be found or read; the message says where it was looked for."""


@dataclass(frozen=True)
class Page:
    """One benchmark page with every input variant and whatever reference it has.

    ``gold`` is None on sets scored by snippets only; ``page_type`` is None
    on sets that do not sort pages into types; ``url`` is None when the set
    gives a file name instead of the page's address (some trafilatura pages).
    """

    id: str
    url: str | None
    page_type: str | None
    html: str
    fulltext: str
    traf: str
    gold: str | None
    with_snippets: tuple[str, ...]
    without_snippets: tuple[str, ...]


@dataclass(frozen=True)
class DataSet:
    """The pages of one set, with what they can be scored against."""

    name: str
    path: Path
    pages: tuple[Page, ...]
    total: int  # pages in the file, before sampling

    @property
    def has_gold(self) -> bool:
        return any(page.gold is not None for page in self.pages)

    @property
    def has_snippets(self) -> bool:
        return any(page.with_snippets or page.without_snippets for page in self.pages)

    @property
    def page_types(self) -> tuple[str, ...]:
        """Page types present, largest first (ties by name)."""
        counts: dict[str, int] = {}
        for page in self.pages:
            if page.page_type is not None:
                counts[page.page_type] = counts.get(page.page_type, 0) + 1
        return tuple(sorted(counts, key=lambda t: (-counts[t], t)))


def resolve_data_dir(data_dir: Path | None) -> Path:
    """The data folder: the argument, else $CLEANER_BENCH_DATA, else the default; it must exist."""
    env = os.environ.get(DATA_DIR_ENV)
    folder = data_dir if data_dir is not None else Path(env) if env else DEFAULT_DATA_DIR
    if not folder.is_dir():
        raise DataError(
            f"benchmark data folder not found: {folder} "
            f"(pass --data-dir DIR or set {DATA_DIR_ENV}; it holds {', '.join(SET_FILES.values())})"
        )
    return folder


def parse_page(row: Mapping[str, object]) -> Page:
    """One JSON record as a Page; fields a set lacks become None or ()."""
    url = row.get("url")
    # trafilatura's evaluation pages without a known address carry their file
    # name ("hard::site.html"); handing that to the cleaner as a URL would be a lie.
    is_address = isinstance(url, str) and url.startswith(("http://", "https://"))
    return Page(
        id=str(row["id"]),
        url=url if is_address else None,  # type: ignore[arg-type]
        page_type=row.get("page_type"),  # type: ignore[arg-type]
        html=row["html"],  # type: ignore[arg-type]
        fulltext=row.get("fulltext") or "",  # type: ignore[arg-type]
        # trafilatura.extract returns None when it finds nothing (5 wcxb pages).
        traf=row.get("traf") or "",  # type: ignore[arg-type]
        gold=row.get("gold"),  # type: ignore[arg-type]
        with_snippets=tuple(row.get("with") or ()),  # type: ignore[arg-type]
        without_snippets=tuple(row.get("without") or ()),  # type: ignore[arg-type]
    )


def read_pages(path: Path) -> list[Page]:
    """Every page of one gzipped JSON-lines file, in file order."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return [parse_page(json.loads(line)) for line in fh if line.strip()]
    except FileNotFoundError as exc:
        raise DataError(f"benchmark set file not found: {path}") from exc
    except (OSError, ValueError, KeyError) as exc:
        raise DataError(f"cannot read benchmark set {path}: {type(exc).__name__}: {exc}") from exc


def evenly_spaced(count: int, wanted: int) -> list[int]:
    """`wanted` indices spread evenly over range(count), the middle of each stretch.

    >>> evenly_spaced(10, 3)
    [1, 5, 8]
    """
    wanted = min(wanted, count)
    return [int((i + 0.5) * count / wanted) for i in range(wanted)]


def allocate(sizes: Mapping[str, int], wanted: int) -> dict[str, int]:
    """Split `wanted` pages over strata in proportion to their sizes (largest remainder).

    Ties go to the larger stratum, then to the name first in order, so the
    split is the same on every run.

    >>> allocate({"article": 709, "service": 162, "forum": 111}, 10)
    {'article': 7, 'service': 2, 'forum': 1}
    """
    total = sum(sizes.values())
    wanted = min(wanted, total)
    if wanted <= 0:
        return dict.fromkeys(sizes, 0)
    quotas = {name: wanted * size / total for name, size in sizes.items()}
    shares = {name: int(quota) for name, quota in quotas.items()}
    by_remainder = sorted(sizes, key=lambda n: (-(quotas[n] - shares[n]), -sizes[n], n))
    for name in by_remainder[: wanted - sum(shares.values())]:
        shares[name] += 1
    return shares


def sample_pages(pages: Sequence[Page], wanted: int) -> tuple[Page, ...]:
    """A deterministic sample of `wanted` pages, stratified by page type, in file order.

    Evenly spaced rather than random: the same pages every run without a seed
    to carry around, and spread over the whole file (sets are often ordered
    by source or by type).
    """
    strata: dict[str, list[int]] = {}
    for index, page in enumerate(pages):
        strata.setdefault(page.page_type or "", []).append(index)
    shares = allocate({name: len(members) for name, members in strata.items()}, wanted)
    chosen = sorted(
        members[i] for name, members in strata.items() for i in evenly_spaced(len(members), shares[name])
    )
    return tuple(pages[i] for i in chosen)


def load_set(name: str, data_dir: Path | None = None, sample: int | None = None) -> DataSet:
    """Load set `name` from the data folder, all pages or a stratified sample of them."""
    if name not in SET_FILES:
        raise DataError(f"unknown benchmark set {name!r}; known: {', '.join(SET_NAMES)}")
    path = resolve_data_dir(data_dir) / SET_FILES[name]
    pages = read_pages(path)
    chosen = tuple(pages) if sample is None else sample_pages(pages, sample)
    return DataSet(name=name, path=path, pages=chosen, total=len(pages))
