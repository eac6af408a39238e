"""Caption limits and readability warnings through HTTP, on both backends.

Every bound answers 400 VALIDATION_ERROR naming the field, and nothing is written or reserved;
a malformed SRT/VTT cue is named by number and line; warnings come back from dry runs and
real submits alike, and a real submit still renders.
"""
import pytest

from renderowl.projects.models import Project
from renderowl.renders.models import RenderJob
from tests import test_renders

# `clip`, `asset` (a ready 2 s video) and `video_server` (it on loopback) come from conftest.
url_app, renders = test_renders.url_app, test_renders.renders

URL_VIDEO = {"type": "url", "url": "https://videos.example.com/clip.mp4"}
OK_CUE = {"start": 0, "end": 2, "text": "Hello"}


def srt(*cues):
    return "\n".join(cues) + "\n"


HOSTILE = [
    ({"captions": [OK_CUE] * 2001}, "captions", "at most 2000"),
    ({"captions": [{"start": 0, "end": 2, "text": "x" * 501}]}, "captions.0.text", "at most 500"),
    ({"captions": {"srt": "".join(f"{i + 1}\n00:00:{i % 60:02d},000 --> 00:00:{i % 60:02d},500\nHi\n\n"
                                  for i in range(2001))}}, "captions.srt", "more than 2000 cues"),
    ({"captions": {"srt": srt("1", "00:00:01,000 --> 00:00:02,000", "y" * 501)}}, "captions.srt", "cue 1 (line 2)"),
    ({"captions": {"vtt": "WEBVTT\n\n00:01.000 --> 00:02.000\n" + "z" * 501 + "\n"}}, "captions.vtt", "cue 1 (line 3)"),
    ({"captions": [{"start": -1, "end": 2, "text": "a"}]}, "captions.0.start", "from 0"),
    ({"captions": [{"start": 2, "end": 2, "text": "a"}]}, "captions.0.end", "greater than start"),
    ({"captions": [{"start": 0, "end": 1e308, "text": "a"}]}, "captions.0.end", "from 0 to 86400"),
    ({"captions": [{"start": 0, "end": 2 ** 70, "text": "a"}]}, "captions.0.end", "from 0 to 86400"),
    ({"captions": [{"start": 10 ** 400, "end": 1, "text": "a"}]}, "captions.0.start", "from 0 to 86400"),
    ({"captions": [{"start": 0, "end": 1, "text": "nul\u0000"}]}, "captions.0.text", "NUL"),
    ({"captions": [{"start": 0, "end": 1, "text": "a", "colour": "red"}]}, "captions.0.colour", "not a known field"),
    ({"captions": [{"start": 0, "end": 1, "text": "a b", "words": [{"start": 0, "end": 2 ** 70, "text": "a"}]}]},
     "captions.0.words.0.end", "from 0"),
    ({"captions": [OK_CUE], "style": {"fontSize": 1e308}}, "style.fontSize", "from 1 to 1000"),
    ({"captions": [OK_CUE], "style": {"fontSize": 2 ** 70}}, "style.fontSize", "from 1 to 1000"),
    ({"captions": [OK_CUE], "style": {"maxLines": 0}}, "style.maxLines", "1"),
    ({"captions": [OK_CUE], "style": {"maxLines": 5}}, "style.maxLines", "4"),
    ({"captions": [OK_CUE], "style": {"maxCharsPerSecond": 0}}, "style.maxCharsPerSecond", "from 1 to 100"),
    ({"captions": [OK_CUE], "style": {"outlineWidth": 101}}, "style.outlineWidth", "from 0 to 100"),
    ({"captions": [OK_CUE], "style": {"textColor": "white"}}, "style.textColor", "colour"),
    ({"captions": [OK_CUE], "style": {"position": "left"}}, "style.position", ""),
    ({"captions": [OK_CUE], "settings": {"width": 7681}}, "settings.width", ""),
    ({"captions": [OK_CUE], "settings": {"height": 8}}, "settings.height", ""),
    ({"captions": [OK_CUE], "settings": {"fps": 0}}, "settings.fps", "from 1 to 120"),
    ({"captions": [OK_CUE], "settings": {"crf": 99}}, "settings.crf", ""),
    ({"captions": [OK_CUE], "settings": {"preset": "warp"}}, "settings.preset", ""),
]


@pytest.mark.parametrize("body, field, words", HOSTILE)
@pytest.mark.parametrize("dry_run", [False, True])
def test_caption_limits(client, project, key, body, field, words, dry_run):
    resp = client.post(renders(project), json={"video": URL_VIDEO, "dryRun": dry_run, **body}, headers=key)
    assert resp.status_code == 400, resp.json
    error = resp.json["error"]
    assert error["code"] == "VALIDATION_ERROR"
    assert field in error["details"], error
    assert words in error["details"][field]
    assert RenderJob.select().count() == 0
    assert Project.get_by_id(project["id"]).render_ms_reserved == 0


