"""The caption layout rules (layout.py), table-driven: line breaks, long cues, timing, ASS size.

Expected lines are written from the Netflix Timed Text Style Guide and the BBC Subtitle
Guidelines: at most 42 characters and 2 lines, a line kept whole when it fits, breaks after
punctuation or before a conjunction/preposition, never after an article, preposition,
conjunction, possessive or a pronoun/auxiliary that belongs to the next word, lines as even as
possible and the lower one the longer when a natural break allows.
"""
import pysubs2
import pytest

from renderowl.media import build_ass, layout, parse_captions
from renderowl.media.layout import WEAK_WORDS, ending

# 1280x720 at 48 px: a line holds about 58 characters of Roboto, so the 42-character rule governs.
BREAKS = [
    ("I can't believe you did that to me yesterday afternoon.",
     ["I can't believe you did that to me", 'yesterday afternoon.']),
    ('We need to talk about what happened at the party last night.',
     ['We need to talk about what happened', 'at the party last night.']),
    ('The meeting has been moved to the conference room on the third floor.',
     ['The meeting has been moved', 'to the conference room on the third floor.']),
    ('She picked up the book and walked out of the room without a word.',
     ['She picked up the book', 'and walked out of the room without a word.']),
    ('If you want to come with us, you have to be ready by six.',
     ['If you want to come with us,', 'you have to be ready by six.']),
    ('He said that he would call me as soon as he got home from work.',
     ['He said that he would call me', 'as soon as he got home from work.']),
    ('They were standing in front of the old house at the end of the street.',
     ['They were standing in front', 'of the old house at the end of the street.']),
    ('My brother and his wife are coming to visit us for the holidays.',
     ['My brother and his wife are coming', 'to visit us for the holidays.']),
    ('Ministers have decided to postpone the vote until after the summer recess.',
     ['Ministers have decided to postpone', 'the vote until after the summer recess.']),
    ('The police are asking anyone who saw the accident to come forward.',
     ['The police are asking anyone', 'who saw the accident to come forward.']),
    ('Can you hand me the keys that are lying on the kitchen table?',
     ['Can you hand me the keys', 'that are lying on the kitchen table?']),
    ("I told you, I don't know where he went after the concert ended.",
     ["I told you, I don't know", 'where he went after the concert ended.']),
    ('The results of the survey will be published in the spring.',
     ['The results of the survey', 'will be published in the spring.']),
    ('Thank you all for coming here tonight to celebrate with us.',
     ['Thank you all for coming here', 'tonight to celebrate with us.']),
    ("We'll have to wait and see what the doctors say tomorrow morning.",
     ["We'll have to wait and see", 'what the doctors say tomorrow morning.']),
    ('You should have seen the look on his face when he opened the door.',
     ['You should have seen the look on his face', 'when he opened the door.']),
    ('There is no way we can finish this project by the end of the week.',
     ['There is no way we can finish', 'this project by the end of the week.']),
    ('The children were playing in the garden while their parents talked.',
     ['The children were playing in the garden', 'while their parents talked.']),
    ('Dr. Smith will see you now, if you would like to follow me.',
     ['Dr. Smith will see you now,', 'if you would like to follow me.']),
    ('Put the box down on the floor next to the door, please.',
     ['Put the box down on the floor', 'next to the door, please.']),
    ('It was the best of times, it was the worst of times.',
     ['It was the best of times,', 'it was the worst of times.']),
    ('The train to London leaves from platform nine at half past ten.',
     ['The train to London leaves', 'from platform nine at half past ten.']),
    ('Nobody expected the storm to hit the coast so early in the season.',
     ['Nobody expected the storm', 'to hit the coast so early in the season.']),
    ('Our team won the championship for the third year in a row.',
     ['Our team won the championship', 'for the third year in a row.']),
    ('Please remember to lock the door and turn off the lights.',
     ['Please remember to lock the door', 'and turn off the lights.']),
    ('I have never seen anything like this in my entire life.',
     ['I have never seen anything', 'like this in my entire life.']),
    ('The company announced that it would close three of its factories.',
     ['The company announced that it would close', 'three of its factories.']),
    ('He turned around, looked at me, and started to laugh.',
     ['He turned around, looked at me,', 'and started to laugh.']),
    ('Scientists say the ice is melting faster than anyone had predicted.',
     ['Scientists say the ice is melting', 'faster than anyone had predicted.']),
    ('Let me know if there is anything else I can do for you.',
     ['Let me know if there is anything', 'else I can do for you.']),
    ('Short line.',
     ['Short line.']),
    ('Where are you going?',
     ['Where are you going?']),
    ('The quick brown fox jumps over the lazy dog near the river bank.',
     ['The quick brown fox jumps', 'over the lazy dog near the river bank.']),
    ('We walked along the beach until the sun went down behind the hills.',
     ['We walked along the beach', 'until the sun went down behind the hills.']),
]


