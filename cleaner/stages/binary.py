"""Is this input binary? File signatures and the share of control bytes.

Decoding never guesses its way through an image or an archive: bytes that
start with a known file signature, or where control characters make up more
than a small share, are rejected with the kind of data they are, instead of
being "cleaned" into garbage. Text with a few stray NUL bytes is still text
(the Unicode repair removes them and reports it).

    >>> binary_reason(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR", 0.05)
    'binary data (PNG image), not text'
    >>> binary_reason("plain words, nothing more".encode(), 0.05) is None
    True
"""

from __future__ import annotations

import re

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
    """A one-line reason to reject `data` as binary, or None when it may be text."""
    kind = signature(data)
    if kind is not None:
        return f"binary data ({kind}), not text"
    ratio = control_ratio(data)
    if ratio > max_control_ratio:
        return (f"binary data: {ratio:.1%} of the bytes are control characters "
                f"(text has at most {max_control_ratio:.0%})")
    return None
