"""The ASS script libass draws: laid-out captions (layout.py) in a CaptionStyle.

Its size is linear in the words: one Dialogue per shown cue, and with `wordHighlight` a
constant-size colour switch before each word (`\\t` at the word's start and end) instead of an
event per word repeating the whole cue. A background is one rectangle per cue, drawn below
the text, so highlighting never stacks boxes into darker bands.
"""
import re

from .captions import parse_captions
from .fonts import DEFAULT_FONT_FAMILY
from .layout import layout
from .style import ass_color, ass_color_tags, resolve_style

ALIGNMENTS = {"top": 8, "center": 5, "bottom": 2}
# Zero-width word joiner: put after a backslash so libass never reads it as an escape.
WORD_JOINER = "\u2060"
STYLE_FORMAT = ("Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
                "Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, "
                "Shadow, Alignment, MarginL, MarginR, MarginV, Encoding")
EVENT_FORMAT = "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text"


def _escape(text):
    """Make user text literal in ASS: no override blocks, no \\N/\\h escapes."""
    text = text.replace("\\", "\\" + WORD_JOINER)
    return text.replace("{", "\\{").replace("}", "\\}")


def _timestamp(seconds):
    """ASS time (centiseconds): H:MM:SS.cc."""
    cs = int(round(seconds * 100))
    hours, cs = divmod(cs, 360000)
    minutes, cs = divmod(cs, 6000)
    secs, cs = divmod(cs, 100)
    return f"{hours}:{minutes:02d}:{secs:02d}.{cs:02d}"


def _number(value):
    return f"{round(float(value), 2):g}"


def _style_line(name, family, size, primary, secondary, outline_color, back, border, outline, alignment, geometry):
    return (f"Style: {name},{family},{_number(size)},{primary},{secondary},{outline_color},{back},"
            f"0,0,0,0,100,100,0,0,{border},{_number(outline)},0,{alignment},"
            f"{geometry.margin_h},{geometry.margin_h},{geometry.margin_v},1")


def _text(segment, style, base_ms):
    """The Dialogue text of one segment: lines joined by \\N, words coloured while spoken."""
    if not style["wordHighlight"]:
        return "\\N".join(_escape(line) for line in segment.text_lines)
    text_tags, spoken_tags = ass_color_tags(style["textColor"]), ass_color_tags(style["highlightColor"])
    lines = []
    for line in segment.lines:
        words = []
        for index in line:
            start, end = segment.times[index]
            on, off = max(0, round(start * 1000) - base_ms), max(0, round(end * 1000) - base_ms)
            # Each switch is a 1 ms transition ending at the word's start or end (libass does not
            # switch at all when both times are equal); a word spoken from the start begins coloured.
            tags = spoken_tags if on == 0 else f"{text_tags}\\t({on - 1},{on},{spoken_tags})"
            words.append(f"{{{tags}\\t({max(off - 1, 0)},{off},{text_tags})}}"
                         + _escape(segment.words[index]))
        lines.append(" ".join(words))
    return "\\N".join(lines)


def _box(segment, style, geometry, width, height):
    """A vector rectangle behind the segment's lines (top-left anchored at \\pos)."""
    pad = geometry.padding
    box_w = max(segment.line_widths) + 2 * pad
    box_h = len(segment.lines) * segment.font_size + 2 * pad
    position = style["position"]
    if position == "bottom":
        top = height - geometry.margin_v - len(segment.lines) * segment.font_size - pad
    elif position == "top":
        top = geometry.margin_v - pad
    else:
        top = (height - box_h) / 2
    left = (width - box_w) / 2
    return (f"{{\\pos({_number(left)},{_number(top)})\\p1}}"
            f"m 0 0 l {_number(box_w)} 0 {_number(box_w)} {_number(box_h)} 0 {_number(box_h)}{{\\p0}}")


def build_ass(captions, style, width, height):
    """Return a complete ASS script drawing `captions` with a CaptionStyle at width x height."""
    captions = parse_captions(captions)
    style = resolve_style(style)
    geometry, segments = layout(captions, style, width, height)
    # Commas end a field in ASS style lines, so a family name must not carry one.
    family = re.sub(r"[,{}\\\r\n]", " ", style["fontFamily"]).strip() or DEFAULT_FONT_FAMILY
    text, outline = ass_color(style["textColor"]), ass_color(style["outlineColor"])
    styles = [_style_line("Default", family, geometry.font_size, text, ass_color(style["highlightColor"]),
                          outline, "&HFF000000", 1, geometry.outline, ALIGNMENTS[style["position"]], geometry)]
    background = style["backgroundColor"]
    if background:
        box = ass_color(background)
        styles.append(_style_line("Box", family, geometry.font_size, box, box, box, box, 1, 0, 7, geometry))
    out = [
        "[Script Info]", "ScriptType: v4.00+", f"PlayResX: {int(width)}", f"PlayResY: {int(height)}",
        # 2: no automatic wrapping at all; layout.py has already broken every line to fit.
        "WrapStyle: 2", "ScaledBorderAndShadow: yes", "",
        "[V4+ Styles]", STYLE_FORMAT, *styles, "", "[Events]", EVENT_FORMAT,
    ]
    for segment in segments:
        start, end = _timestamp(segment.start), _timestamp(segment.end)
        if start == end:
            continue
        if background:
            out.append(f"Dialogue: 0,{start},{end},Box,,0,0,0,,{_box(segment, style, geometry, width, height)}")
        size = "" if segment.font_size == geometry.font_size else f"{{\\fs{_number(segment.font_size)}}}"
        base_ms = int(round(segment.start * 100)) * 10  # libass counts \t from the cs start
        out.append(f"Dialogue: 1,{start},{end},Default,,0,0,0,,{size}{_text(segment, style, base_ms)}")
    return "\n".join(out) + "\n"
