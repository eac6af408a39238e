"""Errors raised by the media library; none of them knows about HTTP."""


class MediaError(Exception):
    """A media file could not be read or processed; `message` is safe to show users."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class CaptionError(MediaError):
    """Captions failed validation; `details` maps a field path to what is wrong with it."""

    def __init__(self, details):
        super().__init__("Invalid captions: " + "; ".join(f"{k}: {v}" for k, v in details.items()))
        self.details = dict(details)


class RenderFailed(MediaError):
    """FFmpeg exited with an error; the message carries the tail of its log."""


class RenderCancelled(MediaError):
    """The render was cancelled by the caller while FFmpeg was running."""

    def __init__(self, message="Render cancelled"):
        super().__init__(message)


class RenderTimedOut(RenderFailed):
    """FFmpeg ran past the render's wall-clock limit and was killed."""
