"""Tests for renderowl.media: probing, thumbnails, captions, ASS and real FFmpeg renders."""
import os
import subprocess

import pysubs2
import imageio_ffmpeg
import pytest
from PIL import Image

from renderowl.media import (
    DEFAULT_STYLE,
    CaptionError,
    MediaError,
    RenderCancelled,
    RenderFailed,
    build_ass,
    build_ffmpeg_command,
    ffmpeg_binary,
    fonts_dir,
    make_thumbnail,
    parse_captions,
    probe,
    render,
    run_ffmpeg,
)
from tests.render_media import frame_at, region_difference


def ffmpeg(*args):
    """Run the bundled FFmpeg quietly to make a test input."""
    subprocess.run([ffmpeg_binary(), "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    """A 2 s 320x240 h264+aac clip, a black clip, a PNG and a garbage file."""
    root = tmp_path_factory.mktemp("media")
    paths = {name: str(root / name) for name in ("clip.mp4", "black.mp4", "still.png", "garbage.bin")}
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
           "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
           paths["clip.mp4"])
    ffmpeg("-f", "lavfi", "-i", "color=c=black:size=320x240:rate=25", "-t", "2", "-c:v", "libx264",
           "-preset", "ultrafast", "-pix_fmt", "yuv420p", paths["black.mp4"])
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240", "-frames:v", "1", paths["still.png"])
    with open(paths["garbage.bin"], "wb") as handle:
        handle.write(os.urandom(4096))
    return paths




def count_near(image, color, tolerance=60):
    """How many pixels of image lie within tolerance of an RGB colour."""
    return sum(1 for px in image.getdata() if all(abs(p - c) <= tolerance for p, c in zip(px, color)))


def ffmpeg_processes_writing(path):
    """Pids of live processes whose command line mentions path."""
    pids = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                if path.encode() in handle.read():
                    pids.append(pid)
        except OSError:
            continue
    return pids


# --- fonts and probing ---

def test_fonts_dir_holds_roboto():
    assert os.path.isfile(os.path.join(fonts_dir(), "Roboto-Regular.ttf"))


def test_ffmpeg_binary_honours_configuration(tmp_path):
    assert ffmpeg_binary("/opt/ffmpeg") == "/opt/ffmpeg"
    assert ffmpeg_binary(None) == imageio_ffmpeg.get_ffmpeg_exe()
    cmd = build_ffmpeg_command("in.mp4", "c.ass", "out.mp4", {}, ffmpeg="/opt/ffmpeg")
    assert cmd[0] == "/opt/ffmpeg"


def test_probe_video(media):
    info = probe(media["clip.mp4"])
    assert info["kind"] == "video"
    assert (info["width"], info["height"]) == (320, 240)
    assert info["durationSeconds"] == pytest.approx(2.0, abs=0.1)
    assert info["codec"] == "h264"
    assert info["fps"] == 25
    assert info["hasAudio"] is True


def test_probe_image(media):
    info = probe(media["still.png"])
    assert info == {"width": 320, "height": 240, "durationSeconds": None, "codec": "png",
                    "fps": None, "hasAudio": False, "kind": "image"}


def test_probe_garbage_and_missing(media, tmp_path):
    with pytest.raises(MediaError, match="Unreadable media file"):
        probe(media["garbage.bin"])
    with pytest.raises(MediaError, match="not found"):
        probe(str(tmp_path / "missing.mp4"))


def test_thumbnail(media, tmp_path):
    out = str(tmp_path / "thumb.jpg")
    assert make_thumbnail(media["clip.mp4"], out, max_width=160) == (160, 120)
    with Image.open(out) as image:
        assert image.format == "JPEG" and image.size == (160, 120)
    assert make_thumbnail(media["still.png"], out) == (320, 240)


def test_thumbnail_of_audio_fails(media, tmp_path):
    audio = str(tmp_path / "tone.m4a")
    ffmpeg("-f", "lavfi", "-i", "sine", "-t", "0.5", audio)
    assert probe(audio)["kind"] == "audio"
    with pytest.raises(MediaError):
        make_thumbnail(audio, str(tmp_path / "thumb.jpg"))


# --- caption parsing ---

def test_parse_list_normalizes():
    cues = parse_captions([{"start": 0, "end": 1.5, "text": " Hi there ",
                            "words": [{"start": 0, "end": 0.5, "text": "Hi"}, {"start": 0.6, "end": 1.5, "text": "there"}]},
                           {"start": 1.5, "end": 3, "text": "Bye"}])
    assert cues[0] == {"start": 0.0, "end": 1.5, "text": "Hi there",
                       "words": [{"start": 0.0, "end": 0.5, "text": "Hi"}, {"start": 0.6, "end": 1.5, "text": "there"}]}
    assert cues[1]["words"] is None and isinstance(cues[1]["start"], float)
    assert parse_captions(cues) == cues


def test_parse_srt():
    srt = "1\n00:00:01,000 --> 00:00:02,500\n<i>Hello</i>\nworld\n\n2\n00:00:03,000 --> 00:00:04,000\nSecond\n"
    assert parse_captions({"srt": srt}) == [
        {"start": 1.0, "end": 2.5, "text": "Hello\nworld", "words": None},
        {"start": 3.0, "end": 4.0, "text": "Second", "words": None},
    ]


def test_parse_vtt():
    vtt = "WEBVTT\n\n00:00:00.500 --> 00:00:01.000\n<v Bob>Fish &amp; chips\n\n00:01.000 --> 00:02.000\nNext\n"
    assert parse_captions({"vtt": vtt}) == [
        {"start": 0.5, "end": 1.0, "text": "Fish & chips", "words": None},
        {"start": 1.0, "end": 2.0, "text": "Next", "words": None},
    ]


@pytest.mark.parametrize("value, path", [
    ([{"start": -1, "end": 1, "text": "a"}], "captions.0.start"),
    ([{"start": 1, "end": 1, "text": "a"}], "captions.0.end"),
    ([{"start": True, "end": 1, "text": "a"}], "captions.0.start"),
    ([{"end": 1, "text": "a"}], "captions.0.start"),
    ([{"start": 0, "end": 1, "text": "  "}], "captions.0.text"),
    ([{"start": 2, "end": 3, "text": "a"}, {"start": 1, "end": 2, "text": "b"}], "captions.1.start"),
    ([{"start": 0, "end": 1, "text": "a", "words": [{"start": 0, "end": 1.5, "text": "a"}]}], "captions.0.words.0"),
    ([{"start": 0, "end": 1, "text": "a b", "words": [{"start": 0.5, "end": 0.6, "text": "a"},
                                                    {"start": 0.1, "end": 0.2, "text": "b"}]}], "captions.0.words.1.start"),
    ([{"start": 0, "end": 1, "text": "a", "words": "a"}], "captions.0.words"),
    (["text"], "captions.0"),
    ([], "captions"),
    ("hello", "captions"),
    ({"srt": "not subtitles at all"}, "captions.srt"),
    ({"vtt": 5}, "captions.vtt"),
])
def test_parse_errors(value, path):
    with pytest.raises(CaptionError) as info:
        parse_captions(value)
    assert path in info.value.details


def test_parse_reports_every_problem():
    with pytest.raises(CaptionError) as info:
        parse_captions([{"start": 0, "end": 1, "text": ""}, {"start": 2, "end": 1, "text": "x"}])
    assert set(info.value.details) == {"captions.0.text", "captions.1.end"}


# --- ASS ---

CUE = [{"start": 0, "end": 2, "text": "Hello world"}]


def style_line(ass):
    return next(line for line in ass.splitlines() if line.startswith("Style: "))


def dialogue_texts(ass):
    return [event.text for event in pysubs2.SSAFile.from_string(ass).events]


def test_default_style_keys():
    assert set(DEFAULT_STYLE) == {"fontFamily", "fontSize", "textColor", "highlightColor", "outlineColor",
                                  "outlineWidth", "backgroundColor", "position", "marginV",
                                  "maxCharsPerLine", "maxLines", "maxCharsPerSecond", "uppercase", "wordHighlight"}


def test_ass_defaults_and_colours():
    ass = build_ass(CUE, {"textColor": "#FF0000", "outlineColor": "#00FF0080"}, 1080, 1920)
    assert "PlayResX: 1080" in ass and "PlayResY: 1920" in ass
    fields = style_line(ass)[len("Style: "):].split(",")
    assert fields[1:4] == ["Roboto", "48", "&H000000FF"]
    assert fields[5] == "&H7F00FF00"  # CSS alpha 0x80 becomes ASS alpha 0x7F (inverted)
    assert fields[15:19] == ["1", "3", "0", "2"]  # BorderStyle, Outline, Shadow, Alignment
    assert fields[21] == "99"  # marginV 60 is inside the title-safe 5% of 1920 (96) plus the outline
    assert build_ass(CUE, {"marginV": 120}, 1080, 1920).count(",120,1\n") == 1


def test_ass_background_box():
    ass = build_ass(CUE, {"backgroundColor": "#000000CC"}, 320, 240)
    box = next(line for line in ass.splitlines() if line.startswith("Style: Box,"))
    assert box.split(",")[3:7] == ["&H33000000"] * 4
    assert style_line(ass).split(",")[15] == "1"  # the text keeps its outline; the box is drawn apart
    drawing = [e for e in pysubs2.SSAFile.from_string(ass).events if e.style == "Box"]
    assert len(drawing) == 1 and drawing[0].layer == 0 and "\\p1}m 0 0 l " in drawing[0].text


@pytest.mark.parametrize("position, alignment", [("top", "8"), ("center", "5"), ("bottom", "2")])
def test_ass_positions(position, alignment):
    assert style_line(build_ass(CUE, {"position": position}, 320, 240)).split(",")[18] == alignment


def test_ass_wrapping_and_uppercase():
    cues = [{"start": 0, "end": 1, "text": "one two three four five"}]
    # Two lines at most: the rest goes to a second caption over the same span.
    assert dialogue_texts(build_ass(cues, {"maxCharsPerLine": 10}, 320, 240)) == ["one two\\Nthree", "four five"]
    assert dialogue_texts(build_ass(cues, {"maxCharsPerLine": 10, "uppercase": True}, 320, 240)) == \
        ["ONE TWO\\NTHREE", "FOUR FIVE"]


def test_ass_escapes_user_text():
    ass = build_ass([{"start": 0, "end": 1, "text": "{\\an8}evil\\N}"}], {}, 320, 240)
    text = dialogue_texts(ass)[0]
    assert text == "\\{\\\u2060an8\\}evil\\\u2060N\\}"
    assert "{\\an8}" not in ass


def test_ass_word_highlight_by_length():
    ass = build_ass(CUE, {"wordHighlight": True, "highlightColor": "#00FF00"}, 320, 240)
    (event,) = pysubs2.SSAFile.from_string(ass).events
    assert (event.start, event.end) == (0, 2000)
    white, green = "\\1c&HFFFFFF&\\1a&H00&", "\\1c&H00FF00&\\1a&H00&"
    # "Hello" and "world" have the same length, so each is green for half of the cue.
    assert event.text == (f"{{{green}\\t(999,1000,{white})}}Hello "
                          f"{{{white}\\t(999,1000,{green})\\t(1999,2000,{white})}}world")


def test_ass_word_highlight_with_word_timings():
    cue = [{"start": 0, "end": 2, "text": "Hello world",
            "words": [{"start": 0.5, "end": 0.9, "text": "Hello"}, {"start": 1.2, "end": 1.8, "text": "world"}]}]
    (event,) = pysubs2.SSAFile.from_string(build_ass(cue, {"wordHighlight": True}, 320, 240)).events
    assert (event.start, event.end) == (0, 2000)
    assert "\\t(499,500,\\1c&H00D7FF&" in event.text and "\\t(1199,1200,\\1c&HFFFFFF&" in event.text
    assert "\\t(1199,1200,\\1c&H00D7FF&" in event.text and "\\t(1999,2000,\\1c&HFFFFFF&" in event.text


# --- FFmpeg ---

def test_command_shape_and_escaping(tmp_path):
    cmd = build_ffmpeg_command("in.mp4", "/tmp/a'b:c,d.ass", "out.mp4", {"width": 641, "fps": 30})
    vf = cmd[cmd.index("-vf") + 1]
    assert vf.startswith("fps=30,scale=640:-2,setsar=1,ass=filename=")
    assert "a\\\\\\'b\\\\:c\\,d.ass" in vf and "fontsdir=" in vf
    for flag in ("-progress", "+faststart", "libx264", "yuv420p", "aac", "0:a?", "-nostats", "-y"):
        assert flag in cmd
    assert cmd[cmd.index("-preset") + 1] == "veryfast" and cmd[cmd.index("-crf") + 1] == "23"


def test_the_render_reads_its_input_through_the_protocol_guard_previews_use():
    # A user's file may be a playlist naming other files or hosts: FFmpeg may open nothing but the
    # input's own protocol, exactly as for a preview (the options stand before that input's -i).
    def options_before_input(cmd):
        i = cmd.index("-i")
        return cmd[cmd.index("-hide_banner") + 1:i], cmd[i + 1]

    local = build_ffmpeg_command("/work/input", "captions.ass", "out.mp4", {})
    options, source = options_before_input(local)
    assert source == "/work/input"
    assert options[options.index("-protocol_whitelist") + 1] == "file"
    url = "https://bucket.example/original.mp4?X-Amz-Signature=abc"
    options, source = options_before_input(build_ffmpeg_command(url, "captions.ass", "out.mp4", {}))
    assert source == url
    assert options[options.index("-protocol_whitelist") + 1] == "http,https,tcp,tls"
    assert int(options[options.index("-rw_timeout") + 1]) > 0


class _Listener:
    """A loopback HTTP server that records every path asked of it (and answers 404)."""

    def __init__(self):
        import http.server
        import threading
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(404)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def test_a_manifest_posing_as_media_makes_ffmpeg_open_nothing(tmp_path):
    # FFmpeg's DASH demuxer fetches the segments a manifest names whatever -protocol_whitelist
    # says: a user's "video" must be read as a media container, in the probe and in the render.
    listener = _Listener()
    manifest = tmp_path / "input"
    manifest.write_text(
        '<?xml version="1.0"?><MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" '
        'mediaPresentationDuration="PT10S" minBufferTime="PT1S" '
        'profiles="urn:mpeg:dash:profile:isoff-on-demand:2011"><BaseURL>%s</BaseURL><Period>'
        '<AdaptationSet mimeType="video/mp4"><Representation id="1" bandwidth="1000" codecs="avc1.4d401f" '
        'width="320" height="240"><BaseURL>internal.mp4</BaseURL><SegmentBase indexRange="0-100"/>'
        '</Representation></AdaptationSet></Period></MPD>' % listener.url)
    ass = tmp_path / "captions.ass"
    ass.write_text(build_ass([{"start": 0, "end": 1, "text": "x"}], {}, 320, 240))
    cmd = build_ffmpeg_command(str(manifest), str(ass), str(tmp_path / "out.mp4"), {})
    # The attack is live with the protocol whitelist alone (else this FFmpeg has no DASH demuxer).
    unguarded = cmd[:cmd.index("-format_whitelist")] + cmd[cmd.index("-format_whitelist") + 2:]
    subprocess.run(unguarded, capture_output=True, timeout=60)
    if not listener.hits:
        pytest.skip("this FFmpeg's DASH demuxer does not fetch segments")
    listener.hits.clear()
    assert subprocess.run(cmd, capture_output=True, timeout=60).returncode != 0
    with pytest.raises(MediaError):
        probe(str(manifest))
    assert listener.hits == []


def test_render_burns_captions(media, tmp_path):
    # Quotes, colons, commas and brackets in the path exercise the filter escaping.
    work_dir = tmp_path / "we'ird: dir, [x];"
    work_dir.mkdir()
    out = str(tmp_path / "out.mp4")
    progress = []
    result = render(media["clip.mp4"], [{"start": 0, "end": 2, "text": "Hello world"}], {}, {}, out,
                    on_progress=progress.append, work_dir=str(work_dir))
    assert result["durationSeconds"] == pytest.approx(2.0, abs=0.1)
    assert (result["width"], result["height"]) == (320, 240)
    assert result["sizeBytes"] == os.path.getsize(out)
    assert probe(out)["hasAudio"] is True
    assert progress[-1] == 1.0 and progress == sorted(progress)
    assert os.listdir(work_dir) == []  # the ASS scratch file is cleaned up
    before, after = frame_at(media["clip.mp4"], 1.0), frame_at(out, 1.0)
    # Bottom-aligned text with marginV 60 at 48 px sits in rows ~130-185; the top third is untouched.
    assert region_difference(before, after, (0, 120, 320, 200)) > 10
    assert region_difference(before, after, (0, 0, 320, 80)) < 2


def test_render_word_highlight(media, tmp_path):
    out = str(tmp_path / "highlight.mp4")
    style = {"wordHighlight": True, "highlightColor": "#FF0000", "textColor": "#FFFFFF", "outlineWidth": 0}
    render(media["black.mp4"], [{"start": 0, "end": 2, "text": "Hello world"}], style, {"width": 640}, out)
    assert probe(out)["width"] == 640 and probe(out)["hasAudio"] is False
    early, late = frame_at(out, 0.5), frame_at(out, 1.5)
    left, right = (0, 240, 320, 480), (320, 240, 640, 480)
    red, white = (255, 0, 0), (255, 255, 255)
    # The spoken word is red and the other white; they swap halves between t=0.5 and t=1.5.
    assert count_near(early.crop(left), red) > 100 and count_near(early.crop(right), white) > 100
    assert count_near(late.crop(right), red) > 100 and count_near(late.crop(left), white) > 100
    assert count_near(early.crop(right), red) < 20 and count_near(late.crop(left), red) < 20


def test_render_cancel_kills_ffmpeg(media, tmp_path):
    long_clip = str(tmp_path / "long.mp4")
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "30", "-c:v", "libx264",
           "-preset", "ultrafast", long_clip)
    out = str(tmp_path / "cancelled.mp4")
    progress = []
    # Cancel only once FFmpeg has reported progress, so it is surely mid-encode (veryslow: seconds).
    with pytest.raises(RenderCancelled):
        render(long_clip, [{"start": 0, "end": 30, "text": "Never finished"}], {}, {"preset": "veryslow"}, out,
               on_progress=progress.append, should_cancel=lambda: bool(progress))
    assert 0 <= progress[-1] < 1
    assert not os.path.exists(out)
    assert ffmpeg_processes_writing(out) == []


def test_run_ffmpeg_failure_carries_stderr(tmp_path):
    missing = str(tmp_path / "missing.mp4")
    with pytest.raises(RenderFailed, match="No such file"):
        run_ffmpeg([ffmpeg_binary(), "-i", missing, "-progress", "pipe:1", str(tmp_path / "x.mp4")], 1.0, None, None)


def test_run_ffmpeg_missing_binary(tmp_path):
    with pytest.raises(RenderFailed, match="Could not start FFmpeg"):
        run_ffmpeg([str(tmp_path / "no-ffmpeg"), "-version"], None)


def test_render_rejects_non_video(media, tmp_path):
    with pytest.raises(MediaError, match="image"):
        render(media["still.png"], CUE, {}, {}, str(tmp_path / "x.mp4"))
    with pytest.raises(CaptionError):
        render(media["clip.mp4"], [], {}, {}, str(tmp_path / "x.mp4"))


def _audio_packets(path):
    """(codec, [bytes of each audio packet]) of a media file."""
    import av
    with av.open(path) as container:
        stream = container.streams.audio[0]
        return stream.codec_context.name, [bytes(p) for p in container.demux(stream) if p.size]


def _top_level_boxes(path):
    """The MP4's top-level box types in file order."""
    boxes = []
    with open(path, "rb") as fh:
        while header := fh.read(8):
            size, kind = int.from_bytes(header[:4], "big"), header[4:8].decode("latin-1")
            if size == 1:
                size = int.from_bytes(fh.read(8), "big") - 8
            boxes.append(kind)
            fh.seek(size - 8, 1)
    return boxes


def test_render_copies_aac_audio_and_puts_the_index_first(media, tmp_path):
    out = str(tmp_path / "out.mp4")
    render(media["clip.mp4"], [{"start": 0, "end": 2, "text": "Hello"}], {}, {}, out)
    # The very packets of the input: copied, not decoded and encoded again.
    assert _audio_packets(out) == _audio_packets(media["clip.mp4"])
    boxes = _top_level_boxes(out)
    assert "moov" in boxes and "mdat" in boxes and boxes.index("moov") < boxes.index("mdat"), boxes


def test_render_encodes_audio_that_is_not_aac(tmp_path):
    source = str(tmp_path / "pcm.mov")
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
           "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "pcm_s16le", source)
    out = str(tmp_path / "out.mp4")
    render(source, [{"start": 0, "end": 2, "text": "Hello"}], {}, {}, out)
    codec, packets = _audio_packets(out)
    assert codec == "aac" and packets
