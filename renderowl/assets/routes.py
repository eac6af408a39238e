"""Assets: create with a direct-to-storage upload link, complete, list, update, delete."""
import uuid

from flask.views import MethodView

from ..auth.principal import authorize
from ..errors import ApiError
from ..idempotency import idempotent
from ..pagination import paginate
from ..parser import Blueprint
from .models import Asset
from .schemas import document  # noqa: F401  (create_app documents AssetCreate's variants)
from .schemas import (AssetCreatedSchema, AssetCreateSchema, AssetListArgsSchema, AssetPageSchema,
                      AssetSchema, AssetUpdateSchema)
from .tasks import purge_asset
from ..storage import UPLOAD_LINK_SECONDS, expiry
from .uploads import complete_upload, fresh_upload_link, upload_target

blp = Blueprint("assets", __name__, url_prefix="/api/v1/projects/<project_id>/assets",
                description="Media assets, uploaded straight to storage")


@blp.route("")
class Assets(MethodView):
    @authorize(scope="assets:read")
    @blp.arguments(AssetListArgsSchema, location="query")
    @blp.response(200, AssetPageSchema)
    @blp.doc(operationId="assets.list")
    def get(self, args, project):
        """List assets, newest first, filtered by type, status, tag and name"""
        query = Asset.live().where(Asset.project == project.id)
        if args.get("type"):
            query = query.where(Asset.type == args["type"])
        if args.get("status"):
            query = query.where(Asset.status == args["status"])
        if args.get("tag"):
            # JSON containment: jsonb @> on PostgreSQL, peewee's json_contains on SQLite.
            query = query.where(Asset.tags.contains([args["tag"]]))
        if args.get("q"):
            query = query.where(Asset.name_lower.contains(args["q"].lower()))
        return paginate(query, Asset, args)

    @authorize(scope="assets:write")
    @idempotent(on_replay=fresh_upload_link)
    @blp.arguments(AssetCreateSchema)
    @blp.response(201, AssetCreatedSchema)
    @blp.alt_response(400, description="`ASSET_TOO_LARGE`: over the project's `maxAssetSizeBytes`")
    @blp.alt_response(429, description="`RATE_LIMIT_EXCEEDED` (see `Retry-After`), or `STORAGE_QUOTA_EXCEEDED`: the bytes do not fit in `storageQuotaBytes`")
    @blp.doc(operationId="assets.create")
    def post(self, data, project):
        """Create an asset and get a signed URL to PUT its bytes to (valid 15 minutes)

        The PUT must carry `uploadHeaders` and exactly `sizeBytes` bytes. Local storage
        completes the asset itself; with S3, call `complete` (or let the bucket's event
        notification reach `POST /webhooks/storage`). The declared size counts against the
        storage quota from now on. `mimeType` must fit `type` (video/*, audio/*,
        image/png|jpeg|webp|gif, font/ttf|otf|woff|woff2, application/json for `template`).

        A replay (same `Idempotency-Key` and body) answers the same asset with a fresh upload
        link while it is still `uploading`; once it has left `uploading` the replayed link is
        dead, like the first one.
        """
        settings = project.effective_settings
        size = data["sizeBytes"]
        if size > settings["maxAssetSizeBytes"]:
            raise ApiError("ASSET_TOO_LARGE", "Assets may be at most %d bytes" % settings["maxAssetSizeBytes"], 400,
                           {"maxAssetSizeBytes": settings["maxAssetSizeBytes"], "sizeBytes": size})
        asset_id = uuid.uuid4()
        asset = Asset.create_reserved(
            project, settings["storageQuotaBytes"], id=asset_id, name=data["name"], name_lower=data["name"].lower(),
            description=data.get("description"), type=data["type"], mime_type=data["mimeType"], size_bytes=size,
            tags=_unique(data["tags"]), storage_key=Asset.original_key(project.id, asset_id, data["mimeType"]),
            upload_expires_at=expiry(UPLOAD_LINK_SECONDS).replace(tzinfo=None))
        target = upload_target(asset)
        return {"asset": asset, "uploadUrl": target.url, "uploadMethod": target.method,
                "uploadHeaders": target.headers, "expiresAt": target.expires_at}


@blp.route("/<asset_id>")
class AssetsById(MethodView):
    @authorize(scope="assets:read")
    @blp.response(200, AssetSchema)
    @blp.alt_response(404, description="`ASSET_NOT_FOUND`")
    @blp.doc(operationId="assets.get")
    def get(self, project, asset_id):
        """Get an asset, with fresh signed download links"""
        return Asset.for_project(project, asset_id)

    @authorize(scope="assets:write")
    @blp.arguments(AssetUpdateSchema)
    @blp.response(200, AssetSchema)
    @blp.alt_response(404, description="`ASSET_NOT_FOUND`")
    @blp.doc(operationId="assets.update")
    def patch(self, data, project, asset_id):
        """Update an asset's name, description or tags"""
        asset = Asset.for_project(project, asset_id)
        if "name" in data:
            asset.name, asset.name_lower = data["name"], data["name"].lower()
        if "description" in data:
            asset.description = data["description"]
        if "tags" in data:
            asset.tags = _unique(data["tags"])
        asset.save(only=[Asset.name, Asset.name_lower, Asset.description, Asset.tags, Asset.updated_at])
        return asset

    @authorize(scope="assets:write")
    @blp.response(204)
    @blp.alt_response(404, description="`ASSET_NOT_FOUND`")
    @blp.doc(operationId="assets.delete")
    def delete(self, project, asset_id):
        """Delete an asset: gone at once, its bytes released, its files removed in the background"""
        asset = Asset.for_project(project, asset_id)
        if asset.soft_delete():
            purge_asset(str(asset.id))
        return None


@blp.route("/<asset_id>/complete")
class AssetCompletion(MethodView):
    @authorize(scope="assets:write")
    @blp.response(200, AssetSchema)
    @blp.alt_response(404, description="`ASSET_NOT_FOUND`")
    @blp.alt_response(409, description="`UPLOAD_INCOMPLETE`: no stored file, or not the declared size")
    @blp.doc(operationId="assets.complete")
    def post(self, project, asset_id):
        """Tell the server the upload is done; it checks the stored file and starts processing

        Idempotent: an asset already past `uploading` is returned as it is.
        """
        return complete_upload(Asset.for_project(project, asset_id))


def _unique(tags):
    """Tags in their first order, each once."""
    return list(dict.fromkeys(tags))
