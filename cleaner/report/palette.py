"""One colour per category, as data: light tints behind removed text, dark inks for fixes.

The two families differ in lightness, so a fix never looks like a removal;
within each, the colours were picked (farthest-point search over sRGB, by
CIEDE2000 colour difference) so that every pair of categories reads as two
colours, and tests/report/test_view.py holds them to it. Removal tints are
light enough for dark struck-through text on them; fix inks are dark enough
for a thin box and underline on white.
"""

from __future__ import annotations

import colorsys
import zlib

REMOVAL_TINTS: dict[str, str] = {
    "editor-credit": "#fabe64",
    "related-links": "#8cb4fa",
    "caption": "#78c878",
    "social-widget": "#fa96b4",
    "comment-prompt": "#c8a0fa",
    "navigation": "#1ec8aa",
    "duplicate": "#faa082",
    "weather-widget": "#bef0fa",
    "counter": "#d2f08c",
    "newsletter": "#00c8fa",
    "advertisement": "#fadcc8",
    "cookie-notice": "#e6dcfa",
    "boilerplate": "#bee6c8",
    "mt-artifact": "#00fafa",
    "html-chrome": "#b4b496",
}
FIX_INKS: dict[str, str] = {
    "encoding": "#c30087",
    "punctuation": "#a5000f",
    "token": "#3c4b96",
    "whitespace": "#4b4b00",
}


def category_colour(category: str) -> str:
    """The category's colour; a name outside the vocabulary gets a light tint from a hash of it
    (stable from page to page, but not guaranteed distinct)."""
    known = REMOVAL_TINTS.get(category) or FIX_INKS.get(category)
    if known is not None:
        return known
    hue = zlib.crc32(category.encode("utf-8")) % 360 / 360
    red, green, blue = colorsys.hls_to_rgb(hue, 0.82, 0.7)
    return f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"
