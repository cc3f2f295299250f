"""Which rule files apply to a document, and why (the report shows the reason)."""

from __future__ import annotations

import regex

from .model import AppliedFile, Applies, Matched, RuleSet

_URL_HOST = regex.compile(r"https?://([\w.-]+)", regex.IGNORECASE)


def select(rules: RuleSet, text: str, url: str | None) -> tuple[AppliedFile, ...]:
    """Rule files that apply: always-on, by domain (url= or URLs in the text), by marker."""
    hosts = _hosts(text, url)
    folded = text.casefold()  # markers match regardless of case ("COMMENTS ARE CLOSED")
    chosen = []
    for f in rules.files:
        matched = _why_applies(f.applies, folded, hosts)
        if matched is not None:
            chosen.append(AppliedFile(f, matched[1], matched[0]))
    return tuple(chosen)


def _hosts(text: str, url: str | None) -> dict[str, str]:
    """Host name -> where it was found; the url= argument outranks URLs in the text."""
    found: dict[str, str] = {}
    if url:
        match = _URL_HOST.match(url)
        if match:
            found[match.group(1).lower()] = "url="
    if "://" in text:  # every URL has it; most texts have none, and the scan is not free
        for match in _URL_HOST.finditer(text):
            found.setdefault(match.group(1).lower(), "URL in the text")
    return found


def _why_applies(applies: Applies, folded_text: str, hosts: dict[str, str]) -> tuple[Matched, str] | None:
    """Which part of `applies` selects the file, and the reason shown; None when none does.
    A domain is looked at first: a file that names the document's site is a site file
    (the most specific kind, see `AppliedFile.precedence`) even when it is always on."""
    for domain in applies.domains:
        for host, origin in hosts.items():
            if host == domain or host.endswith("." + domain):
                return "domain", f"domain {domain} ({origin}: {host})"
    if applies.always:
        return "always", "always"
    for marker in applies.markers:
        if marker.casefold() in folded_text:
            return "marker", f"marker {marker!r}"
    return None
