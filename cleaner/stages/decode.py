"""Bytes to text, or a one-line reason why the bytes are not text.

The order, and why:

1. A byte-order mark names the codec outright.
2. UTF-16/32 without a BOM is recognised by its NUL pattern (ASCII characters
   leave a NUL in every other byte, or three in four) — before the binary
   check, which those NULs would trip.
3. Binary data is rejected (`InputError`): a known file signature, or more
   control bytes than text has (`binary_reason`, below).
4. Strict UTF-8.
5. UTF-8 with damage: when valid multi-byte characters outnumber the broken
   sequences, the text is UTF-8 with a few bad bytes (a truncated download,
   a stray Latin-1 byte); each broken sequence becomes U+FFFD and is counted.
6. A legacy charset, guessed: charset_normalizer proposes code pages, and
   the reading with the fewest traces of a wrong code page wins
   (`cleaner.stages.legacy_charset`): short texts fit many code pages about
   equally well for charset_normalizer ('héllo wörld' in cp1252 is also
   valid cp1006, a Farsi code page). None fits: rejected as binary.

A declared charset (an HTTP header, an HTML meta charset, or the one the
caller gives) comes before 4: it is used, not guessed. `Decoded.how` says
which step decided; a guess carries its confidence and the readings that
scored as well.

Line breaks are normalised to ``\\n`` last; the count is reported.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Literal

import charset_normalizer
import regex

from ..errors import InputError
from .legacy_charset import Confidence, Guess, guess

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Which step named the codec: text given as str; a byte-order mark; the NUL
# pattern of UTF-16/32; a declaration (transport, page or caller); UTF-8
# (strict, or with a few broken sequences); a guess among legacy charsets.
How = Literal["str", "bom", "wide", "declared", "utf-8", "guessed"]

# (encoding, bytes per unit, bytes mostly NUL in Latin text, low-order byte).
# UTF-32 first: its NULs would also fit the UTF-16 pattern.
_WIDE_PATTERNS = (
    ("utf-32-le", 4, (1, 2, 3), 0),
    ("utf-32-be", 4, (0, 1, 2), 3),
    ("utf-16-le", 2, (1,), 0),
    ("utf-16-be", 2, (0,), 1),
)

# Enough text to recognise a wide encoding or a legacy charset; detection on
# a sample keeps a 50 MB input from costing seconds (the whole is decoded).
_SNIFF_BYTES = 1 << 16
_DETECT_BYTES = 1 << 20

# Characters that should not fill a decoded text: C0 controls but white
# space and ESC, DEL and C1 controls, noncharacters.
_CONTROL_CHARS = regex.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffe\uffff]")


@dataclass(frozen=True)
class Decoded:
    """The decoded text and how it was obtained (the report's `decode` section)."""

    text: str
    encoding: str
    bom: bool
    replaced: int  # undecodable byte sequences, each replaced with one U+FFFD
    line_breaks_normalised: int  # \r\n and lone \r turned into \n
    how: How = "str"
    confidence: Confidence | None = None  # a guess only
    alternatives: tuple[str, ...] = ()    # a guess only: other codecs whose reading scored as well


def decode(source: str | bytes, max_control_ratio: float = 0.05, declared: str | None = None) -> Decoded:
    """Decode `source` (bytes are sniffed; str passes through) and normalise line breaks.

    Raises `InputError` with a one-line reason when bytes are binary, not text.
    `declared` is a codec the document names for itself (an HTML meta
    charset): a BOM outranks it, and it outranks sniffing.
    """
    decoded = Decoded(source, "str", False, 0, 0) if isinstance(source, str) else \
        _decode_bytes(bytes(source), max_control_ratio, declared)
    text = decoded.text
    normalised = text.count("\r")
    if normalised:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, decoded.encoding, decoded.bom, decoded.replaced, normalised, decoded.how,
                   decoded.confidence, decoded.alternatives)


def _decode_bytes(data: bytes, max_control_ratio: float, declared: str | None) -> Decoded:
    """The text of `data` (line breaks as they are) and how its codec was found."""
    bom = next((codec for mark, codec in _BOMS if data.startswith(mark)), None)
    named = bom or wide_encoding(data)
    if named is not None:
        text, replaced = _decode_named(data, named, max_control_ratio)
        return Decoded(text, named, bom is not None, replaced, 0, "bom" if bom else "wide")
    reason = binary_reason(data, max_control_ratio)
    if reason is not None:
        raise InputError(reason)
    if declared:
        text, replaced = _decode_named(data, declared, max_control_ratio)
        return Decoded(text, declared, False, replaced, 0, "declared")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False, 0, 0, "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return Decoded(damaged, "utf-8", False, _inserted_replacements(data, "utf-8", damaged), 0, "utf-8")
    found = legacy_guess(data)
    text = data.decode(found.encoding, errors="replace")
    return Decoded(text, found.encoding, False, _inserted_replacements(data, found.encoding, text), 0, "guessed",
                   found.confidence, found.alternatives)


