"""Caption layout: the one place where the broadcast subtitle rules live.

Netflix Timed Text Style Guide and BBC Subtitle Guidelines, as API.md fixes them:
- a cue that needs more than `maxLines` lines becomes consecutive cues over its own span, cut at
  a sentence end, else a clause end, else the most balanced point; time is shared by characters,
  with at least 5/6 s on screen for each part where the span allows;
- lines are chosen by a small dynamic program over the break points: as even as possible, the
  lower line the longer when they differ, never ending on a weak word ("a", "the", "of"...);
- lines are measured in the shipped font's advance widths and kept inside the title-safe area
  (5% margins); a word wider than a line shrinks its cue's font rather than leave that area;
- without `words`, word timings are proportional to each word's length.
"""
import math
from dataclasses import dataclass

from .fonts import DEFAULT_FONT_FAMILY
from .metrics import roboto
from .style import resolve_style

SAFE_MARGIN = 0.05
MIN_SECONDS = 5 / 6
MAX_SECONDS = 7.0
TOLERANCE = 0.0005  # times are kept to the millisecond
BOX_PADDING = 0.15  # of the font size, around the text when there is a background box
SLACK_PX = 2  # what rounding and hinting may add to a measured line
OTHER_FAMILY_FACTOR = 1.35  # DejaVu Sans measured 1.29x Roboto here, Liberation Sans 1.2x

ARTICLES = {"a", "an", "the"}
PREPOSITIONS = {
    "of", "to", "in", "on", "at", "by", "for", "from", "with", "into", "onto", "upon", "about", "above",
    "across", "after", "against", "along", "among", "around", "before", "behind", "below", "beneath",
    "beside", "between", "beyond", "during", "except", "inside", "like", "near", "over", "through",
    "toward", "towards", "under", "until", "via", "within", "without",
}
CONJUNCTIONS = {"and", "or", "but", "nor", "because", "if", "although", "though", "unless", "whether",
                "while", "that", "who", "which", "where", "when", "what", "as"}
POSSESSIVES = {"my", "your", "his", "her", "its", "our", "their", "whose"}
# Netflix also keeps a subject pronoun with its verb, an auxiliary or negation with its verb,
# and a determiner with its noun.
OTHERS = {"than", "it", "there", "i", "we", "they", "he", "she", "am", "is", "are", "was", "were", "been", "have", "has", "had",
          "do", "does", "did", "will", "would", "can", "could", "shall", "should", "may", "might", "must",
          "not", "this", "these", "those", "each", "every", "some", "any", "no", "another", "such",
          "mr.", "mrs.", "ms.", "dr.", "st."}
WEAK_WORDS = frozenset(ARTICLES | PREPOSITIONS | CONJUNCTIONS | POSSESSIVES | OTHERS)
SENTENCE_END = ".!?…"
CLAUSE_END = ",;:—–"
QUOTES = "\"'“”‘’()[]«»"

# Line breaking costs (balance is the squared relative deviation from an even split).
WEAK_END = 1.0
SENTENCE_BREAK = -0.6
CLAUSE_BREAK = -0.4
# A line may start with a conjunction (best) or a preposition (good).
BEFORE_CONJUNCTION = -0.25
BEFORE_PREPOSITION = -0.1
TOP_HEAVY = 0.15
LINE_END_COSTS = {"weak": WEAK_END, "sentence": SENTENCE_BREAK, "clause": CLAUSE_BREAK}
# Cutting a long cue: the fewest parts first, then where they are cut, then their balance.
CUT_COSTS = {"sentence": 0.0, "clause": 1.0, "plain": 2.5, "weak": 5.0}


def ending(word):
    """How a line or cue may end after `word`: sentence, clause, weak or plain."""
    lowered = word.lower()
    if lowered in WEAK_WORDS:  # titles such as "Dr." end in a full stop and are still weak
        return "weak"
    last = word.rstrip(QUOTES)[-1:]
    if last and last in SENTENCE_END:
        return "sentence"
    if (last and last in CLAUSE_END) or word in ("-", "--"):
        return "clause"
    return "weak" if lowered.strip(QUOTES) in WEAK_WORDS else "plain"


def _width_factor(style):
    """1 for Roboto; more for a family libass may find elsewhere on the host, whose widths are
    unknown here (DejaVu Sans, a common fallback, sets text about 30% wider)."""
    return 1.0 if style["fontFamily"].strip().lower() == DEFAULT_FONT_FAMILY.lower() else OTHER_FAMILY_FACTOR