def lines_of(text, style=None, width=1280, height=720, end=4.0):
    _, segments = layout(parse_captions([{"start": 0, "end": end, "text": text}]), style or {}, width, height)
    return [segment.text_lines for segment in segments]


@pytest.mark.parametrize("text, expected", BREAKS)
def test_line_breaks(text, expected):
    assert lines_of(text) == [expected]


def test_break_table_follows_the_rules():
    assert len(BREAKS) >= 30
    for text, lines in BREAKS:
        assert " ".join(lines) == text and len(lines) <= 2
        assert all(len(line) <= 42 for line in lines)
        if len(text) <= 42:
            assert len(lines) == 1, text  # kept on one line when it fits
        for line in lines[:-1]:
            assert ending(line.split()[-1]) != "weak", line
            assert line.split()[-1].lower() not in WEAK_WORDS, line


def test_bottom_heavy_when_uneven():
    # Two breaks are equally natural here; the longer line goes below.
    assert lines_of("Thank you all for coming here tonight to celebrate with us and our families.") == [
        ["Thank you all for coming here tonight", "to celebrate with us and our families."]]
    uneven = [lines for _, lines in BREAKS if len(lines) == 2 and abs(len(lines[0]) - len(lines[1])) > 4]
    bottom_heavy = [lines for lines in uneven if len(lines[1]) > len(lines[0])]
    assert len(bottom_heavy) > len(uneven) / 2  # natural breaks may overrule the shape, not usually


def test_greedy_would_differ():
    # First fit fills the top line ("...who saw the accident to") and ends it on a weak word.
    assert lines_of("The police are asking anyone who saw the accident to come forward.") == [
        ["The police are asking anyone", "who saw the accident to come forward."]]


def test_authors_line_breaks_are_kept_when_they_fit():
    assert lines_of("- Are you coming?\n- Not tonight.") == [["- Are you coming?", "- Not tonight."]]
    # Three lines do not fit maxLines 2: the text is laid out again.
    assert lines_of("One\ntwo\nthree") == [["One two three"]]


SEGMENTS = [
    # A sentence end is the first choice for cutting a long cue.
    ("We arrived late. The doors were already closed and nobody answered when we knocked, "
     "so we went home again and tried the next day.", {}, 8.0,
     [["We arrived late."], ["The doors were already closed", "and nobody answered"],
      ["when we knocked, so we went", "home again and tried the next day."]]),
    # Then a clause end (the comma), not the balanced middle of the sentence.
    ("Wait. Stop. Listen to me very carefully now, because I will only say this once "
     "and then I am leaving for good.", {}, 4.0,
     [["Wait. Stop.", "Listen to me very carefully now,"],
      ["because I will only say this once", "and then I am leaving for good."]]),
    # No natural point: the most balanced cut that does not end on a weak word.
    ("This caption is a fairly long sentence that will need to wrap onto a couple of lines on screen for sure",
     {}, 6.0, [["This caption is a fairly", "long sentence that will need"],
               ["to wrap onto a couple", "of lines on screen for sure"]]),
    ("one two three four five", {"maxCharsPerLine": 10}, 1.0, [["one two", "three"], ["four five"]]),
]


@pytest.mark.parametrize("text, style, end, expected", SEGMENTS)
def test_long_cues_become_consecutive_cues(text, style, end, expected):
    _, segments = layout(parse_captions([{"start": 0, "end": end, "text": text}]), style, 640, 360)
    assert [s.text_lines for s in segments] == expected
    assert segments[0].start == 0 and segments[-1].end == end
    assert all(a.end == b.start for a, b in zip(segments, segments[1:]))  # no gap, no overlap


def test_time_is_shared_by_characters_with_a_minimum():
    text = "We arrived late. The doors were already closed and nobody answered when we knocked, " \
           "so we went home again and tried the next day."
    _, segments = layout(parse_captions([{"start": 10, "end": 18, "text": text}]), {}, 640, 360)
    chars = [len(" ".join(s.text_lines)) for s in segments]
    durations = [s.end - s.start for s in segments]
    # "We arrived late." gets 16/127 of 8 s = 1.008 s; the others share the rest by length too.
    assert durations[0] == pytest.approx(8 * chars[0] / sum(chars), abs=0.002)
    assert durations[1] / durations[2] == pytest.approx(chars[1] / chars[2], rel=0.01)
    # A short first part is held for the 5/6 s minimum when the span allows.
    text = "Yes. I have been waiting for you here since early this morning, my friend."
    _, segments = layout(parse_captions([{"start": 0, "end": 3, "text": text}]), {}, 640, 360)
    assert [s.text_lines for s in segments] == [["Yes."], ["I have been waiting for you here",
                                                          "since early this morning, my friend."]]
    assert segments[0].end - segments[0].start == pytest.approx(5 / 6, abs=0.001)  # 4/75 of 3 s would be 0.16 s
    # Where the span cannot give every part 5/6 s, time stays proportional.
    _, segments = layout(parse_captions([{"start": 0, "end": 1.2, "text": text}]), {}, 640, 360)
    assert segments[0].end - segments[0].start == pytest.approx(1.2 * 4 / len(text), abs=0.002)