def web_codec(label: str, data: bytes) -> str | None:
    """The Python codec for a charset label, read as browsers read it (WHATWG), or None if unknown.

    ISO-8859-1 and ASCII mean windows-1252; a UTF-16 or UTF-32 label on a page
    that is not (its NUL pattern, or a BOM, would have named it first) means
    UTF-8. A legacy label loses to valid UTF-8 with non-ASCII bytes: a page
    re-saved as UTF-8 that kept its old label is far more common than legacy
    text that happens to be valid UTF-8.

    >>> web_codec("ISO-8859-1", b"caf\\xe9"), web_codec("latin1", "caf\\u00e9".encode())
    ('cp1252', 'utf-8')
    """
    try:
        name = codecs.lookup(label.strip()).name
    except (LookupError, ValueError):
        return None
    name = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}.get(name, name)
    if name.startswith(("utf-16", "utf-32")) or name == "utf-8-sig":
        return "utf-8"
    if name != "utf-8" and not data.isascii() and _decodes_strictly(data, "utf-8"):
        return "utf-8"
    return name


def transport_codec(label: str | None, data: bytes) -> str | None:
    """The codec of a charset the transport declared (an HTTP Content-Type header), if `data` is valid in it.

    The header outranks the page's own declaration, as in browsers, but a
    server that labels every page UTF-8 also serves old cp1252 pages: when the
    bytes are not valid in the declared codec, the label is wrong and None
    lets the page's declaration, then sniffing, decide.

    >>> transport_codec("utf-8", "caf\u00e9".encode("cp1252")) is None
    True
    """
    codec = web_codec(label, data) if label else None
    return codec if codec is not None and _decodes_strictly(data, codec) else None


