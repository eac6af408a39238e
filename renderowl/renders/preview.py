"""Preview frames: one frame of a render, captions burned in, answered at once as a PNG.

The body is resolved by `resolve_render`, the render's own merge and validation, so a preview
and a render of one body can never disagree; the frame is drawn by `media.preview` with the
render's ASS, FFmpeg and fonts. No job row, no quota; each request costs 10 of the key's rate
limit, and each web worker draws one preview at a time.
"""
import os
import tempfile
import threading

from flask import Response, current_app
from flask.views import MethodView
from marshmallow import validate

from ..auth.principal import authorize
from ..captions_templates.schemas import StrictNumber
from ..errors import ApiError, ValidationError
from ..media import MediaError, output_size, probe
from ..media.preview import FrameCache, FrameOutOfRange, PreviewTimeout, preview_frame
from ..outbound import OutboundBlocked, OutboundClient, OutboundError
from ..parser import Blueprint
from ..schema_fields import Integer
from ..queue import setting, storage
from .schemas import RenderCreateSchema
from .service import resolve_render

PREVIEW_WEIGHT = 10
MAX_WIDTH = 1280
DEFAULT_WIDTH = 640
MAX_AT_SECONDS = 24 * 3600

blp = Blueprint("render-previews", __name__, url_prefix="/api/v1/projects/<project_id>/renders",
                description="Preview frames: one frame of a render with its captions, as a PNG, at once")


class RenderPreviewSchema(RenderCreateSchema):
    """A render body, plus which frame to draw and how wide. `webhookUrl` and `dryRun` are ignored."""

    at = StrictNumber(0, MAX_AT_SECONDS, metadata={
        "description": "Seconds into the output; default: the middle of the first caption. "
                       "At or past the end of the video: 400 `VALIDATION_ERROR` naming `at`."})
    width = Integer(load_default=DEFAULT_WIDTH, validate=validate.Range(16, MAX_WIDTH),
                              metadata={"description": "Width of the PNG in pixels; the height keeps the "
                                                       "output's aspect ratio."})


def _slot():
    """This web worker's one preview slot (created once per app)."""
    return current_app.extensions.setdefault("renderowl_preview_slot", threading.BoundedSemaphore(1))


def _frame_cache():
    directory = setting("PREVIEW_CACHE_DIR") or os.path.join(setting("WORK_DIR"), "preview-cache")
    return FrameCache(directory, setting("PREVIEW_CACHE_BYTES"))


def _download(url, path, timeout):
    """Fetch a `url` video through the outbound guard; 400 naming `video.url` when that fails."""
    client = OutboundClient.from_config(current_app.config, download_timeout=timeout,
                                        max_download_bytes=int(setting("RENDER_DOWNLOAD_MAX_BYTES")))
    try:
        response = client.request("GET", url, stream_to=path, timeout=(5, timeout))
    except OutboundBlocked:
        # Never say what the name resolved to.
        raise ValidationError({"video.url": "The destination is not allowed"}) from None
    except OutboundError as exc:
        raise ValidationError({"video.url": f"Could not download the video: {exc}"}) from None
    if not response.ok:
        raise ValidationError({"video.url": f"Could not download the video: HTTP {response.status_code}"})


def _source(resolved, scratch, timeout):
    """(what FFmpeg reads, {width, height, durationSeconds, fps}, cache id or None)."""
    asset = resolved["asset"]
    if asset is not None:
        meta = asset.metadata or {}
        if asset.type != "video" or not (meta.get("width") and meta.get("height")):
            raise ValidationError({"video.assetId": "must be a video asset"})
        # An asset's bytes never change, so its id and key name the frames for the cache.
        return (lambda: storage().media_source(asset.storage_key)), meta, f"{asset.id}/{asset.storage_key}"
    path = os.path.join(scratch, "input")
    _download(resolved["video"]["url"], path, timeout)
    try:
        info = probe(path)
    except MediaError as exc:
        raise ValidationError({"video.url": exc.message}) from None
    if info["kind"] != "video":
        raise ValidationError({"video.url": "must be a video"})
    return path, info, None  # not cached: what a URL serves may change