MALFORMED = [
    # The issue's case: a cue whose end is not a time. It used to be merged into cue 1's text.
    ("srt", srt("1", "00:00:01,000 --> 00:00:02,000", "Hello", "", "2", "00:00:03,000 --> soon", "World"),
     "cue 2 (line 6)"),
    ("srt", srt("1", "00:00:01,000 --> 00:00:02,000", "Hello", "", "two", "00:00:03,000 --> 00:00:04,000", "x"),
     "cue 2 (line 5)"),
    ("srt", srt("1", "00:00:01,000 --> 00:00:02,000", "Hello", "", "2", "00:00:04,000 --> 00:00:03,000", "Back"),
     "cue 2 (line 6): end must be greater than start"),
    ("srt", srt("1", "00:00:01,000 --> 00:99:02,000", "Hello"), "cue 1 (line 2)"),
    ("vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n\n00:03.000 -> 00:04.000\nWorld\n", "cue 2 (line 6)"),
    ("vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n00:03.000 --> later\nWorld\n", "cue 2 (line 5)"),
    ("vtt", "00:01.000 --> 00:02.000\nHello\n", "line 1: a WebVTT file starts with WEBVTT"),
]


@pytest.mark.parametrize("fmt, text, where", MALFORMED)
def test_malformed_subtitles_name_the_cue_and_line(client, project, key, fmt, text, where):
    resp = client.post(renders(project), json={"video": URL_VIDEO, "captions": {fmt: text}}, headers=key)
    assert resp.status_code == 400, resp.json
    assert where in resp.json["error"]["details"][f"captions.{fmt}"]
    assert RenderJob.select().count() == 0


def test_subtitles_are_read_cue_by_cue(client, project, key):
    text = srt("1", "00:00:01,000 --> 00:00:02,000", "<i>Hello</i> {\\an8}there", "2",
               "00:00:03,000 --> 00:00:04,500", "Next", "", "3", "00:00:05,000 --> 00:00:06,000", "", "",
               "4", "00:00:07,000-->00:00:08,000", "Last")
    resp = client.post(renders(project), json={"video": URL_VIDEO, "captions": {"srt": text}, "dryRun": True},
                       headers=key)
    assert resp.status_code == 200, resp.json
    # A cue number written without a blank line before it starts the next cue; an empty cue is dropped.
    assert resp.json["captions"] == [{"start": 1.0, "end": 2.0, "text": "Hello there"},
                                     {"start": 3.0, "end": 4.5, "text": "Next"},
                                     {"start": 7.0, "end": 8.0, "text": "Last"}]
    vtt = ("WEBVTT - a title\n\nNOTE a comment\nover two lines\n\nSTYLE\n::cue { color: red }\n\n"
           "intro\n00:00.500 --> 00:01.000 align:start\n<v Bob>Fish &amp; chips\n")
    resp = client.post(renders(project), json={"video": URL_VIDEO, "captions": {"vtt": vtt}, "dryRun": True},
                       headers=key)
    assert resp.json["captions"] == [{"start": 0.5, "end": 1.0, "text": "Fish & chips"}]


def test_captions_past_the_end_of_an_asset_video(client, project, key, asset):
    video = {"type": "asset", "assetId": asset["id"]}
    captions = [{"start": 0, "end": 1, "text": "In"}, {"start": 2.5, "end": 3, "text": "Out"}]
    resp = client.post(renders(project), json={"video": video, "captions": captions}, headers=key)
    assert resp.status_code == 400, resp.json
    assert "after the end of the video" in resp.json["error"]["details"]["captions.1.start"] or \
        "at or after the end" in resp.json["error"]["details"]["captions.1.start"]
    assert "captions.0.start" not in resp.json["error"]["details"]
    assert RenderJob.select().count() == 0
    # A cue that starts inside the video and runs past its end is fine (it is cut at the end).
    resp = client.post(renders(project), json={"video": video, "captions": [{"start": 1, "end": 9, "text": "Long"}],
                                               "dryRun": True}, headers=key)
    assert resp.status_code == 200, resp.json


def test_captions_past_the_end_of_a_url_video_fail_the_render(url_app, project, key, video_server):
    client = url_app.test_client()
    resp = client.post(renders(project), headers=key, json={
        "video": {"type": "url", "url": video_server}, "captions": [{"start": 5, "end": 6, "text": "Too late"}]})
    assert resp.status_code == 202, resp.json  # the file is not fetched at submit time
    job = client.get(renders(project, "/" + resp.json["id"]), headers=key).json
    assert job["status"] == "failed"
    assert "start after the video ends" in job["error"] and "captions.0.start" in job["error"]
    assert Project.get_by_id(project["id"]).render_ms_reserved == 0


# --- warnings ---

