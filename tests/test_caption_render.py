"""Caption layout seen in rendered pixels: renders through HTTP, every frame decoded and measured."""
import subprocess

import av
import pytest

from renderowl.media import ffmpeg_binary
from tests.render_media import download, upload_asset

# 107 characters: it used to render as five greedy lines filling most of a 640x360 frame.
LONG_CUE = "This caption is a fairly long sentence that will need to wrap onto a couple of lines on the screen for sure"
assert len(LONG_CUE) == 107


@pytest.fixture(scope="module")
def black_clip(tmp_path_factory):
    """6 s of black 640x360 at 25 fps."""
    path = tmp_path_factory.mktemp("black") / "black.mp4"
    subprocess.run([ffmpeg_binary(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                    "-i", "color=c=black:size=640x360:rate=25", "-t", "6", "-c:v", "libx264",
                    "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(path)], check=True)
    return str(path)


@pytest.fixture
def black_asset(client, project, key, black_clip):
    return upload_asset(client, project["id"], key, black_clip, name="black.mp4")


def rendered_frames(client, project, key, asset, tmp_path, captions, style, settings=None):
    """Render through the API and return [(time, RGB image)] of every output frame."""
    body = {"video": {"type": "asset", "assetId": asset["id"]}, "captions": captions, "style": style,
            "settings": {"preset": "ultrafast", **(settings or {})}}
    resp = client.post(f"/api/v1/projects/{project['id']}/renders", json=body, headers=key)
    assert resp.status_code == 202, resp.json
    job = client.get(f"/api/v1/projects/{project['id']}/renders/{resp.json['id']}", headers=key).json
    assert job["status"] == "completed", job
    path = download(client, job["output"]["url"], tmp_path / "out.mp4")
    with av.open(path) as container:
        return [(frame.time, frame.to_image().convert("RGB")) for frame in container.decode(video=0)]


def text_rows(image, threshold=128, min_height=3):
    """Bands of consecutive rows holding bright (text) pixels: [(top, bottom)]."""
    gray = image.convert("L")
    width, height = gray.size
    data = gray.tobytes()
    bright = [max(data[y * width:(y + 1) * width]) > threshold for y in range(height)]
    bands, start = [], None
    for y, lit in enumerate(bright + [False]):
        if lit and start is None:
            start = y
        elif not lit and start is not None:
            if y - start >= min_height:
                bands.append((start, y))
            start = None
    return bands


def test_a_long_cue_shows_two_rows_at_most_as_consecutive_cues(client, project, key, black_asset, tmp_path):
    frames = rendered_frames(client, project, key, black_asset, tmp_path,
                             [{"start": 0.5, "end": 5.5, "text": LONG_CUE}], {})
    shown = []
    for time, image in frames:
        rows = text_rows(image)
        if 0.5 <= time < 5.5:
            assert 1 <= len(rows) <= 2, (time, rows)  # never blank, never three rows or more
            shown.append(image.crop((0, 180, 640, 360)).tobytes())
        elif time < 0.46 or time >= 5.54:
            assert rows == [], (time, rows)
    # The cue became consecutive cues: the picture changes once, with no blank frame between.
    changes = sum(1 for a, b in zip(shown, shown[1:]) if a != b)
    assert len(set(shown)) >= 2 and changes >= 1
    first, last = shown[0], shown[-1]
    assert first != last


@pytest.mark.parametrize("size, font_size, position, family", [
    ((640, 360), 48, "bottom", "Roboto"), ((640, 360), 96, "top", "Roboto"), ((1280, 720), 48, "top", "Roboto"),
    ((1280, 720), 96, "bottom", "Roboto"),
    # Not shipped: libass takes a host font (DejaVu Sans here, about 30% wider than Roboto) or Roboto.
    ((640, 360), 48, "bottom", "Verdana"),
])
def test_text_stays_inside_the_title_safe_area(client, project, key, black_asset, tmp_path, size, font_size,
                                                position, family):
    width, height = size
    # marginV 0 and a grey outline: without the 5% margins the outline would touch the frame's edge.
    style = {"fontSize": font_size, "position": position, "marginV": 0, "outlineColor": "#808080", "outlineWidth": 4,
             "fontFamily": family}
    frames = rendered_frames(client, project, key, black_asset, tmp_path,
                             [{"start": 0, "end": 3, "text": LONG_CUE},
                              {"start": 3, "end": 6, "text": "Pneumonoultramicroscopicsilicovolcanoconiosis"}],
                             style, {"width": width, "height": height})
    boxes = []
    for time, image in frames:
        box = image.convert("L").point(lambda v: 255 if v > 40 else 0).getbbox()
        assert box is not None, time
        left, top, right, bottom = box
        assert left >= 0.05 * width and right <= 0.95 * width, (time, box)
        assert top >= 0.05 * height and bottom <= 0.95 * height, (time, box)
        boxes.append(box)
    # The text does use the room it has: it reaches near the safe margin on its side.
    edge = max(b[3] for b in boxes) if position == "bottom" else min(b[1] for b in boxes)
    target = 0.95 * height if position == "bottom" else 0.05 * height
    assert abs(edge - target) < 0.05 * height


def red_centre(image):
    """Mean x of clearly red pixels, or None."""
    width = image.width
    xs = [i % width for i, (r, g, b) in enumerate(image.getdata()) if r > 160 and g < 90 and b < 90]
    return sum(xs) / len(xs) if len(xs) > 20 else None


def test_word_highlight_stays_longer_on_a_long_word(client, project, key, black_asset, tmp_path):
    style = {"wordHighlight": True, "highlightColor": "#FF0000", "textColor": "#FFFFFF", "outlineWidth": 0,
             "position": "center"}
    frames = rendered_frames(client, project, key, black_asset, tmp_path,
                             [{"start": 0, "end": 3, "text": "Go extraordinarily far"}], style)
    text_box = frames[10][1].convert("L").point(lambda v: 255 if v > 60 else 0).getbbox()
    left, right = text_box[0], text_box[2]
    spoken = []  # (time, word index) while a word is red
    for time, image in frames:
        if time >= 3:
            break
        centre = red_centre(image.crop((0, 120, 640, 240)))
        assert centre is not None, time
        share = (centre - left) / (right - left)
        spoken.append((time, 0 if share < 0.15 else 2 if share > 0.85 else 1))
    order = [word for _, word in spoken]
    assert order == sorted(order) and set(order) == {0, 1, 2}  # left to right, each word in turn
    seconds = {word: sum(1 for _, w in spoken if w == word) / 25 for word in (0, 1, 2)}
    # Time follows length (2, 15 and 3 letters of 20 over 3 s): 0.3 s, 2.25 s, 0.45 s; an even
    # split would give each word 1 s.
    assert seconds[0] == pytest.approx(0.3, abs=0.09)
    assert seconds[1] == pytest.approx(2.25, abs=0.09)
    assert seconds[2] == pytest.approx(0.45, abs=0.09)


def test_background_with_word_highlight_is_one_uniform_box(client, project, key, black_asset, tmp_path):
    style = {"wordHighlight": True, "highlightColor": "#FF0000", "backgroundColor": "#3050C080",
             "outlineWidth": 0, "fontSize": 40}
    frames = rendered_frames(client, project, key, black_asset, tmp_path,
                             [{"start": 0, "end": 3, "text": "one two three four five six"}], style, {"crf": 12})
    for time, image in frames:
        if not 0.2 < time < 2.8:
            continue
        pixels = image.load()
        bluish = [(x, y) for y in range(image.height) for x in range(image.width)
                  if pixels[x, y][2] > 60 and pixels[x, y][0] < 60]
        xs, ys = [p[0] for p in bluish], [p[1] for p in bluish]
        left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
        assert red_centre(image) is not None  # a word is being highlighted
        text = image.getchannel("R").point(lambda v: 255 if v > 100 else 0).getbbox()  # white or red
        # The padding around the text (above, below, left and right of it) is one flat colour:
        # overlapping boxes would show darker bands where they meet.
        # (4 px from the text and 2 from the box's edge, where chroma subsampling blurs colours.)
        strips = [(x, y) for y in range(top + 2, text[1] - 4) for x in range(left + 2, right - 1)]
        strips += [(x, y) for y in range(text[3] + 4, bottom - 1) for x in range(left + 2, right - 1)]
        strips += [(x, y) for y in range(top + 2, bottom - 1) for x in list(range(left + 2, text[0] - 4))
                   + list(range(text[2] + 4, right - 1))]
        assert len(strips) > 1500
        colours = [pixels[p] for p in strips]
        # Stacked half-transparent boxes (the old per-word events) spread blue over 94..143 here.
        for channel in range(3):
            values = sorted(c[channel] for c in colours)
            assert values[-1] - values[0] <= 12, (time, channel, values[0], values[-1])
