"""Parse and validate captions, and turn them into an ASS script for libass."""
import html
import math
import re

import pysubs2

from .errors import CaptionError, StyleError
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
    "uppercase": False,
    "wordHighlight": False,
}
# ASS numpad alignments: bottom, middle and top centre.
ALIGNMENTS = {"top": 8, "center": 5, "bottom": 2}
COLOR_RE = re.compile(r"^#([0-9a-fA-F]{6})([0-9a-fA-F]{2})?$")
# VTT voice/class/timestamp tags pysubs2 leaves in the plain text.
MARKUP_RE = re.compile(r"</?(?:[a-zA-Z][^<>]*|\d[\d:.]*)>")
# Zero-width word joiner: put after a backslash so libass never reads it as an escape.
WORD_JOINER = "\u2060"
EPSILON = 1e-6


def _number(value):
    """Return value as a finite float, or None when it is not a real number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _check_span(item, path, details):
    """Validate start/end/text of a cue or word; return (start, end, text) or None."""
    if not isinstance(item, dict):
        details[path] = "must be an object with start, end and text"
        return None
    start, end, text = _number(item.get("start")), _number(item.get("end")), item.get("text")
    ok = True
    if start is None:
        details[f"{path}.start"] = "is required and must be a number of seconds"
        ok = False
    elif start < 0:
        details[f"{path}.start"] = "must be zero or more"
        ok = False
    if end is None:
        details[f"{path}.end"] = "is required and must be a number of seconds"
        ok = False
    if not isinstance(text, str) or not text.strip():
        details[f"{path}.text"] = "is required and must not be empty"
        ok = False
    if not ok:
        return None
    return round(start, 3), round(end, 3), text.strip().replace("\r\n", "\n").replace("\r", "\n")


def _check_words(words, cue_start, cue_end, path, details):
    """Validate a cue's words: inside the cue and ordered by start; return them or None."""
    if words is None or words == []:
        return None
    if not isinstance(words, list):
        details[path] = "must be a list of {start, end, text}"
        return None
    result, previous = [], None
    for index, word in enumerate(words):
        word_path = f"{path}.{index}"
        span = _check_span(word, word_path, details)
        if span is None:
            continue
        start, end, text = span
        if end < start:
            details[f"{word_path}.end"] = "must not be before start"
        elif start < cue_start - EPSILON or end > cue_end + EPSILON:
            details[word_path] = "must lie within the caption's start and end"
        elif previous is not None and start < previous - EPSILON:
            details[f"{word_path}.start"] = "words must be ordered by start"
        previous = start
        result.append({"start": start, "end": end, "text": " ".join(text.split())})
    return result


def _validate(cues):
    """Validate a list of cues; return them normalized or raise CaptionError."""
    if not cues:
        raise CaptionError({"captions": "must contain at least one caption"})
    details, result, previous = {}, [], None
    for index, cue in enumerate(cues):
        path = f"captions.{index}"
        span = _check_span(cue, path, details)
        if span is None:
            continue
        start, end, text = span
        if end <= start:
            details[f"{path}.end"] = "must be greater than start"
            continue
        if previous is not None and start < previous - EPSILON:
            details[f"{path}.start"] = "captions must be ordered by start"
        previous = start
        words = _check_words(cue.get("words"), start, end, f"{path}.words", details)
        result.append({"start": start, "end": end, "text": text, "words": words})
    if details:
        raise CaptionError(details)
    return result


def _from_subtitles(text, fmt):
    """Parse SRT or VTT text with pysubs2 into raw cue dicts."""
    path = f"captions.{fmt}"
    if not isinstance(text, str) or not text.strip():
        raise CaptionError({path: f"must be a non-empty {fmt.upper()} string"})
    try:
        subs = pysubs2.SSAFile.from_string(text, format_=fmt)
    except Exception:  # pysubs2 raises a variety of parse errors; all mean the same to users
        raise CaptionError({path: f"could not be parsed as {fmt.upper()}"}) from None
    cues = []
    for event in subs.events:
        if event.is_comment:
            continue
        plain = MARKUP_RE.sub("", event.plaintext)
        if fmt == "vtt":
            plain = html.unescape(plain)
        lines = [" ".join(line.split()) for line in plain.split("\n")]
        plain = "\n".join(line for line in lines if line)
        if plain:  # empty cues render nothing, so they are dropped rather than rejected
            cues.append({"start": event.start / 1000, "end": event.end / 1000, "text": plain})
    if not cues:
        raise CaptionError({path: f"contains no {fmt.upper()} cues"})
    return cues


