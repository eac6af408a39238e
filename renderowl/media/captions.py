"""Parse and validate captions: a list of cues, SRT or WebVTT, in one linear pass.

A cue is `{start, end, text, words}` (seconds; `words` None or `[{start, end, text}]`). Bounds
come from `limits.py`. SRT/VTT are read line by line: a line holding `-->` is a timing line or
an error naming the cue and line, so a malformed cue is never merged into its neighbour.
"""
import html
import math
import re

from .errors import CaptionError
from .limits import MAX_CAPTION_SECONDS, MAX_CUE_CHARS, MAX_CUES

CUE_FIELDS = {"start", "end", "text", "words"}
WORD_FIELDS = {"start", "end", "text"}
SUBTITLE_FIELDS = {"start", "end", "text", "cue", "line"}  # cues read from SRT/VTT
EPSILON = 1e-6
NEWLINE_RE = re.compile(r"\r\n|\r|\n")
_STAMP = r"(?:(\d{1,6}):)?([0-5]?\d):([0-5]?\d)[,.](\d{1,3})"
TIMING_RE = re.compile(rf"[ \t]*{_STAMP}[ \t]*-->[ \t]*{_STAMP}(?:[ \t].*)?\Z")
# <i>, </b>, <font ...>, VTT voices/classes and inline timestamps; SRT's {\an8}-style blocks.
MARKUP_RE = re.compile(r"</?(?:[a-zA-Z][^<>]*|\d[\d:.]*)>")
ASS_BLOCK_RE = re.compile(r"\{\\[^{}]*\}")
MAX_REPORTED = 10


class _Problems:
    """Collects validation problems, keyed by field path (lists) or by cue and line (SRT/VTT)."""

    def __init__(self, fmt=None):
        self.fmt, self.details, self.lines = fmt, {}, []

    def add(self, index, cue, field, message):
        if self.fmt is None:
            path = f"captions.{index}" + (f".{field}" if field else "")
            self.details.setdefault(path, message)
        elif len(self.lines) < MAX_REPORTED:
            self.lines.append(f"cue {cue['cue']} (line {cue['line']}): {field or 'cue'} {message}")

    def raise_any(self):
        if self.lines:
            self.details[f"captions.{self.fmt}"] = "; ".join(self.lines)
        if self.details:
            raise CaptionError(self.details)


def _seconds(value):
    """A number of seconds within 0..MAX_CAPTION_SECONDS as a float, or an error message."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, "is required and must be a number of seconds"
    # Compared before float(): int(10**400) would overflow the conversion.
    if not (isinstance(value, int) or math.isfinite(value)) or not 0 <= value <= MAX_CAPTION_SECONDS:
        return None, f"must be from 0 to {MAX_CAPTION_SECONDS} seconds"
    return round(float(value), 3), None


def _text(value, limit=MAX_CUE_CHARS):
    """Stripped text with newlines normalized, or an error message."""
    if not isinstance(value, str) or not value.strip():
        return None, "is required and must not be empty"
    if "\x00" in value:
        return None, "must not contain NUL characters"
    text = NEWLINE_RE.sub("\n", value.strip())
    if len(text) > limit:
        return None, f"must be at most {limit} characters (got {len(text)})"
    return text, None


def _span(item, index, cue, field_prefix, problems, allowed):
    """Check {start, end, text} of a cue or word; (start, end, text) or None."""
    if not isinstance(item, dict):
        problems.add(index, cue, field_prefix, "must be an object with start, end and text")
        return None
    prefix = f"{field_prefix}." if field_prefix else ""
    for key in item:
        if key not in allowed:
            problems.add(index, cue, f"{prefix}{key}", "is not a known field")
            return None
    start, start_error = _seconds(item.get("start"))
    end, end_error = _seconds(item.get("end"))
    text, text_error = _text(item.get("text"))
    for field, error in (("start", start_error), ("end", end_error), ("text", text_error)):
        if error:
            problems.add(index, cue, prefix + field, error)
    if start_error or end_error or text_error:
        return None
    return start, end, text


def _words(words, index, cue, start, end, problems):
    """A cue's words, inside the cue and ordered by start; None when absent."""
    if words is None or words == []:
        return None
    if not isinstance(words, list) or len(words) > MAX_CUE_CHARS:
        problems.add(index, cue, "words", f"must be a list of at most {MAX_CUE_CHARS} {{start, end, text}}")
        return None
    result, previous, chars = [], None, 0
    for number, word in enumerate(words):
        field = f"words.{number}"
        span = _span(word, index, cue, field, problems, WORD_FIELDS)
        if span is None:
            return None
        w_start, w_end, w_text = span
        if w_end < w_start:
            problems.add(index, cue, f"{field}.end", "must not be before start")
        elif w_start < start - EPSILON or w_end > end + EPSILON:
            problems.add(index, cue, field, "must lie within the caption's start and end")
        elif previous is not None and w_start < previous - EPSILON:
            problems.add(index, cue, f"{field}.start", "words must be ordered by start")
        previous = w_start
        text = " ".join(w_text.split())
        chars += len(text) + 1
        if chars > MAX_CUE_CHARS + 1:
            problems.add(index, cue, "words", f"hold more than {MAX_CUE_CHARS} characters of text")
            return None
        result.append({"start": w_start, "end": w_end, "text": text})
    return result


