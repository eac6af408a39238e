"""One frame of a render, captions burned in, as a PNG: seek, decode one frame, draw the ASS.

The frame is drawn the way `render` draws every frame of a video: the same `build_ass` script
(at the render's output size), the same FFmpeg binary, libass filter and fonts directory, on a
yuv420p picture, at the time the renderer's libass sees for that frame. The scaled source frame
is kept on local disk (`FrameCache`), so trying many styles on one frame decodes it once.
"""
import hashlib
import math
import os
import subprocess
import uuid

from .ass import build_ass
from .errors import MediaError
from .fonts import ffmpeg_binary
from .render import ass_filter, input_guard

STDERR_TAIL_CHARS = 2000


class FrameOutOfRange(MediaError):
    """The source has no frame at the requested time (past its last frame)."""


class PreviewTimeout(MediaError):
    """FFmpeg did not finish within the wall-clock limit and was killed."""


def frame_time(at, fps):
    """The start of the frame on screen at `at` seconds: the time libass draws that frame at."""
    if not fps:
        return at
    # The epsilon keeps a time given as exactly a frame's start on that frame despite float error.
    return math.floor(at * fps + 1e-6) / fps


def preview_size(width, out_size):
    """(width, height) of a preview `width` wide with the render's aspect ratio."""
    out_w, out_h = out_size
    return width, max(2, round(width * out_h / out_w))


def _raw_size(width, height):
    """Bytes of one yuv420p picture (chroma planes are half size, rounded up)."""
    return width * height + 2 * ((width + 1) // 2) * ((height + 1) // 2)


class FrameCache:
    """Scaled yuv420p source frames on local disk, bounded in bytes; least recently used go first.

    Entries are written under a temporary name and renamed, so a reader (in any process) sees
    a whole frame or none; a hit refreshes the entry's mtime, which is the LRU order.
    """

    def __init__(self, directory, max_bytes):
        self.directory = directory
        self.max_bytes = int(max_bytes)

    @staticmethod
    def key(source_id, seconds, size):
        """The entry name of `source_id`'s frame at `seconds`, scaled to `size`."""
        raw = "%s|%d|%dx%d" % (source_id, round(seconds * 1_000_000), size[0], size[1])
        return hashlib.sha256(raw.encode()).hexdigest() + ".yuv"

    def get(self, key, size):
        """The path of a cached frame of `size`, or None."""
        path = os.path.join(self.directory, key)
        try:
            if os.path.getsize(path) != _raw_size(*size):
                return None
            os.utime(path)
        except OSError:
            return None
        return path

    def temp_path(self, key):
        """Where FFmpeg writes a new entry before `commit` renames it into place."""
        os.makedirs(self.directory, exist_ok=True)
        return os.path.join(self.directory, ".%s.%s.part" % (key, uuid.uuid4().hex[:8]))

    def commit(self, temp_path, key, size):
        """Keep the frame FFmpeg wrote at `temp_path`, then evict down to the byte bound."""
        try:
            if os.path.getsize(temp_path) != _raw_size(*size):
                os.remove(temp_path)
                return
            os.replace(temp_path, os.path.join(self.directory, key))
        except OSError:
            return
        self.evict()

    def evict(self):
        """Remove the least recently used entries (and stray partial files) beyond `max_bytes`."""
        entries = []
        with os.scandir(self.directory) as listing:
            for entry in listing:
                try:
                    info = entry.stat()
                except OSError:
                    continue
                entries.append((info.st_mtime, info.st_size, entry.path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            try:
                os.remove(path)
            except OSError:  # another process evicted it first
                pass
            total -= size


def _run(cmd, timeout):
    """Run FFmpeg; return its stdout. PreviewTimeout past `timeout` s, MediaError when it fails."""
    try:
        done = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise PreviewTimeout(f"The preview took longer than {timeout:g} s.") from None
    except OSError as exc:
        raise MediaError(f"Could not start FFmpeg ({cmd[0]}): {exc.strerror or exc}") from None
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace")[-STDERR_TAIL_CHARS:].strip()
        raise MediaError(f"FFmpeg failed (exit status {done.returncode}): {tail}")
    return done.stdout


def _base(source=None, ffmpeg=None):
    cmd = [ffmpeg_binary(ffmpeg), "-hide_banner", "-nostdin", "-loglevel", "error"]
    return cmd if source is None else cmd + input_guard(source)


def _burn(seconds, ass_path):
    # libass picks events by the frame's timestamp: give the lone frame the one it has in the
    # render (a fine time base, so no rounding to a frame rate's ticks).
    return f"settb=1/1000000,setpts={round(seconds * 1_000_000)},{ass_filter(ass_path)}"


_PNG_OUT = ["-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "pipe:1"]


def preview_frame(source, at, captions, style, out_size, width, fps=None, cache=None, source_id=None,
                  timeout=10.0, work_dir=None, ffmpeg=None):
    """PNG bytes of the frame of `source` on screen at `at`, `width` wide, captions burned in.

    `source` is a path or URL, or a function returning one (called only when the frame must
    be decoded, not on a cache hit). `out_size` is the render's (width, height): the ASS is
    built for it, as the render builds it, and libass scales it to the preview. `fps` snaps
    `at` to the start of its frame. With `cache` and a `source_id` naming immutable bytes, the
    scaled frame is decoded only once.
    `ffmpeg` is the configured binary (None: the bundled one).
    """
    seconds = frame_time(at, fps)
    size = preview_size(width, out_size)
    ass_path = os.path.join(work_dir, "captions-%s.ass" % uuid.uuid4().hex[:8])
    with open(ass_path, "w", encoding="utf-8") as handle:
        handle.write(build_ass(captions, style, *out_size))
    try:
        key = cache.key(source_id, seconds, size) if cache is not None and source_id else None
        cached = cache.get(key, size) if key else None
        if cached:
            cmd = _base(None, ffmpeg) + ["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", "%dx%d" % size,
                                         "-i", cached, "-vf", _burn(seconds, ass_path)] + _PNG_OUT
            return _run(cmd, timeout)
        # Seek before decoding, half a frame early: FFmpeg then starts at the first frame at or
        # after the seek point, which is the one on screen at `at`.
        if callable(source):
            source = source()
        seek = max(0.0, seconds - (0.5 / fps if fps else 0.0))
        scaled = "[0:v:0]scale=%d:%d,setsar=1,format=yuv420p" % size
        cmd = _base(source, ffmpeg) + ["-ss", "%.6f" % seek, "-i", str(source), "-an", "-sn", "-dn"]
        if key is None:
            cmd += ["-filter_complex", f"{scaled},{_burn(seconds, ass_path)}[out]", "-map", "[out]"] + _PNG_OUT
            png = _run(cmd, timeout)
        else:
            # One decode feeds both the cache entry and the answer.
            temp = cache.temp_path(key)
            cmd += ["-filter_complex", f"{scaled},split[keep][burn];[burn]{_burn(seconds, ass_path)}[out]",
                    "-map", "[keep]", "-frames:v", "1", "-f", "rawvideo", temp, "-map", "[out]"] + _PNG_OUT
            try:
                png = _run(cmd, timeout)
                if png:
                    cache.commit(temp, key, size)
            finally:
                if os.path.exists(temp):
                    os.remove(temp)
        if not png:
            raise FrameOutOfRange(f"The video has no frame at {at:g} s.")
        return png
    finally:
        os.remove(ass_path)