def parse_captions(value):
    """Normalize captions given as a list of cues or {"srt": ...}/{"vtt": ...}; raise CaptionError."""
    if isinstance(value, dict) and len(value) == 1 and ("srt" in value or "vtt" in value):
        fmt = "srt" if "srt" in value else "vtt"
        return _validate(_from_subtitles(value[fmt], fmt))
    if isinstance(value, list):
        return _validate(value)
    raise CaptionError({"captions": 'must be a list of {start, end, text} or {"srt": ...} or {"vtt": ...}'})


def _color(value, field):
    """Parse #RRGGBB or #RRGGBBAA into a pysubs2 Color (whose alpha is inverted: 0 = opaque)."""
    match = COLOR_RE.match(value) if isinstance(value, str) else None
    if not match:
        raise StyleError({f"style.{field}": "must be a colour like #RRGGBB or #RRGGBBAA"})
    rgb, alpha = match.group(1), match.group(2) or "FF"
    r, g, b = (int(rgb[i:i + 2], 16) for i in (0, 2, 4))
    return pysubs2.Color(r, g, b, 255 - int(alpha, 16))


def _inline_color(color):
    """Override tags that switch the fill colour (and its alpha when not opaque)."""
    tags = f"\\c&H{color.b:02X}{color.g:02X}{color.r:02X}&"
    if color.a:
        tags += f"\\1a&H{color.a:02X}&"
    return "{" + tags + "}"


def resolve_style(style):
    """Merge a CaptionStyle over DEFAULT_STYLE and check its values; raise StyleError."""
    merged = dict(DEFAULT_STYLE)
    merged.update({k: v for k, v in (style or {}).items() if k in DEFAULT_STYLE})
    errors = {}
    colors = ["textColor", "highlightColor", "outlineColor"]
    if merged["backgroundColor"]:
        colors.append("backgroundColor")
    for field in colors:
        try:
            _color(merged[field], field)
        except StyleError as exc:
            errors.update(exc.details)
    numbers = {"fontSize": (1, 1000), "outlineWidth": (0, 100), "marginV": (0, 10000)}
    for field, (low, high) in numbers.items():
        value = _number(merged[field])
        if value is None or not low <= value <= high:
            errors[f"style.{field}"] = f"must be a number from {low} to {high}"
    chars = merged["maxCharsPerLine"]
    if chars is not None and (isinstance(chars, bool) or not isinstance(chars, int) or chars < 0):
        errors["style.maxCharsPerLine"] = "must be a whole number (0 or null: no wrapping)"
    if merged["position"] not in ALIGNMENTS:
        errors["style.position"] = "must be one of top, center, bottom"
    if not isinstance(merged["fontFamily"], str) or not merged["fontFamily"].strip():
        errors["style.fontFamily"] = "must be a font family name"
    for field in ("uppercase", "wordHighlight"):
        if not isinstance(merged[field], bool):
            errors[f"style.{field}"] = "must be true or false"
    if errors:
        raise StyleError(errors)
    return merged


def _escape(text):
    """Make user text literal in ASS: no override blocks, no \\N/\\h escapes."""
    text = text.replace("\\", "\\" + WORD_JOINER)
    return text.replace("{", "\\{").replace("}", "\\}")


def _layout(text, max_chars):
    """Split text into lines of words: explicit newlines kept, lines wrapped at max_chars."""
    lines = []
    for paragraph in text.split("\n"):
        line = []
        for word in paragraph.split():
            if line and max_chars and len(" ".join(line + [word])) > max_chars:
                lines.append(line)
                line = []
            line.append(word)
        if line:
            lines.append(line)
    return lines


def _render_text(lines, highlight=None, color=None):
    """Join laid-out words into ASS text, colouring the word at index `highlight`."""
    out, index = [], 0
    for line in lines:
        words = []
        for word in line:
            word = _escape(word)
            if index == highlight:
                word = f"{_inline_color(color)}{word}{{\\r}}"
            words.append(word)
            index += 1
        out.append(" ".join(words))
    return "\\N".join(out)