def _check_at(at, info):
    duration = info.get("durationSeconds")
    if duration and at >= duration:
        raise ValidationError({"at": f"must be before the end of the video ({duration:g} s)"})


def render_preview(resolved, at, width):
    """PNG bytes of the resolved render's frame at `at` (default: mid first caption), `width` wide."""
    captions, settings = resolved["captions"], resolved["settings"]
    if at is None:
        at = (captions[0]["start"] + captions[0]["end"]) / 2
    if resolved["asset"] is not None:
        _check_at(at, resolved["asset"].metadata or {})  # before waiting for the slot
    slot = _slot()
    if not slot.acquire(timeout=float(setting("PREVIEW_WAIT_SECONDS"))):
        raise ApiError("PREVIEW_BUSY", "This server is drawing other previews; retry shortly", 429,
                       headers={"Retry-After": "1"})
    try:
        timeout = float(setting("PREVIEW_TIMEOUT_SECONDS"))
        work_root = setting("WORK_DIR") or tempfile.gettempdir()
        os.makedirs(work_root, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="preview-", dir=work_root) as scratch:
            source, info, source_id = _source(resolved, scratch, timeout)
            _check_at(at, info)
            out_size = output_size(info, settings)
            try:
                return preview_frame(source, at, captions, resolved["style"], out_size, width,
                                     fps=settings.get("fps") or info.get("fps"),
                                     cache=_frame_cache() if source_id else None, source_id=source_id,
                                     timeout=timeout, work_dir=scratch, ffmpeg=setting("FFMPEG_BINARY"))
            except FrameOutOfRange:
                raise ValidationError({"at": "is past the video's last frame"}) from None
            except PreviewTimeout as exc:
                raise ApiError("PREVIEW_TIMEOUT", exc.message, 504) from None
            except MediaError as exc:
                if source_id is None:  # the user's URL served something FFmpeg cannot decode
                    raise ValidationError({"video.url": "could not be decoded as a video"}) from None
                raise RuntimeError(exc.message) from None  # our own asset: a 500, logged
    finally:
        slot.release()


@blp.route("/preview")
class RenderPreview(MethodView):
    @authorize(scope="renders:write", weight=PREVIEW_WEIGHT)
    @blp.arguments(RenderPreviewSchema)
    @blp.response(200, {"type": "string", "format": "binary"}, content_type="image/png",
                  description="The frame as a PNG, with `Cache-Control: no-store`.")
    @blp.alt_response(400, description="`VALIDATION_ERROR` exactly as for a render, or naming `at` (at or past "
                                       "the end of the video) or `width`; `INVALID_TEMPLATE_VARIABLES`")
    @blp.alt_response(404, description="`ASSET_NOT_FOUND`, `TEMPLATE_NOT_FOUND`")
    @blp.alt_response(409, description="`ASSET_NOT_READY`")
    @blp.alt_response(429, description="`RATE_LIMIT_EXCEEDED` (a preview counts as 10 requests), or "
                                       "`PREVIEW_BUSY`: this web worker is drawing another preview; see "
                                       "`Retry-After`")
    @blp.alt_response(504, description="`PREVIEW_TIMEOUT`: FFmpeg (or a `url` video's download) took longer "
                                       "than `RENDEROWL_PREVIEW_TIMEOUT_SECONDS`")
    @blp.doc(operationId="renders.preview")
    def post(self, data, project):
        """Preview one frame of a render, captions burned in, as a PNG

        Takes the body of `POST /renders` plus `at` and `width`, resolves it exactly as a
        render (same template merge, same validation and errors), and answers the frame on
        screen at `at` with the captions drawn by the same ASS script, FFmpeg and fonts as the
        render. Synchronous: no job is created and no quota is used. An asset's decoded frame
        is cached, so previewing other styles on the same frame is quick; a `url` video is
        downloaded through the outbound guard for each preview.
        """
        at, width = data.pop("at", None), data.pop("width")
        png = render_preview(resolve_render(project, data), at, width)
        return Response(png, mimetype="image/png", headers={"Cache-Control": "no-store"})
