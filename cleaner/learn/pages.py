"""The pages to learn from: what the user gives the library, and what a corpus run's tasks hold.

Corpus inputs are found and split exactly as `cleaner clean` does
(`cleaner.engines.local.prepare` and `plan_units`); here a task becomes a
`Page`: its source, URL and format, or None when it holds no page (a line that
is no record, a WARC response that is no HTML page: cleaning rejects those).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..io.jsonl import JsonlFields, parse_line, record_document
from ..io.records import DocumentTask, LineTask, Reject, WarcTask


@dataclass(frozen=True)
class Page:
    """One page of a site: its text or HTML, the URL it came from, and how to read it."""

    source: str | bytes
    url: str | None = None
    format: str = "auto"          # auto, text or html (as `Cleaner.clean` takes it)
    charset: str | None = None    # a WARC response's declared charset


def host_of(url: str | None) -> str | None:
    """The host a site rule file names: lower-cased, without `www.` and the port."""
    if not url:
        return None
    try:
        host = urlsplit(url if "://" in url else f"http://{url}").hostname
    except ValueError:  # a malformed URL (an unclosed IPv6 bracket)
        return None
    return host.removeprefix("www.") if host else None


def as_pages(pages: Iterable[Any]) -> Iterator[Page]:
    """The library's pages: `Page`s, texts, `(url, text)` pairs or mappings with `url` and `text` or `html`."""
    for item in pages:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, (str, bytes)):
            yield Page(item)
        elif isinstance(item, tuple) and len(item) == 2:
            yield Page(item[1], item[0])
        elif isinstance(item, Mapping):
            html = item.get("html")
            yield Page(html, item.get("url"), "html") if isinstance(html, (str, bytes)) else \
                Page(item.get("text", ""), item.get("url"), item.get("format", "auto"))
        else:
            raise TypeError(f"learn() takes pages as Page, str, (url, text) or a mapping, got {type(item).__name__}")


def task_page(task: object, fields: JsonlFields, url: str | None) -> Page | None:
    """The page a corpus task holds (`url`: the run's --url, for pages that carry none)."""
    if isinstance(task, DocumentTask):
        data = task.data
        if data is None:
            try:
                data = Path(task.path or "").read_bytes()
            except OSError:
                return None
        return Page(data, url, task.format)
    if isinstance(task, LineTask):
        record = parse_line(task)
        if isinstance(record, Reject):
            return None
        document = record_document(record, fields)
        if isinstance(document, str):
            return None
        own = record.get(fields.url) if fields.url else None
        return Page(document[0], own if isinstance(own, str) and own else url, document[1])
    if isinstance(task, WarcTask):
        from ..io.warc import read_page  # fastwarc is imported only for WARC input

        page = read_page(task)
        return None if isinstance(page, Reject) else Page(page.body, task.url, "html", page.charset)
    return None
