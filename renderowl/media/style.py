"""The CaptionStyle: its defaults, and colours as libass wants them.

Values are checked once, by the request schemas (bounds in `limits.py`); here a style is only
merged over the defaults.
"""
import re

from .fonts import DEFAULT_FONT_FAMILY

DEFAULT_STYLE = {
    "fontFamily": DEFAULT_FONT_FAMILY,
    "fontSize": 48,
    "textColor": "#FFFFFF",
    "highlightColor": "#FFD700",
    "outlineColor": "#000000",
    "outlineWidth": 3,
    "backgroundColor": None,
    "position": "bottom",
    "marginV": 60,
    "maxCharsPerLine": 42,
    "maxLines": 2,
    "maxCharsPerSecond": 20,
    "uppercase": False,
    "wordHighlight": False,
}
POSITIONS = ("top", "center", "bottom")
COLOR_RE = re.compile(r"^#([0-9a-fA-F]{6})([0-9a-fA-F]{2})?$")


def resolve_style(style):
    """A CaptionStyle merged over DEFAULT_STYLE (unknown keys dropped, None keeps the default
    except for the fields where None means something: backgroundColor, maxCharsPerLine)."""
    merged = dict(DEFAULT_STYLE)
    for key, value in (style or {}).items():
        if key in DEFAULT_STYLE and (value is not None or key in ("backgroundColor", "maxCharsPerLine")):
            merged[key] = value
    return merged


def rgba(value):
    """#RRGGBB or #RRGGBBAA as (r, g, b, a) with a = 255 opaque."""
    match = COLOR_RE.fullmatch(value)
    rgb, alpha = match.group(1), match.group(2) or "FF"
    return tuple(int(rgb[i:i + 2], 16) for i in (0, 2, 4)) + (int(alpha, 16),)


def ass_color(value):
    """&HAABBGGRR for an ASS style line (ASS alpha is inverted: 00 = opaque)."""
    r, g, b, a = rgba(value)
    return f"&H{255 - a:02X}{b:02X}{g:02X}{r:02X}"


def ass_color_tags(value):
    """Override tags that set the fill colour and its alpha."""
    r, g, b, a = rgba(value)
    return f"\\1c&H{b:02X}{g:02X}{r:02X}&\\1a&H{255 - a:02X}&"
