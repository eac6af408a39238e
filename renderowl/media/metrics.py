"""Text widths in the shipped Roboto's real advance widths, as libass will draw them.

libass sizes a font so that its Windows ascent + descent (OS/2 usWinAscent + usWinDescent)
equal the ASS font size, and puts consecutive lines one font size apart; widths here use the
same scale. Kerning is ignored, which can only over-estimate (Roboto's kerning pairs shorten).
Any family other than Roboto is measured as Roboto: it is the only font the server ships.
"""
import functools
import os

from fontTools.ttLib import TTFont

from .fonts import fonts_dir

FONT_FILE = "Roboto-Regular.ttf"
# Characters Roboto lacks come from a fallback font; measure them as wide as Roboto's widest.
FALLBACK_ADVANCE = "W"
WIDTH_CACHE_SIZE = 100_000


class FontMetrics:
    """Advance widths and vertical metrics of one font, in units of the ASS font size."""

    def __init__(self, path):
        font = TTFont(path, lazy=True)
        os2 = font["OS/2"]
        height = os2.usWinAscent + os2.usWinDescent
        self.ascent = os2.usWinAscent / height
        self.descent = os2.usWinDescent / height
        cmap, hmtx = font.getBestCmap(), font["hmtx"]
        self._advances = {chr(code): hmtx[glyph][0] / height for code, glyph in cmap.items()}
        self._fallback = self._advances[FALLBACK_ADVANCE]
        self._widths = {}
        font.close()

    def advance(self, char):
        """Advance width of one character at font size 1."""
        return self._advances.get(char, self._fallback)

    def width(self, text):
        """Width of `text` on one line at font size 1."""
        known = self._widths.get(text)
        if known is None:
            advances, fallback = self._advances, self._fallback
            known = sum(advances.get(char, fallback) for char in text)
            if len(self._widths) < WIDTH_CACHE_SIZE:  # words repeat; a bound keeps memory flat
                self._widths[text] = known
        return known


@functools.lru_cache(maxsize=1)
def roboto():
    """The shipped Roboto Regular's metrics (loaded once per process)."""
    return FontMetrics(os.path.join(fonts_dir(), FONT_FILE))
