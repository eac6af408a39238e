"""Burn captions into a video with the FFmpeg binary (libass), reporting progress."""
import collections
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from .ass import build_ass
from .captions import check_within, parse_captions
from .errors import CaptionError, MediaError, RenderCancelled, RenderFailed, RenderTimedOut
from .fonts import ffmpeg_binary, fonts_dir
from .limits import DEFAULT_CRF, DEFAULT_PRESET
from .probe import MEDIA_FORMATS, probe

PROGRESS_INTERVAL = 0.5  # seconds between on_progress calls, so callers can write each one to a DB
POLL_INTERVAL = 0.5  # seconds between should_cancel checks even when FFmpeg prints nothing
STDERR_TAIL_LINES = 30
NETWORK_TIMEOUT_US = 5_000_000  # an S3 read that stalls this long fails instead of hanging


def _even(value):
    """Round a dimension down to an even number, as yuv420p needs."""
    return max(2, int(value) - int(value) % 2)


def _escape_filter_value(value):
    """Escape a filter option value for both of FFmpeg's parsing levels (option, then graph)."""
    value = str(value)
    for char in "\\':":
        value = value.replace(char, "\\" + char)
    escaped = ""
    for char in value:
        escaped += "\\" + char if char in "\\'[],;" else char
    return escaped


def ass_filter(ass_path):
    """The libass filter that burns `ass_path` in, with the bundled fonts (renders and previews)."""
    # Without fontsdir libass may find no font at all, draw nothing and still exit 0.
    return f"ass=filename={_escape_filter_value(ass_path)}:fontsdir={_escape_filter_value(fonts_dir())}"


def input_guard(source):
    """FFmpeg's options for reading a user's file or URL `source`, placed before its `-i`.

    The input is a user's file: it must be read as one of the media containers (no manifest or
    playlist that opens other files or URLs), a nested open may use only the source's own
    protocol, and a network read that stalls fails instead of hanging."""
    formats = ["-format_whitelist", ",".join(MEDIA_FORMATS)]
    if "://" in str(source):
        return ["-rw_timeout", str(NETWORK_TIMEOUT_US), "-protocol_whitelist", "http,https,tcp,tls", *formats]
    return ["-protocol_whitelist", "file", *formats]


def output_size(input_info, settings):
    """The (width, height) a render produces: settings' size, else the input's, kept even.

    Settings are checked by the request schemas (bounds in limits.py), not again here."""
    settings = settings or {}
    width, height = settings.get("width"), settings.get("height")
    in_w, in_h = input_info["width"], input_info["height"]
    if width and height:
        return _even(width), _even(height)
    if width:
        return _even(width), _even(round(in_h * width / in_w))
    if height:
        return _even(round(in_w * height / in_h)), _even(height)
    return _even(in_w), _even(in_h)


def build_ffmpeg_command(input_path, ass_path, output_path, settings, ffmpeg=None, audio_codec=None):
    """Return the FFmpeg argv that scales, burns the ASS captions and encodes H.264/AAC MP4.

    `ffmpeg` is the configured binary (None: the bundled one). An input whose audio is already
    AAC (`audio_codec`, from the probe) keeps its audio packets as they are: no second lossy
    encode, and no encoder time. `+faststart` puts the index (moov) before the media data so
    the MP4 starts playing while it downloads."""
    settings = settings or {}
    filters = []
    if settings.get("fps"):
        filters.append(f"fps={float(settings['fps']):g}")
    width, height = settings.get("width"), settings.get("height")
    if width or height:
        # -2 lets FFmpeg pick the even size that keeps the aspect ratio.
        w = _even(width) if width else -2
        h = _even(height) if height else -2
        filters.append(f"scale={w}:{h},setsar=1")
    else:
        # libx264's yuv420p needs even dimensions; this is a no-op when they already are.
        filters.append("scale=trunc(iw/2)*2:trunc(ih/2)*2")
    filters.append(ass_filter(ass_path))
    preset = settings.get("preset") or DEFAULT_PRESET
    crf = DEFAULT_CRF if settings.get("crf") is None else settings["crf"]
    return [
        ffmpeg_binary(ffmpeg), "-hide_banner", "-nostdin", "-y", "-loglevel", "warning",
        *input_guard(input_path), "-i", str(input_path),
        "-map", "0:v:0", "-map", "0:a?",
        "-vf", ",".join(filters),
        "-c:v", "libx264", "-preset", preset, "-crf", f"{crf:g}", "-pix_fmt", "yuv420p",
        *(["-c:a", "copy"] if audio_codec == "aac" else ["-c:a", "aac", "-b:a", "160k"]),
        "-movflags", "+faststart",
        "-progress", "pipe:1", "-nostats",
        str(output_path),
    ]