def _decodes_strictly(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def wide_encoding(data: bytes) -> str | None:
    """UTF-32 or UTF-16 (LE/BE) recognised by where the NULs fall, or None.

    ASCII and Latin text in these encodings has a NUL in the high-order
    byte(s) of most characters and almost never in the low-order one; the
    candidate must also decode the sample cleanly.
    """
    sample = data[:_SNIFF_BYTES]
    for encoding, width, nul_bytes, low_byte in _WIDE_PATTERNS:
        units = len(sample) // width
        if units < 2:
            continue
        share = [sample[i : units * width : width].count(0) / units for i in range(width)]
        if all(share[i] >= 0.3 for i in nul_bytes) and share[low_byte] <= 0.05 and _decodes(sample, encoding):
            return encoding
    return None


def _decodes(sample: bytes, encoding: str) -> bool:
    text = sample.decode(encoding, errors="replace")
    return text.count("\ufffd") <= max(1, len(text) // 100)  # the sample may end mid-character


def _decode_named(data: bytes, encoding: str, max_control_ratio: float) -> tuple[str, int]:
    text = data.decode(encoding, errors="replace")
    sample = text[:_SNIFF_BYTES]
    # The codec was named by a BOM or a NUL pattern, either of which binary
    # data can show by chance; what it decodes to tells: text does not come
    # out as a run of control characters.
    ratio = len(_CONTROL_CHARS.findall(sample)) / len(sample) if sample else 0.0
    if ratio > max_control_ratio:
        raise InputError(f"binary data: read as {encoding}, {ratio:.1%} of the characters are control characters")
    return text, _inserted_replacements(data, encoding, text)


def _damaged_utf8(data: bytes) -> str | None:
    """The UTF-8 reading of `data` if it is UTF-8 with a few broken sequences, else None."""
    text = data.decode("utf-8", errors="replace")
    broken = _inserted_replacements(data, "utf-8", text)
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    valid = non_ascii - broken
    return text if valid >= broken else None


def legacy_encoding(data: bytes) -> str:
    """The single- or multi-byte legacy charset of `data`; `InputError` when none fits."""
    return legacy_guess(data).encoding


def legacy_guess(data: bytes) -> Guess:
    """The guess at the legacy charset of `data`, with its confidence; `InputError` when none fits."""
    sample = data[:_DETECT_BYTES]
    if len(data) > _DETECT_BYTES:
        sample = sample[: sample.rfind(b"\n") + 1] or sample  # do not cut a character in two
    matches = list(charset_normalizer.from_bytes(sample))
    if not matches:
        raise InputError("not text: no character encoding fits the bytes (binary data?)")
    proposed = [name for m in matches for name in (m.encoding, *m.could_be_from_charset)]
    return guess(sample, list(dict.fromkeys(proposed)))


def _inserted_replacements(data: bytes, encoding: str, text: str) -> int:
    """How many U+FFFD decoding inserted (a U+FFFD already in the input is not counted)."""
    found = text.count("\ufffd")
    return found - data.decode(encoding, errors="ignore").count("\ufffd") if found else 0


# --------------------------------------------------------------------------- binary input
#
# Is this input binary? File signatures and the share of control bytes.
#
# Decoding never guesses its way through an image or an archive: bytes that
# start with a known file signature, or where control characters make up more
# than a small share, are rejected with the kind of data they are, instead of
# being "cleaned" into garbage. Text with a few stray NUL bytes is still text
# (the Unicode repair removes them and reports it).

# Signatures of formats people mistake for, or mix into, text corpora. Each
# must be specific enough that no article can start with it; two- and
# three-byte magics are kept only when they begin with a control byte.
SIGNATURES: tuple[tuple[re.Pattern[bytes], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), kind)
    for pattern, kind in (
        (rb"\x89PNG\r\n\x1a\n", "PNG image"),
        (rb"\xff\xd8\xff", "JPEG image"),
        (rb"GIF8[79]a", "GIF image"),
        (rb"RIFF....(?:WEBP|WAVE|AVI )", "RIFF media (WebP, WAV or AVI)"),
        (rb"II\*\x00|MM\x00\*", "TIFF image"),
        (rb"%PDF-", "PDF document"),
        (rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 document (doc, xls, ppt, msg)"),
        (rb"PK(?:\x03\x04|\x05\x06|\x07\x08)", "ZIP archive (or docx, xlsx, odt, epub, jar)"),
        (rb"\x1f\x8b", "gzip-compressed data"),
        (rb"BZh[1-9]1AY&SY", "bzip2-compressed data"),
        (rb"\xfd7zXZ\x00", "xz-compressed data"),
        (rb"\x28\xb5\x2f\xfd", "zstd-compressed data"),
        (rb"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
        (rb"Rar!\x1a\x07", "RAR archive"),
        (rb"\x7fELF", "ELF executable"),
        (rb"\xcf\xfa\xed\xfe|\xce\xfa\xed\xfe|\xfe\xed\xfa[\xce\xcf]|\xca\xfe\xba\xbe", "Mach-O executable or Java class"),
        (rb"\x00asm", "WebAssembly module"),
        (rb"SQLite format 3\x00", "SQLite database"),
        (rb"OggS\x00|fLaC|ID3[\x02-\x04]\x00|\x1a\x45\xdf\xa3", "audio or video (Ogg, FLAC, MP3, Matroska)"),
        (rb"\x00\x00\x00.ftyp", "MP4 or QuickTime media"),
        (rb"wOFF|wOF2|OTTO\x00|\x00\x01\x00\x00\x00", "font file"),
    )
)

# C0 control bytes that never occur in text: not TAB, LF, VT, FF, CR, nor ESC
# (ISO-2022 encodings and terminal colours use it); DEL counts.
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])


def signature(data: bytes) -> str | None:
    """The kind of file `data` starts like, if it starts like a known binary format."""
    for pattern, kind in SIGNATURES:
        if pattern.match(data):
            return kind
    return None


def control_ratio(data: bytes) -> float:
    """The share of bytes that are control characters text never contains."""
    if not data:
        return 0.0
    return (len(data) - len(data.translate(None, CONTROL_BYTES))) / len(data)


def binary_reason(data: bytes, max_control_ratio: float) -> str | None:
    """A one-line reason to reject `data` as binary, or None when it may be text.

    >>> binary_reason(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR", 0.05)
    'binary data (PNG image), not text'
    >>> binary_reason("plain words, nothing more".encode(), 0.05) is None
    True
    """
    kind = signature(data)
    if kind is not None:
        return f"binary data ({kind}), not text"
    ratio = control_ratio(data)
    if ratio > max_control_ratio:
        return (f"binary data: {ratio:.1%} of the bytes are control characters "
                f"(text has at most {max_control_ratio:.0%})")
    return None