def _validate(cues, problems):
    """Validate raw cues; return them normalized or raise CaptionError."""
    result, previous = [], None
    for index, cue in enumerate(cues):
        span = _span(cue, index, cue, "", problems, CUE_FIELDS if problems.fmt is None else SUBTITLE_FIELDS)
        if span is None:
            continue
        start, end, text = span
        if end <= start:
            problems.add(index, cue, "end", "must be greater than start")
            continue
        if previous is not None and start < previous - EPSILON:
            problems.add(index, cue, "start", "captions must be ordered by start")
        previous = start
        words = _words(cue.get("words"), index, cue, start, end, problems)
        result.append({"start": start, "end": end, "text": text, "words": words})
    problems.raise_any()
    return result


def _stamp_seconds(hours, minutes, seconds, fraction):
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(fraction.ljust(3, "0")) / 1000


def _plain(lines, fmt):
    """Cue payload lines without markup, whitespace collapsed, empty lines dropped."""
    text = MARKUP_RE.sub("", "\n".join(lines))
    text = html.unescape(text) if fmt == "vtt" else ASS_BLOCK_RE.sub("", text)
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def _subtitle_error(fmt, message):
    return CaptionError({f"captions.{fmt}": message})


def _read_subtitles(text, fmt):
    """SRT or VTT text into raw cues {start, end, text, cue, line}; raise CaptionError."""
    if not isinstance(text, str) or not text.strip():
        raise _subtitle_error(fmt, f"must be a non-empty {fmt.upper()} string")
    lines = NEWLINE_RE.split(text.lstrip("\ufeff"))
    number = 0
    if fmt == "vtt":
        if not re.match(r"WEBVTT(?:[ \t].*)?\Z", lines[0]):
            raise _subtitle_error(fmt, "line 1: a WebVTT file starts with WEBVTT")
        while number < len(lines) and lines[number].strip():
            number += 1  # the header block
    cues, current, skipping = [], None, False
    for number in range(number, len(lines)):
        line = lines[number]
        if not line.strip():
            current, skipping = None, False
        elif skipping:
            continue
        elif "-->" in line:
            ordinal = len(cues) + 1
            match = TIMING_RE.match(line)
            if match is None:
                raise _subtitle_error(fmt, f"cue {ordinal} (line {number + 1}): invalid timing line {line.strip()[:80]!r} "
                                      "(expected HH:MM:SS,mmm --> HH:MM:SS,mmm)")
            if current is not None and fmt == "srt" and current["lines"] and current["lines"][-1].strip().isdigit():
                current["lines"].pop()  # the next cue's number, written without a blank line before it
            if ordinal > MAX_CUES:
                raise _subtitle_error(fmt, f"more than {MAX_CUES} cues (cue {ordinal} at line {number + 1})")
            groups = match.groups()
            current = {"start": _stamp_seconds(*groups[:4]), "end": _stamp_seconds(*groups[4:]),
                       "lines": [], "cue": ordinal, "line": number + 1}
            cues.append(current)
        elif current is not None:
            current["lines"].append(line)
        elif fmt == "vtt" and re.match(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?\Z", line):
            skipping = True
        elif number + 1 < len(lines) and "-->" in lines[number + 1] and (fmt == "vtt" or line.strip().isdigit()):
            continue  # a cue identifier (SRT: its number)
        else:
            raise _subtitle_error(fmt, f"cue {len(cues) + 1} (line {number + 1}): expected "
                                  + ("a cue number and " if fmt == "srt" else "") + f"a timing line, got {line.strip()[:80]!r}")
    result = []
    for cue in cues:
        plain = _plain(cue.pop("lines"), fmt)
        if plain:  # empty cues render nothing, so they are dropped rather than rejected
            result.append({**cue, "text": plain})
    if not result:
        raise _subtitle_error(fmt, f"contains no {fmt.upper()} cues")
    return result


def parse_captions(value):
    """Normalize captions given as a list of cues or {"srt": ...}/{"vtt": ...}; raise CaptionError."""
    if isinstance(value, dict) and len(value) == 1 and ("srt" in value or "vtt" in value):
        fmt = "srt" if "srt" in value else "vtt"
        return _validate(_read_subtitles(value[fmt], fmt), _Problems(fmt))
    if isinstance(value, list):
        if not value:
            raise CaptionError({"captions": "must contain at least one caption"})
        if len(value) > MAX_CUES:
            raise CaptionError({"captions": f"must hold at most {MAX_CUES} cues (got {len(value)})"})
        return _validate(value, _Problems())
    raise CaptionError({"captions": 'must be a list of {start, end, text} or {"srt": ...} or {"vtt": ...}'})


def check_within(captions, duration):
    """Raise CaptionError for cues that start at or after the end of a video `duration` s long."""
    if not duration:
        return
    details = {}
    for index, cue in enumerate(captions):
        if cue["start"] >= duration - EPSILON:
            details[f"captions.{index}.start"] = (f"starts at {cue['start']:g} s, at or after the end "
                                                  f"of the video ({duration:g} s)")
            if len(details) >= MAX_REPORTED:
                break
    if details:
        raise CaptionError(details)