def test_word_times_follow_word_length():
    _, (segment,) = layout(parse_captions([{"start": 0, "end": 2, "text": "a extraordinarily"}]), {}, 1280, 720)
    (a_start, a_end), (long_start, long_end) = segment.times
    assert (a_start, long_end) == (0, 2) and a_end == long_start
    assert (long_end - long_start) / (a_end - a_start) == pytest.approx(len("extraordinarily"), rel=0.01)


def test_word_times_from_words():
    cue = {"start": 0, "end": 3, "text": "Hi there", "words": [{"start": 0.5, "end": 0.9, "text": "Hi"},
                                                             {"start": 1.2, "end": 2.0, "text": "there"}]}
    _, (segment,) = layout(parse_captions([cue]), {}, 1280, 720)
    assert segment.times == [(0.5, 1.2), (1.2, 3.0)]


def test_a_word_wider_than_the_line_shrinks_its_cue():
    geometry, segments = layout(parse_captions([{"start": 0, "end": 2, "text": "Supercalifragilisticexpialidociously"},
                                                {"start": 2, "end": 4, "text": "Fine"}]), {"fontSize": 96}, 640, 360)
    assert segments[0].font_size < 96 and segments[1].font_size == 96
    assert max(segments[0].line_widths) <= geometry.line_width


def test_another_family_gets_room_for_wider_glyphs():
    text = "The police are asking anyone who saw the accident to come forward."
    roboto = lines_of(text, {"maxCharsPerLine": None}, 640, 360)
    other = lines_of(text, {"maxCharsPerLine": None, "fontFamily": "DejaVu Sans"}, 640, 360)
    assert max(len(line) for part in other for line in part) < max(len(line) for part in roboto for line in part)


# --- the ASS script ---

def events(ass):
    return pysubs2.SSAFile.from_string(ass).events


def test_ass_never_lets_libass_wrap():
    ass = build_ass([{"start": 0, "end": 2, "text": "Hello world"}], {}, 640, 360)
    assert "WrapStyle: 2" in ass


def test_ass_one_event_per_shown_cue_with_highlight_tags():
    ass = build_ass([{"start": 0, "end": 2, "text": "Hello big world"}],
                    {"wordHighlight": True, "highlightColor": "#00FF00"}, 640, 360)
    (event,) = events(ass)
    assert (event.start, event.end) == (0, 2000)
    # Each word turns green at its start and back at its end; the times are proportional to length.
    assert event.text.count("\\t(") == 5 and "\\1c&H00FF00&" in event.text
    assert event.text.startswith("{\\1c&H00FF00&\\1a&H00&\\t(768,769,\\1c&HFFFFFF&")


def test_ass_size_is_linear_in_words():
    def size(count):
        cues = [{"start": i, "end": i + 0.9, "text": "word " * 90 + "end"} for i in range(count)]
        return len(build_ass(cues, {"wordHighlight": True, "backgroundColor": "#00000080"}, 640, 360))
    small, large = size(200), size(2000)
    assert large <= small * 10.5
    one_cue = len(build_ass([{"start": 0, "end": 60, "text": "word " * 99 + "end"}], {"wordHighlight": True}, 640, 360))
    ten_cues = len(build_ass([{"start": i, "end": i + 6, "text": "word " * 99 + "end"} for i in range(10)],
                             {"wordHighlight": True}, 640, 360))
    assert ten_cues <= one_cue * 10.5


def test_ass_size_is_linear_in_the_words_of_one_event():
    """10x the words inside one shown cue (the issue's quadratic case: an event per word, each
    repeating the whole cue, grows ~100x); a wide frame and small font keep it one cue, drawn as
    its box and its text."""
    style = {"wordHighlight": True, "backgroundColor": "#00000080", "maxLines": 4, "maxCharsPerLine": None,
             "fontSize": 8, "maxCharsPerSecond": 100}

    def drawn(count):
        return build_ass([{"start": 0, "end": 60, "text": " ".join(["a"] * count)}], style, 7680, 4320)
    small, large = drawn(25), drawn(250)  # 250 one-letter words: the 500-character cue limit
    assert len(events(small)) == len(events(large)) == 2
    assert len(large) <= len(small) * 10.5
