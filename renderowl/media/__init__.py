"""Probe media and burn captions into video with FFmpeg; no HTTP and no database here."""
from .ass import build_ass
from .captions import check_within, parse_captions
from .errors import CaptionError, MediaError, RenderCancelled, RenderFailed, RenderTimedOut
from .fonts import ffmpeg_binary, fonts_dir
from .layout import caption_warnings, layout
from .probe import make_thumbnail, probe
from .render import TimeLimit, build_ffmpeg_command, output_size, render, run_ffmpeg
from .style import DEFAULT_STYLE, resolve_style

__all__ = [
    "DEFAULT_STYLE", "CaptionError", "MediaError", "RenderCancelled", "RenderFailed", "RenderTimedOut", "TimeLimit",
    "build_ass", "build_ffmpeg_command", "caption_warnings", "check_within", "ffmpeg_binary", "fonts_dir",
    "layout", "make_thumbnail", "output_size", "parse_captions", "probe", "render", "resolve_style", "run_ffmpeg",
]
