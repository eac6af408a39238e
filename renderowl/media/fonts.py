"""Where the bundled fonts and the FFmpeg binary live."""
import font_roboto
import imageio_ffmpeg

# The family libass finds in fonts_dir(); anything else falls back to it.
DEFAULT_FONT_FAMILY = "Roboto"


def fonts_dir():
    """Return the directory holding the Roboto TTFs shipped by the `font-roboto` package."""
    return font_roboto.font_directory


def ffmpeg_binary(configured=None):
    """Return the FFmpeg executable: `configured` (the app's FFMPEG_BINARY), else imageio-ffmpeg's."""
    # PyAV's bundled libraries lack libass, so burning captions needs this binary.
    return configured or imageio_ffmpeg.get_ffmpeg_exe()