CRAFTED = [
    {"start": 0, "end": 0.5, "text": "Hi"},  # 0: on screen under 5/6 s
    {"start": 0.54, "end": 1.5, "text": "This line is read far too quickly by anyone"},  # 1: gap 0.04 s; 46 chars/s
    {"start": 2, "end": 10, "text": "Slow and steady"},  # 2: 8 s without a change
    {"start": 10.5, "end": 13, "text": "Pneumonoultramicroscopicsilicovolcanoconiosis-like"},  # 3: one word of 50 chars
]
CLEAN = [{"start": 0, "end": 2, "text": "Hello there."}, {"start": 2.5, "end": 5, "text": "This is easy to read."},
         {"start": 5, "end": 7.5, "text": "Back to back is fine."}]


def test_dry_run_warnings_for_each_code(client, project, key):
    body = {"video": URL_VIDEO, "captions": CRAFTED, "settings": {"width": 640, "height": 360}, "dryRun": True}
    resp = client.post(renders(project), json=body, headers=key)
    assert resp.status_code == 200, resp.json
    found = sorted((w["cue"], w["code"]) for w in resp.json["warnings"])
    assert found == [(0, "TOO_SHORT"), (1, "FLASH_GAP"), (1, "READING_SPEED"), (2, "TOO_LONG"), (3, "LINE_TOO_LONG")]
    assert all(w["message"] for w in resp.json["warnings"])
    # maxCharsPerSecond is the reading-speed bound: raised, cue 1 reads fine.
    body["style"] = {"maxCharsPerSecond": 50}
    codes = {(w["cue"], w["code"]) for w in client.post(renders(project), json=body, headers=key).json["warnings"]}
    assert (1, "READING_SPEED") not in codes and (1, "FLASH_GAP") in codes


def test_line_too_long_by_characters_or_by_width(client, project, key):
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis"  # 45 characters
    body = {"video": URL_VIDEO, "captions": [{"start": 0, "end": 4, "text": f"Say {word}"}], "dryRun": True}
    (warning,) = client.post(renders(project), json=body, headers=key).json["warnings"]
    assert warning["code"] == "LINE_TOO_LONG" and "45 characters, over maxCharsPerLine (42)" in warning["message"]
    # No character limit: the frame's width decides (known from settings here).
    body.update(style={"maxCharsPerLine": None, "fontSize": 96}, settings={"width": 640, "height": 360})
    (warning,) = client.post(renders(project), json=body, headers=key).json["warnings"]
    assert warning["code"] == "LINE_TOO_LONG" and "drawn smaller" in warning["message"]
    body["settings"] = {"width": 1920, "height": 1080}
    assert client.post(renders(project), json=body, headers=key).json["warnings"] == []


def test_no_warnings_on_a_clean_set(client, project, key):
    resp = client.post(renders(project), json={"video": URL_VIDEO, "captions": CLEAN, "dryRun": True}, headers=key)
    assert resp.status_code == 200 and resp.json["warnings"] == []


def test_a_long_cue_split_in_short_parts_is_too_short(client, project, key):
    text = "This caption is a fairly long sentence that will need to wrap onto a couple of lines on screen for sure"
    body = {"video": URL_VIDEO, "captions": [{"start": 0, "end": 1.2, "text": text}], "dryRun": True,
            "settings": {"width": 640, "height": 360}}
    codes = [(w["code"], w["message"]) for w in client.post(renders(project), json=body, headers=key).json["warnings"]]
    assert ("TOO_SHORT", "is split in 2 and one part is on screen 0.576 s, under the 5/6 s minimum") in codes


def test_a_real_submit_answers_the_same_warnings_and_renders(client, project, key, asset):
    captions = [{"start": 0, "end": 0.5, "text": "Hi"},
                {"start": 0.52, "end": 1.9, "text": "This one has far too many words to read in time"}]
    body = {"video": {"type": "asset", "assetId": asset["id"]}, "captions": captions}
    dry = client.post(renders(project), json={**body, "dryRun": True}, headers=key).json
    assert {w["code"] for w in dry["warnings"]} == {"TOO_SHORT", "FLASH_GAP", "READING_SPEED"}
    resp = client.post(renders(project), json=body, headers=key)
    assert resp.status_code == 202 and resp.json["warnings"] == dry["warnings"]
    job = client.get(renders(project, "/" + resp.json["id"]), headers=key).json
    assert job["status"] == "completed" and job["warnings"] == dry["warnings"]


def test_openapi_documents_the_caption_limits(client):
    spec = client.get("/openapi.json").json
    style = spec["components"]["schemas"]["CaptionStyle"]["properties"]
    assert style["maxLines"]["default"] == 2 and (style["maxLines"]["minimum"], style["maxLines"]["maximum"]) == (1, 4)
    assert style["maxCharsPerSecond"]["default"] == 20 and style["fontSize"]["maximum"] == 1000
    create = spec["components"]["schemas"]["RenderCreate"]["properties"]["captions"]
    assert create["oneOf"][0]["maxItems"] == 2000
    assert create["oneOf"][0]["items"]["properties"]["text"]["maxLength"] == 500
    job = spec["components"]["schemas"]["RenderJob"]["properties"]
    assert "warnings" in job and "warnings" in spec["components"]["schemas"]["DryRun"]["properties"]
