"""WARC readers: FastWARC against warcio on the same gzip-compressed WARC.

Builds a `.warc.gz` from the benchmark's dev pages (``html`` and ``url`` of
the scrapinghub development set, ``--data``), each page a request record
and an HTML response record (one gzip member per record, as crawlers write
them), the set repeated ``--repeat`` times. Then reads it with each library the
way `cleaner.io.warc` reads a WARC: every record's type, offset and headers,
and for an HTML response its HTTP headers and its whole payload; and
`cleaner.io.warc` itself ("cleaner": FastWARC plus its gzip framing check). Reports the
best of ``--rounds`` runs in records/s and MB/s (compressed bytes), and checks
that both read the same payloads (by sha256).

    python benchmarks/warc_readers.py               # 50 pages x 20
    python benchmarks/warc_readers.py --quick       # CI smoke: 50 pages once, one round

Reading is a small share of a WARC run (cleaning a page costs far more than
reading it), so the choice matters less than the figures suggest; it also
decides how the archive's framing is checked (see `cleaner.io.warc`).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "benchmark" / "scrapinghub-dev.jsonl.gz"


def build(pages: list[dict], repeat: int, path: Path) -> int:
    """Write the WARC with warcio's writer; return its number of records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    count = 0
    with path.open("wb") as raw:
        writer = WARCWriter(raw, gzip=True)
        for n in range(repeat):
            for page in pages:
                url = f"{page['url']}#copy-{n}"
                body = page["html"].encode("utf-8")
                request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                      ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                              http_headers=headers))
                count += 2
    return count


def read_fastwarc(path: Path) -> list[str]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    digests = []
    with path.open("rb") as raw:
        for record in ArchiveIterator(raw, parse_http=False):
            record.stream_pos, record.record_id, record.headers.get("WARC-Target-URI")
            if record.record_type != WarcRecordType.response:
                continue
            record.parse_http(auto_decode="all")
            if "html" in (record.http_content_type or ""):
                digests.append(hashlib.sha256(record.reader.read()).hexdigest())
    return digests


def read_cleaner(path: Path) -> list[str]:
    """What a run does: FastWARC plus the framing check (`WarcRecords`), the HTTP parse of `read_page`."""
    from cleaner.io.records import WarcTask
    from cleaner.io.warc import WarcRecords, read_page

    digests = []
    with path.open("rb") as raw:
        for item in WarcRecords(raw, 0, path.name):
            page = read_page(item) if isinstance(item, WarcTask) else None
            if page is not None and hasattr(page, "body"):
                digests.append(hashlib.sha256(page.body).hexdigest())
    return digests


def read_warcio(path: Path) -> list[str]:
    from warcio.archiveiterator import ArchiveIterator

    digests = []
    with path.open("rb") as raw:
        records = ArchiveIterator(raw)
        for record in records:
            record.rec_headers.get_header("WARC-Record-ID"), record.rec_headers.get_header("WARC-Target-URI")
            if record.rec_type == "response" and "html" in (record.http_headers.get_header("Content-Type") or ""):
                digests.append(hashlib.sha256(record.content_stream().read()).hexdigest())
            records.get_record_offset()  # known once the record is read (asked first, it skips the payload)
    return digests


def best_of(rounds: int, read: Callable[[Path], list[str]], path: Path) -> tuple[float, list[str]]:
    times, digests = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        digests = read(path)
        times.append(time.perf_counter() - start)
    return min(times), digests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark pages (JSONL.gz)")
    parser.add_argument("--repeat", type=int, default=20, help="copies of the page set in the WARC")
    parser.add_argument("--rounds", type=int, default=3, help="runs per reader; the best counts")
    parser.add_argument("--quick", action="store_true", help="smoke run: --repeat 1 --rounds 1")
    args = parser.parse_args()
    if args.quick:
        args.repeat, args.rounds = 1, 1
    with gzip.open(args.data, "rt", encoding="utf-8") as lines:
        pages = [json.loads(line) for line in lines]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pages.warc.gz"
        records = build(pages, args.repeat, path)
        size = path.stat().st_size
        print(f"{path.name}: {records} records, {size / 1e6:.1f} MB compressed")
        results = {name: best_of(args.rounds, read, path)
                   for name, read in (("fastwarc", read_fastwarc), ("cleaner", read_cleaner),
                                      ("warcio", read_warcio))}
    for name, (seconds, digests) in results.items():
        print(f"{name:<9} {seconds:7.3f} s  {records / seconds:9.0f} records/s  {size / 1e6 / seconds:7.1f} MB/s"
              f"  ({len(digests)} HTML payloads)")
    same = results["fastwarc"][1] == results["warcio"][1] == results["cleaner"][1]
    print("same payloads:", "yes" if same else "NO")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