@dataclass
class Geometry:
    """Where text may go on a frame: the title-safe area less the outline or box around it."""

    font_size: float
    line_width: float  # px available to a line of text (math.inf: only maxCharsPerLine applies)
    max_chars: int  # characters per line, 0 for no limit
    max_lines: int
    margin_h: int
    margin_v: int
    outline: float
    padding: float  # of the background box (0 without one)
    width_factor: float = 1.0  # measured Roboto widths times this: room for another family

    @classmethod
    def for_frame(cls, style, width=None, height=None):
        """The geometry of `style` at width x height; unknown size: characters alone limit lines."""
        size, outline = float(style["fontSize"]), float(style["outlineWidth"])
        boxed = bool(style["backgroundColor"])
        max_chars, max_lines = int(style["maxCharsPerLine"] or 0), int(style["maxLines"])
        if not width or not height:
            padding = max(outline, size * BOX_PADDING) if boxed else 0.0
            return cls(size, math.inf, max_chars, max_lines, 0, int(style["marginV"]), outline, padding,
                       _width_factor(style))
        outline = min(outline, 0.1 * min(width, height))
        safe_h = height * (1 - 2 * SAFE_MARGIN)
        # The block of lines plus its edges (outline, or the box's padding) fits the safe height.
        size = max(1.0, min(size, safe_h - 2 * outline, safe_h / (1 + 2 * BOX_PADDING) if boxed else math.inf))
        edge = max(outline, size * BOX_PADDING) if boxed else outline
        line_width = max(1.0, width * (1 - 2 * SAFE_MARGIN) - 2 * edge - SLACK_PX)
        max_lines = max(1, min(max_lines, int((safe_h - 2 * edge) // size)))
        low = math.ceil(height * SAFE_MARGIN + edge)
        high = math.floor(height * (1 - SAFE_MARGIN) - edge - max_lines * size)
        margin_v = min(max(int(style["marginV"]), low), max(low, high))
        return cls(size, line_width, max_chars, max_lines, round(width * SAFE_MARGIN), margin_v,
                   outline, edge if boxed else 0.0, _width_factor(style))


@dataclass
class Segment:
    """One cue as shown: its lines of words, times, and the font size it is drawn at."""

    cue: int
    start: float
    end: float
    words: list
    lines: list  # lists of word indices
    times: list  # (start, end) per word, absolute seconds
    font_size: float
    line_widths: list  # px at font_size

    @property
    def text_lines(self):
        return [" ".join(self.words[i] for i in line) for line in self.lines]


class _Measure:
    """Word widths at one font size, and whether a run of words fits on one line."""

    def __init__(self, words, size, geometry):
        metrics = roboto()
        self.words, self.geometry, self.size = words, geometry, size
        scale = size * geometry.width_factor
        self.widths = [metrics.width(word) * scale for word in words]
        self.space = metrics.advance(" ") * scale
        self._width_sums, self.char_sums = [0.0], [0]
        for word, width in zip(words, self.widths):
            self._width_sums.append(self._width_sums[-1] + width)
            self.char_sums.append(self.char_sums[-1] + len(word) + 1)
        self.endings = [ending(word) for word in words]
        self.lowered = [word.lower() for word in words]

    def width(self, i, j):
        """Width of words[i:j] set on one line."""
        return self._width_sums[j] - self._width_sums[i] + self.space * (j - i - 1)

    def chars(self, i, j):
        """Characters of words[i:j] on one line, spaces included."""
        return self.char_sums[j] - self.char_sums[i] - 1

    def fits(self, i, j):
        if self.width(i, j) > self.geometry.line_width:
            return False
        limit = self.geometry.max_chars
        return j - i == 1 or not limit or self.chars(i, j) <= limit

    def greedy_lines(self, i, j):
        """The fewest lines words[i:j] need (first fit is optimal for the count)."""
        count, start = 1, i
        for k in range(i + 1, j):
            if not self.fits(start, k + 1):
                count, start = count + 1, k
        return count


def break_lines(measure, i, j):
    """Split words[i:j] into the fewest lines, balanced, bottom-heavy, no weak ends: a DP."""
    count = measure.greedy_lines(i, j)
    if count == 1:
        return [list(range(i, j))]
    endings, lowered = measure.endings, measure.lowered
    total = measure.width(i, j) - measure.space * (count - 1)
    target = total / count
    # best[line][k]: (cost, previous break) for words[i:k] set in `line` lines.
    best = [{i: (0.0, None)}] + [{} for _ in range(count)]
    for line in range(1, count + 1):
        for start, (cost, _) in best[line - 1].items():
            for end in range(start + 1, j + 1):
                if not measure.fits(start, end):
                    break
                if line == count and end != j:
                    continue
                width = measure.width(start, end)
                deviation = (width - target) / target
                line_cost = deviation * deviation
                if line < count:
                    kind = endings[end - 1]
                    line_cost += LINE_END_COSTS.get(kind, 0.0)
                    following = lowered[end]
                    if kind != "weak" and following in CONJUNCTIONS:
                        line_cost += BEFORE_CONJUNCTION
                    elif kind != "weak" and following in PREPOSITIONS:
                        line_cost += BEFORE_PREPOSITION
                    line_cost += TOP_HEAVY * deviation
                if end not in best[line] or cost + line_cost < best[line][end][0]:
                    best[line][end] = (cost + line_cost, start)
    lines, end = [], j
    for line in range(count, 0, -1):
        start = best[line][end][1]
        lines.append(list(range(start, end)))
        end = start
    return lines[::-1]


def _cut(measure, max_lines):
    """Split all words into the fewest runs that each fit in max_lines lines: [(i, j), ...].

    Among those, the cuts after a sentence, else a clause, else the most even in characters:
    a DP over cut points, ordered by (runs, cost), so its work is linear in the words."""
    n = len(measure.words)
    line_end, j = [], 1  # line_end[i]: the largest j such that words[i:j] fits on one line
    for i in range(n):
        j = max(j, i + 1)
        while j < n and measure.fits(i, j + 1):
            j += 1
        line_end.append(j)
    reach = []  # reach[i]: the largest j such that words[i:j] fits in max_lines lines (first fit)
    for i in range(n):
        j = i
        for _ in range(max_lines):
            j = line_end[j]
            if j == n:
                break
        reach.append(j)
    parts, i = 0, 0
    while i < n:
        i, parts = reach[i], parts + 1
    if parts == 1:
        return [(0, n)]
    target, endings, sums = measure.chars(0, n) / parts, measure.endings, measure.char_sums
    best = [None] * (n + 1)  # best[k]: (runs, cost, previous cut) for words[:k]
    best[0] = (0, 0.0, None)
    for start in range(n):
        if best[start] is None:
            continue
        runs, cost, _ = best[start]
        runs += 1
        for end in range(start + 1, reach[start] + 1):
            deviation = (sums[end] - sums[start] - 1 - target) / target
            total = cost + deviation * deviation + (CUT_COSTS[endings[end - 1]] if end < n else 0.0)
            known = best[end]
            if known is None or runs < known[0] or (runs == known[0] and total < known[1]):
                best[end] = (runs, total, start)
    cuts, end = [], n
    while end:
        start = best[end][2]
        cuts.append((start, end))
        end = start
    return cuts[::-1]


def share(start, end, weights, minimum=0.0):
    """Cut [start, end] into spans proportional to weights, each at least `minimum` if it can be."""
    span, count = end - start, len(weights)
    fixed, durations = set(), None
    while True:
        free = span - minimum * len(fixed)
        total = sum(w for k, w in enumerate(weights) if k not in fixed) or 1
        durations = [minimum if k in fixed else free * w / total for k, w in enumerate(weights)]
        if not minimum or span < minimum * count:
            break
        short = {k for k, d in enumerate(durations) if d < minimum - TOLERANCE and k not in fixed}
        if not short:
            break
        fixed |= short
    bounds, at = [start], start
    for duration in durations[:-1]:
        at += duration
        bounds.append(round(at, 3))
    bounds.append(end)
    return list(zip(bounds[:-1], bounds[1:]))


def _words_of(cue, uppercase):
    """The words shown for a cue and their (start, end) when the cue gives word timings."""
    text_words = cue["text"].split()
    given = cue.get("words")
    if given:
        # The words' own texts are what is timed, so they are shown when they differ from the text.
        shown = text_words if len(given) == len(text_words) else [w["text"] for w in given]
        timed = [w["start"] for w in given] + [cue["end"]]
        times = list(zip(timed[:-1], timed[1:]))
    else:
        shown, times = text_words, None
    return ([w.upper() for w in shown] if uppercase else shown), times


def _explicit_lines(cue, words, measure, geometry):
    """The author's own line breaks, when there are few enough and each fits."""
    lines = [line.split() for line in cue["text"].split("\n")]
    if len(lines) < 2 or len(lines) > geometry.max_lines or cue.get("words"):
        return None
    result, at = [], 0
    for line in lines:
        if not measure.fits(at, at + len(line)):
            return None
        result.append(list(range(at, at + len(line))))
        at += len(line)
    return result if at == len(words) else None


def _segments_of(index, cue, style, geometry, detailed):
    words, given_times = _words_of(cue, style["uppercase"])
    size = geometry.font_size
    measure = _Measure(words, size, geometry)
    widest = max(measure.widths)
    if widest > geometry.line_width:  # one word wider than a line: draw this cue smaller
        size = math.floor(size * geometry.line_width / widest * 10) / 10
        measure = _Measure(words, size, geometry)
    explicit = _explicit_lines(cue, words, measure, geometry)
    runs = [(0, len(words))] if explicit else _cut(measure, geometry.max_lines)
    if given_times:
        starts = [cue["start"]] + [given_times[i][0] for i, _ in runs[1:]]
        spans = list(zip(starts, starts[1:] + [cue["end"]]))
    else:
        weights = [measure.chars(i, j) for i, j in runs]
        spans = share(cue["start"], cue["end"], weights, MIN_SECONDS)
    segments = []
    for (i, j), (start, end) in zip(runs, spans):
        if not detailed:  # where the cue is cut and when, without lines or word times
            segments.append(Segment(index, start, end, words[i:j], [], [], size, []))
            continue
        lines = explicit or break_lines(measure, i, j)
        if given_times:
            times = [(max(s, start), min(e, end)) for s, e in given_times[i:j]]
            times[-1] = (times[-1][0], end)
        else:
            times = share(start, end, [len(w) for w in words[i:j]])
        segments.append(Segment(index, start, end, words[i:j], [[k - i for k in line] for line in lines],
                                times, size, [measure.width(line[0], line[-1] + 1) for line in lines]))
    return segments


def layout(captions, style, width=None, height=None, detailed=True):
    """(Geometry, [Segment]) for parsed captions drawn with `style` on a width x height frame.

    `detailed=False` leaves out each segment's lines and word times (what warnings do not need)."""
    style = resolve_style(style)
    geometry = Geometry.for_frame(style, width, height)
    segments = []
    for index, cue in enumerate(captions):
        segments.extend(_segments_of(index, cue, style, geometry, detailed))
    return geometry, segments


def _warning(cue, code, message):
    return {"cue": cue, "code": code, "message": message}


def caption_warnings(captions, style, width=None, height=None, fps=None):
    """[{cue, code, message}]: READING_SPEED, TOO_SHORT, TOO_LONG, FLASH_GAP, LINE_TOO_LONG."""
    style = resolve_style(style)
    geometry, segments = layout(captions, style, width, height, detailed=False)
    fps = fps or 25
    warnings, by_cue = [], {}
    for segment in segments:
        by_cue.setdefault(segment.cue, []).append(segment)
    for index, cue in enumerate(captions):
        duration = cue["end"] - cue["start"]
        chars = len(" ".join(cue["text"].split()))
        if chars / duration > style["maxCharsPerSecond"] + TOLERANCE:
            warnings.append(_warning(index, "READING_SPEED", f"{chars} characters in {duration:g} s is "
                                     f"{chars / duration:.1f} per second, over maxCharsPerSecond "
                                     f"({style['maxCharsPerSecond']:g})"))
        parts = by_cue.get(index, [])
        shortest = min(parts, key=lambda s: s.end - s.start)
        longest = max(parts, key=lambda s: s.end - s.start)
        if shortest.end - shortest.start < MIN_SECONDS - TOLERANCE:
            what = "is" if len(parts) == 1 else f"is split in {len(parts)} and one part is"
            warnings.append(_warning(index, "TOO_SHORT", f"{what} on screen {shortest.end - shortest.start:.3g} s, "
                                     "under the 5/6 s minimum"))
        if longest.end - longest.start > MAX_SECONDS + TOLERANCE:
            warnings.append(_warning(index, "TOO_LONG", f"stays on screen {longest.end - longest.start:.3g} s "
                                     f"without a change, over {MAX_SECONDS:g} s"))
        if index:
            gap = cue["start"] - captions[index - 1]["end"]
            if TOLERANCE < gap < 2 / fps - TOLERANCE:
                warnings.append(_warning(index, "FLASH_GAP", f"starts {gap:.3g} s after caption {index - 1} "
                                         f"ends, under 2 frames at {fps:g} fps: close the gap or widen it"))
        too_wide = [w for part in parts for w in part.words if _too_wide(w, geometry)]
        if too_wide:
            word = too_wide[0]
            if geometry.max_chars and len(word) > geometry.max_chars:
                why = f"has {len(word)} characters, over maxCharsPerLine ({geometry.max_chars})"
            else:
                why = "is wider than a line; this caption is drawn smaller to fit"
            warnings.append(_warning(index, "LINE_TOO_LONG", f"the word {word[:40]!r} {why}"))
    return warnings


def _too_wide(word, geometry):
    if geometry.max_chars and len(word) > geometry.max_chars:
        return True
    return roboto().width(word) * geometry.font_size * geometry.width_factor > geometry.line_width
