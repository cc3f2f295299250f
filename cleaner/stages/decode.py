"""Bytes to text: BOM, strict UTF-8, then charset detection; line breaks normalised."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    """The decoded text and how it was obtained (the report's `decode` section)."""

    text: str
    encoding: str
    bom: bool
    replaced: int  # undecodable bytes replaced with U+FFFD
    line_breaks_normalised: int  # \r\n and lone \r turned into \n


def decode(source: str | bytes, declared: str | None = None) -> Decoded:
    """Decode `source` (bytes are sniffed; str passes through) and normalise line breaks.

    `declared` is a codec the document names for itself (an HTML meta
    charset): a BOM outranks it, and it outranks sniffing.
    """
    if isinstance(source, str):
        text, encoding, bom, replaced = source, "str", False, 0
    else:
        text, encoding, bom, replaced = _decode_bytes(bytes(source), declared)
    normalised = text.count("\r")
    if normalised:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, encoding, bom, replaced, normalised)


def _decode_bytes(data: bytes, declared: str | None) -> tuple[str, str, bool, int]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text, replaced = _decode_replacing(data, encoding)
            return text, encoding, True, replaced
    if declared:
        text, replaced = _decode_replacing(data, declared)
        return text, declared, False, replaced
    try:
        return data.decode("utf-8"), "utf-8", False, 0
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError("cannot decode the input: no text encoding fits it (binary data?)")
    text, replaced = _decode_replacing(data, best.encoding)
    return text, best.encoding, False, replaced


def _decode_replacing(data: bytes, encoding: str) -> tuple[str, int]:
    # Strict UTF-8 already failed or a BOM named the codec, so a U+FFFD in the
    # output is (almost surely) one we inserted for a byte that did not decode.
    text = data.decode(encoding, errors="replace")
    return text, text.count("\ufffd")
