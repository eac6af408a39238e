"""Every bound on captions, caption styles and render settings: the one table.

The request schemas (and so the OpenAPI spec) are built from these numbers, and the caption
parser enforces the caption ones; nothing else checks them again, so they cannot disagree.
"""

# Captions (API.md, "Limits and hostile input").
MAX_CUES = 2000
MAX_CUE_CHARS = 500
# A day: any real video is shorter, and larger numbers (1e308, 2**70) never reach arithmetic.
MAX_CAPTION_SECONDS = 86400

# CaptionStyle numbers: (minimum, maximum), inclusive.
STYLE_BOUNDS = {
    "fontSize": (1, 1000),
    "outlineWidth": (0, 100),
    "marginV": (0, 10000),
    "maxCharsPerLine": (0, 1000),
    "maxLines": (1, 4),
    "maxCharsPerSecond": (1, 100),
}
FONT_FAMILY_MAX_CHARS = 100

# Render settings: (minimum, maximum), inclusive.
SETTINGS_BOUNDS = {
    "width": (16, 7680),
    "height": (16, 4320),
    "fps": (1, 120),
    "crf": (0, 51),
}
PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow")
DEFAULT_PRESET = "veryfast"
DEFAULT_CRF = 23