def _word_timings(cue, count):
    """(start, end) per word: from cue["words"] when given, else the cue split evenly."""
    words = cue["words"]
    if words and len(words) == count:
        starts = [w["start"] for w in words]
        return [(s, starts[i + 1] if i + 1 < count else cue["end"]) for i, s in enumerate(starts)]
    step = (cue["end"] - cue["start"]) / count
    return [(cue["start"] + i * step, cue["start"] + (i + 1) * step) for i in range(count)]


def _ms(seconds):
    """Seconds to the integer milliseconds pysubs2 expects."""
    return int(round(seconds * 1000))


def _cue_events(cue, style, highlight_color):
    """The ASS events for one cue: one event, or one per word when highlighting."""
    text = cue["text"]
    words = cue["words"]
    max_chars = style["maxCharsPerLine"]
    lines = _layout(text, max_chars)
    count = sum(len(line) for line in lines)
    if words and len(words) != count:
        # The words' own texts are what is timed, so show those when they differ from the text.
        lines = _layout(" ".join(w["text"] for w in words), max_chars)
        count = len(words)
    if style["uppercase"]:
        lines = [[word.upper() for word in line] for line in lines]
    if not style["wordHighlight"]:
        return [pysubs2.SSAEvent(start=_ms(cue["start"]), end=_ms(cue["end"]),
                                 text=_render_text(lines))]
    events = []
    timings = _word_timings(cue, count)
    if timings[0][0] > cue["start"]:
        # Before the first word is spoken the caption shows with nothing highlighted.
        events.append(pysubs2.SSAEvent(start=_ms(cue["start"]), end=_ms(timings[0][0]),
                                       text=_render_text(lines)))
    for index, (start, end) in enumerate(timings):
        if _ms(end) > _ms(start):
            events.append(pysubs2.SSAEvent(start=_ms(start), end=_ms(end),
                                           text=_render_text(lines, index, highlight_color)))
    return events


def build_ass(captions, style, width, height):
    """Return a complete ASS script drawing `captions` with a CaptionStyle at width x height."""
    captions = parse_captions(captions)
    style = resolve_style(style)
    background = _color(style["backgroundColor"], "backgroundColor") if style["backgroundColor"] else None
    # Commas end a field in ASS style lines, so a family name must not carry one.
    family = re.sub(r"[,{}\\\r\n]", " ", style["fontFamily"]).strip() or DEFAULT_FONT_FAMILY
    outline = float(style["outlineWidth"])
    ass_style = pysubs2.SSAStyle(
        fontname=family,
        fontsize=float(style["fontSize"]),
        primarycolor=_color(style["textColor"], "textColor"),
        secondarycolor=_color(style["highlightColor"], "highlightColor"),
        outlinecolor=_color(style["outlineColor"], "outlineColor"),
        backcolor=pysubs2.Color(0, 0, 0, 255),
        bold=False,
        borderstyle=1,
        outline=outline,
        shadow=0,
        alignment=pysubs2.Alignment(ALIGNMENTS[style["position"]]),
        marginl=max(10, round(width * 0.05)),
        marginr=max(10, round(width * 0.05)),
        marginv=int(style["marginV"]),
    )
    if background is not None:
        # libass draws BorderStyle 3's box in OutlineColour (BackColour is its shadow), so
        # both carry the background; Outline becomes the box's padding around the text.
        ass_style.borderstyle = 3
        ass_style.outlinecolor = background
        ass_style.backcolor = background
        ass_style.outline = max(outline, round(float(style["fontSize"]) * 0.15, 1))
    subs = pysubs2.SSAFile()
    subs.info.update({
        "PlayResX": str(int(width)),
        "PlayResY": str(int(height)),
        # We wrap lines ourselves; style 0 only breaks a line still wider than the frame.
        "WrapStyle": "0",
        "ScaledBorderAndShadow": "yes",
    })
    subs.styles = {"Default": ass_style}
    highlight = _color(style["highlightColor"], "highlightColor")
    for cue in captions:
        subs.events.extend(_cue_events(cue, style, highlight))
    return subs.to_string("ass")
