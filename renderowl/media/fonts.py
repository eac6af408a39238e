"""Where the bundled fonts and the FFmpeg binary live."""
import os

import font_roboto
import imageio_ffmpeg

# The family libass finds in fonts_dir(); anything else falls back to it.
DEFAULT_FONT_FAMILY = "Roboto"


def fonts_dir():
    """Return the directory holding the Roboto TTFs shipped by the `font-roboto` package."""
    return font_roboto.font_directory


def ffmpeg_binary():
    """Return the FFmpeg executable: $RENDEROWL_FFMPEG, else imageio-ffmpeg's static build."""
    # PyAV's bundled libraries lack libass, so burning captions needs this binary.
    return os.environ.get("RENDEROWL_FFMPEG") or imageio_ffmpeg.get_ffmpeg_exe()