def _kill(process):
    """Kill FFmpeg's whole process group and reap it, so nothing is left running or zombie."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait()


def _progress_time(line):
    """Seconds of output written, from an out_time_us=/out_time_ms= line (both are µs)."""
    key, _, value = line.partition("=")
    if key in ("out_time_us", "out_time_ms"):
        try:
            return int(value) / 1_000_000
        except ValueError:  # "N/A" before the first frame
            return None
    return None


# Started between fork and exec instead of a `preexec_fn` (unsafe in a threaded worker): a tiny
# Python that asks Linux to SIGKILL it when the worker dies (kill -9 included), checks the worker
# did not die first, and becomes FFmpeg. argv: the worker's pid, then FFmpeg's argv.
_DIE_WITH_PARENT = (
    "import ctypes, os, sys\n"
    "ctypes.CDLL(None, use_errno=True).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL\n"
    "os.getppid() == int(sys.argv[1]) or os._exit(1)\n"
    "os.execv(sys.argv[2], sys.argv[2:])\n"
)


def _dying_with_us(cmd):
    """`cmd` wrapped so the process is killed when this one dies (Linux; elsewhere as it is)."""
    if not sys.platform.startswith("linux"):
        return list(cmd)
    return [sys.executable, "-I", "-S", "-c", _DIE_WITH_PARENT, str(os.getpid()), *cmd]


class TimeLimit:
    """A render's wall-clock budget: `factor` × the input's duration, at least `minimum` seconds."""

    def __init__(self, factor, minimum):
        self.factor, self.minimum = float(factor), float(minimum)

    def seconds(self, duration):
        return max(self.minimum, self.factor * float(duration or 0))


def run_ffmpeg(cmd, duration, on_progress=None, should_cancel=None, time_limit=None):
    """Run an FFmpeg argv that uses `-progress pipe:1`; report 0..1 progress, honour cancels.

    Past `time_limit` seconds of wall clock FFmpeg is killed and RenderTimedOut raised: a hung
    FFmpeg must not hold a worker (whose heartbeat would keep the job looking alive) forever.
    """
    tail = collections.deque(maxlen=STDERR_TAIL_LINES)
    deadline = time.monotonic() + time_limit if time_limit else None
    binary = shutil.which(cmd[0])
    if binary is None:
        raise RenderFailed(f"Could not start FFmpeg ({cmd[0]}): not found, or not executable")
    cmd = [binary, *cmd[1:]]
    # A new session puts FFmpeg in its own process group, so killing the group cannot hit us.
    try:
        process = subprocess.Popen(_dying_with_us(cmd), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=True)
    except OSError as exc:
        raise RenderFailed(f"Could not start FFmpeg ({cmd[0]}): {exc.strerror or exc}") from None

    def drain_stderr():
        # Read stderr continuously: a full pipe would block FFmpeg forever.
        for raw in process.stderr:
            tail.append(raw.decode("utf-8", "replace").rstrip())

    reader = threading.Thread(target=drain_stderr, daemon=True)
    reader.start()
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    buffer, last_report = b"", 0.0
    try:
        while True:
            if should_cancel is not None and should_cancel():
                _kill(process)
                raise RenderCancelled()
            if deadline is not None and time.monotonic() > deadline:
                _kill(process)
                raise RenderTimedOut(f"FFmpeg ran past this render's time limit of {time_limit:.0f} s "
                                     "and was stopped.")
            if not selector.select(timeout=POLL_INTERVAL):
                continue
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                seconds = _progress_time(line.decode("ascii", "replace").strip())
                if seconds is None or not duration or on_progress is None:
                    continue
                now = time.monotonic()
                if now - last_report >= PROGRESS_INTERVAL:
                    last_report = now
                    on_progress(min(1.0, max(0.0, seconds / duration)))
        returncode = process.wait()
    finally:
        selector.close()
        _kill(process)
        reader.join(timeout=5)
        process.stdout.close()
        process.stderr.close()
    if returncode != 0:
        log = "\n".join(tail) or f"exit status {returncode}"
        raise RenderFailed(f"FFmpeg failed (exit status {returncode}):\n{log}")
    if on_progress is not None:
        on_progress(1.0)


def render(input_path, captions, style, settings, output_path, on_progress=None,
           should_cancel=None, work_dir=None, ffmpeg=None, time_limit=None):
    """Burn captions into a video, writing an MP4; return {durationSeconds, sizeBytes, width, height}.

    `time_limit` (a TimeLimit) bounds FFmpeg's wall-clock time by the input's duration."""
    info = probe(input_path)
    if info["kind"] != "video":
        what = "an image" if info["kind"] == "image" else "audio only"
        raise MediaError(f"The input must be a video; this file is {what}.")
    captions = parse_captions(captions)
    try:  # a URL video's length is known only now
        check_within(captions, info["durationSeconds"])
    except CaptionError as exc:
        raise MediaError("The captions start after the video ends: "
                         + "; ".join(f"{k}: {v}" for k, v in exc.details.items())) from None
    settings = dict(settings or {})
    width, height = output_size(info, settings)
    settings.update(width=width, height=height)
    with tempfile.TemporaryDirectory(prefix="renderowl-", dir=work_dir) as scratch:
        ass_path = os.path.join(scratch, "captions.ass")
        with open(ass_path, "w", encoding="utf-8") as handle:
            handle.write(build_ass(captions, style, width, height))
        cmd = build_ffmpeg_command(input_path, ass_path, output_path, settings, ffmpeg, info.get("audioCodec"))
        try:
            limit = time_limit.seconds(info["durationSeconds"]) if time_limit else None
            run_ffmpeg(cmd, info["durationSeconds"], on_progress, should_cancel, limit)
        except BaseException:
            # A partial MP4 must never be mistaken for a finished one.
            if os.path.exists(output_path):
                os.remove(output_path)
            raise
    result = probe(output_path)
    return {
        "durationSeconds": result["durationSeconds"],
        "sizeBytes": os.path.getsize(output_path),
        "width": result["width"],
        "height": result["height"],
    }
