"""Caption templates: CRUD under a project (`templates:read` / `templates:write`)."""
from flask.views import MethodView

from ..auth.principal import authorize
from ..errors import ValidationError
from ..pagination import ListArgsSchema, paginate
from ..parser import Blueprint
from .models import CaptionTemplate
from .schemas import TemplateCreateSchema, TemplatePageSchema, TemplateSchema, TemplateUpdateSchema, undeclared_placeholders

blp = Blueprint("templates", __name__, url_prefix="/api/v1/projects/<project_id>/templates",
                description="Caption templates: styles with typed `{{variables}}`")

FIELDS = {"name": "name", "description": "description", "style": "style", "defaultVideo": "default_video",
          "defaultSettings": "default_settings", "variables": "variables", "isDefault": "is_default"}


@blp.route("")
class Templates(MethodView):
    @authorize(scope="templates:read")
    @blp.arguments(ListArgsSchema, location="query")
    @blp.response(200, TemplatePageSchema)
    @blp.doc(operationId="templates.list")
    def get(self, args, project):
        """List the project's templates, newest first"""
        return paginate(CaptionTemplate.select().where(CaptionTemplate.project == project.id), CaptionTemplate, args)

    @authorize(scope="templates:write")
    @blp.arguments(TemplateCreateSchema)
    @blp.response(201, TemplateSchema)
    @blp.alt_response(404, description="`ASSET_NOT_FOUND`: `defaultVideo.assetId` is not an asset of this project")
    @blp.doc(operationId="templates.create")
    def post(self, data, project):
        """Create a template"""
        CaptionTemplate.check_references(project, data)
        row = CaptionTemplate(project=project.id, **{FIELDS[k]: v for k, v in data.items()})
        return row.store(insert=True)


@blp.route("/<template_id>")
class TemplatesById(MethodView):
    @authorize(scope="templates:read")
    @blp.response(200, TemplateSchema)
    @blp.alt_response(404, description="`TEMPLATE_NOT_FOUND`")
    @blp.doc(operationId="templates.get")
    def get(self, project, template_id):
        """Get a template"""
        return CaptionTemplate.for_project(project, template_id)

    @authorize(scope="templates:write")
    @blp.arguments(TemplateUpdateSchema)
    @blp.response(200, TemplateSchema)
    @blp.alt_response(404, description="`TEMPLATE_NOT_FOUND`, or `ASSET_NOT_FOUND`: `defaultVideo.assetId` is "
                                       "not an asset of this project")
    @blp.doc(operationId="templates.update")
    def patch(self, data, project, template_id):
        """Update a template; given fields replace the stored ones"""
        row = CaptionTemplate.for_project(project, template_id)
        CaptionTemplate.check_references(project, data)
        for key, value in data.items():
            setattr(row, FIELDS[key], value)
        # Placeholders must be declared by the template as it will be after this change.
        merged = {"style": row.style, "defaultVideo": row.default_video, "defaultSettings": row.default_settings}
        problems = undeclared_placeholders(merged, row.variables)
        if problems:
            raise ValidationError(problems)
        return row.store()

    @authorize(scope="templates:write")
    @blp.response(204)
    @blp.alt_response(404, description="`TEMPLATE_NOT_FOUND`")
    @blp.doc(operationId="templates.delete")
    def delete(self, project, template_id):
        """Delete a template (renders made with it keep their resolved style)"""
        CaptionTemplate.for_project(project, template_id).delete_instance()
