"""Probe media and burn captions into video with FFmpeg; no HTTP and no database here."""
from .captions import DEFAULT_STYLE, build_ass, parse_captions, resolve_style
from .errors import CaptionError, MediaError, RenderCancelled, RenderFailed, StyleError
from .fonts import ffmpeg_binary, fonts_dir
from .probe import make_thumbnail, probe
from .render import build_ffmpeg_command, output_size, render, run_ffmpeg

__all__ = [
    "DEFAULT_STYLE", "CaptionError", "MediaError", "RenderCancelled", "RenderFailed", "StyleError",
    "build_ass", "build_ffmpeg_command", "ffmpeg_binary", "fonts_dir", "make_thumbnail",
    "output_size", "parse_captions", "probe", "render", "resolve_style", "run_ffmpeg",
]
