"""Projects and their API keys (master key; a project key may read its own project)."""
from flask.views import MethodView
from peewee import IntegrityError

from ..auth.models import ApiKey
from ..auth.principal import authorize
from ..db import utcnow
from ..errors import ApiError
from ..extensions import database
from ..idempotency import idempotent
from ..pagination import ListArgsSchema, paginate
from ..parser import Blueprint
from ..signing import generate_secret
from .models import Project
from .schemas import (ApiKeyCreatedSchema, ApiKeyCreateSchema, ApiKeyPageSchema, ApiKeySchema,
                      ProjectCreateSchema, ProjectListArgsSchema, ProjectPageSchema, ProjectSchema,
                      ProjectUpdateSchema)
from .status import archive_project, update_project

blp = Blueprint("projects", __name__, url_prefix="/api/v1/projects", description="Projects and API keys")


@blp.route("")
class Projects(MethodView):
    @authorize(master_only=True)
    @blp.arguments(ProjectListArgsSchema, location="query")
    @blp.response(200, ProjectPageSchema)
    @blp.doc(operationId="projects.list")
    def get(self, args):
        """List projects, newest first"""
        query = Project.select()
        if args.get("status"):
            query = query.where(Project.status == args["status"])
        return paginate(query, Project, args)

    @authorize(master_only=True)
    @idempotent
    @blp.arguments(ProjectCreateSchema)
    @blp.response(201, ProjectSchema)
    @blp.alt_response(409, description="`SLUG_TAKEN`: the slug belongs to another project")
    @blp.doc(operationId="projects.create")
    def post(self, data):
        """Create a project"""
        try:
            with database.atomic():
                return Project.create(slug=data["slug"], name=data["name"],
                                      description=data.get("description"),
                                      settings=data.get("settings") or {},
                                      webhook_secret=generate_secret())
        except IntegrityError:
            raise ApiError("SLUG_TAKEN", f"Slug '{data['slug']}' is already taken", 409)


@blp.route("/<project_id>")
class ProjectsById(MethodView):
    @authorize(scope="projects:read")
    @blp.response(200, ProjectSchema)
    @blp.doc(operationId="projects.get")
    def get(self, project):
        """Get a project with its usage"""
        return project

    @authorize(master_only=True)
    @blp.arguments(ProjectUpdateSchema)
    @blp.response(200, ProjectSchema)
    @blp.doc(operationId="projects.update")
    def patch(self, data, project):
        """Update name, description, status or settings (settings are merged)"""
        return update_project(project, data)

    @authorize(master_only=True)
    @blp.response(200, ProjectSchema)
    @blp.doc(operationId="projects.delete")
    def delete(self, project):
        """Archive a project (soft delete); its keys stop working, its queued renders are cancelled"""
        return archive_project(project)


@blp.route("/<project_id>/api-keys")
class ApiKeys(MethodView):
    @authorize(master_only=True)
    @blp.arguments(ListArgsSchema, location="query")
    @blp.response(200, ApiKeyPageSchema)
    @blp.doc(operationId="apiKeys.list")
    def get(self, args, project):
        """List a project's API keys (never the keys themselves)"""
        return paginate(ApiKey.select().where(ApiKey.project == project.id), ApiKey, args)

    @authorize(master_only=True)
    @blp.arguments(ApiKeyCreateSchema)
    @blp.response(201, ApiKeyCreatedSchema)
    @blp.doc(operationId="apiKeys.create")
    def post(self, data, project):
        """Create an API key; the full key is in this response only"""
        row, key = ApiKey.issue(project, data["name"], data.get("scopes"), data.get("rateLimitRpm"))
        row.key = key
        return row


@blp.route("/<project_id>/api-keys/<key_id>")
class ApiKeysById(MethodView):
    @authorize(master_only=True)
    @blp.response(200, ApiKeySchema)
    @blp.doc(operationId="apiKeys.revoke")
    def delete(self, project, key_id):
        """Revoke an API key; it fails at once"""
        row = ApiKey.for_project(project, key_id)
        if row.revoked_at is None:
            row.revoked_at = utcnow()
            row.save(only=[ApiKey.revoked_at, ApiKey.updated_at])  # lastUsedAt is written concurrently
        return row


@blp.route("/<project_id>/webhook-secret/rotate")
class WebhookSecretRotation(MethodView):
    @authorize(master_only=True)
    @blp.response(200, ProjectSchema)
    @blp.doc(operationId="projects.rotateWebhookSecret")
    def post(self, project):
        """Issue a new webhook secret; the old one keeps signing for 24 h"""
        Project.rotate_webhook_secret(project.id, generate_secret())
        return Project.get_by_id(project.id)
