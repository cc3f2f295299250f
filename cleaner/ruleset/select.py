"""Which rule files apply to a document, and why (the report shows the reason)."""

from __future__ import annotations

import regex

from .model import AppliedFile, Applies, RuleSet

_URL_HOST = regex.compile(r"https?://([\w.-]+)", regex.IGNORECASE)


def select(rules: RuleSet, text: str, url: str | None) -> tuple[AppliedFile, ...]:
    """Rule files that apply: always-on, by domain (url= or URLs in the text), by marker."""
    hosts = _hosts(text, url)
    folded = text.casefold()  # markers match regardless of case ("COMMENTS ARE CLOSED")
    chosen = []
    for f in rules.files:
        why = _why_applies(f.applies, folded, hosts)
        if why:
            chosen.append(AppliedFile(f, why))
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


def _why_applies(applies: Applies, folded_text: str, hosts: dict[str, str]) -> str:
    if applies.always:
        return "always"
    for domain in applies.domains:
        for host, origin in hosts.items():
            if host == domain or host.endswith("." + domain):
                return f"domain {domain} ({origin}: {host})"
    for marker in applies.markers:
        if marker.casefold() in folded_text:
            return f"marker {marker!r}"
    return ""
