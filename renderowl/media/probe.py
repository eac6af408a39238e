"""Read media metadata and make thumbnails with PyAV."""
import importlib

from .errors import MediaError


class _LazyModule:
    """Import on first use: PyAV and Pillow cost a web worker ~20 MiB it never needs."""

    def __init__(self, name):
        self._name = name

    def __getattr__(self, attr):
        module = importlib.import_module(self._name)
        return getattr(module, attr)


av = _LazyModule("av")
Image = _LazyModule("PIL.Image")

# Demuxers that hold one still picture rather than a timed stream.
IMAGE_FORMATS = {"image2", "png_pipe", "jpeg_pipe", "webp_pipe", "bmp_pipe", "tiff_pipe",
                 "gif", "gif_pipe", "avif"}
# FFmpeg will "decode" text files as ANSI art; that is never what a user uploaded.
REJECTED_FORMATS = {"tty"}
# The containers read for audio and video (demuxer names). FFmpeg is told to use no other
# (`format_whitelist`): a manifest or playlist posing as media (DASH, HLS, concat) would make it
# open other files or URLs, and the DASH demuxer does so whatever the protocol whitelist says.
MEDIA_FORMATS = ("mov", "matroska", "avi", "mpegts", "mpeg", "flv", "ogg", "asf", "mxf",
                 "wav", "w64", "aiff", "mp3", "aac", "flac")
# The probe's: those, and still pictures.
_PROBE_OPTIONS = {"protocol_whitelist": "file", "format_whitelist": ",".join(MEDIA_FORMATS + tuple(sorted(IMAGE_FORMATS)))}

THUMBNAIL_AT_SECONDS = 1.0
UNREADABLE = "Unreadable media file: not a supported audio, video or image format."


def _open(path):
    """Open a container, turning FFmpeg's errors into a MediaError users can read."""
    try:
        return av.open(str(path), options=_PROBE_OPTIONS)
    except FileNotFoundError:
        raise MediaError("File not found.") from None
    except (av.FFmpegError, OSError, ValueError):
        raise MediaError(UNREADABLE) from None


def _first_frame(container, stream):
    """Decode the first video frame, or None when the stream yields none."""
    try:
        for frame in container.decode(stream):
            return frame
    except (av.FFmpegError, ValueError):
        return None
    return None


def _is_image(container, stream):
    """Tell a still picture from a video: image demuxer, or a single-frame stream with no duration."""
    if container.format.name in IMAGE_FORMATS:
        return True
    single_frame = (stream.frames or 0) <= 1 and not container.duration
    return single_frame and stream.codec_context.name in {"png", "mjpeg", "webp"}


def _duration(container, streams):
    """Duration in seconds from the container, else the longest stream; None when unknown."""
    if container.duration and container.duration > 0:
        return round(container.duration / av.time_base, 3)
    known = [float(s.duration * s.time_base) for s in streams if s.duration and s.time_base]
    return round(max(known), 3) if known else None


def probe(path):
    """Return {width, height, durationSeconds, codec, fps, hasAudio, kind} for a media file (and
    `audioCodec` for a video)."""
    container = _open(path)
    try:
        if container.format.name in REJECTED_FORMATS:
            raise MediaError(UNREADABLE)
        video = next(iter(container.streams.video), None)
        audio = next(iter(container.streams.audio), None)
        if video is None and audio is None:
            raise MediaError("The file has no audio or video stream.")
        info = {"width": None, "height": None, "durationSeconds": None, "codec": None,
                "fps": None, "hasAudio": audio is not None, "kind": "audio"}
        if video is None:
            info["codec"] = audio.codec_context.name
            info["durationSeconds"] = _duration(container, [audio])
            return info
        is_image = _is_image(container, video)
        # Decoding one frame proves the stream is readable and tells its rotation.
        frame = _first_frame(container, video)
        if frame is None:
            raise MediaError("The video stream could not be decoded.")
        width, height = video.codec_context.width or frame.width, video.codec_context.height or frame.height
        if frame.rotation % 180:
            # Phones store portrait video as rotated landscape; FFmpeg turns it upright on render.
            width, height = height, width
        info.update(width=width, height=height, codec=video.codec_context.name)
        if is_image:
            info["kind"] = "image"
            return info
        rate = video.average_rate or video.guessed_rate
        # The render copies an AAC track as it is instead of encoding it again.
        info.update(kind="video", fps=round(float(rate), 3) if rate else None,
                    audioCodec=audio.codec_context.name if audio else None,
                    durationSeconds=_duration(container, [video] + ([audio] if audio else [])))
        return info
    finally:
        container.close()


def _frame_near(container, stream, seconds):
    """Return the first decodable frame at or after `seconds` (or the last one before the end)."""
    if seconds > 0 and stream.time_base:
        try:
            container.seek(int(seconds / stream.time_base), stream=stream)
        except (av.FFmpegError, ValueError):
            container.seek(0)
    chosen = None
    try:
        for frame in container.decode(stream):
            chosen = frame
            if frame.time is None or frame.time >= seconds - 0.001:
                break
    except (av.FFmpegError, ValueError):
        pass
    return chosen


def make_thumbnail(path, out_path, max_width=640):
    """Write a JPEG of the frame ~1 s in (the first for short clips and images); return (w, h)."""
    container = _open(path)
    try:
        stream = next(iter(container.streams.video), None)
        if stream is None:
            raise MediaError("The file has no video frame to make a thumbnail from.")
        duration = _duration(container, [stream]) or 0
        at = THUMBNAIL_AT_SECONDS if duration > 2 * THUMBNAIL_AT_SECONDS else 0.0
        frame = _frame_near(container, stream, at)
        if frame is None and at:
            container.seek(0)
            frame = _frame_near(container, stream, 0.0)
        if frame is None:
            raise MediaError("The file has no decodable video frame.")
        image = frame.to_image()
        if frame.rotation % 360:
            # Display matrices rotate counter-clockwise, as PIL does.
            image = image.rotate(frame.rotation, expand=True)
    finally:
        container.close()
    if image.width > max_width:
        height = max(1, round(image.height * max_width / image.width))
        image = image.resize((max_width, height), Image.Resampling.LANCZOS)
    image.convert("RGB").save(out_path, "JPEG", quality=85)
    return image.width, image.height
