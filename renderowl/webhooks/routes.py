"""Webhook delivery log and redelivery."""

from flask.views import MethodView

from ..auth.principal import authorize
from ..events import Event
from ..pagination import paginate
from ..parser import Blueprint
from . import tasks
from .models import WebhookDelivery
from .schemas import RedeliverySchema, WebhookDeliveryListArgsSchema, WebhookDeliveryPageSchema

blp = Blueprint("webhook-deliveries", __name__, url_prefix="/api/v1/projects",
                description="Outbound webhook delivery attempts. Reading them takes `projects:read` "
                            "(the same scope that shows `settings.webhookUrl`); redelivering takes the "
                            "master key, like every other change to a project's webhook setup.")


@blp.route("/<project_id>/webhook-deliveries")
class WebhookDeliveries(MethodView):
    @authorize(scope="projects:read")
    @blp.arguments(WebhookDeliveryListArgsSchema, location="query")
    @blp.response(200, WebhookDeliveryPageSchema)
    @blp.doc(operationId="webhookDeliveries.list")
    def get(self, args, project):
        """List delivery attempts, newest first"""
        query = (WebhookDelivery.select(WebhookDelivery, Event).join(Event)
                 .where(WebhookDelivery.project == project.id))
        if args.get("eventId"):
            query = query.where(WebhookDelivery.event == args["eventId"])
        return paginate(query, WebhookDelivery, args)


@blp.route("/<project_id>/webhook-deliveries/<delivery_id>/redeliver")
class WebhookRedelivery(MethodView):
    @authorize(master_only=True)
    @blp.response(202, RedeliverySchema)
    @blp.alt_response(404, description="`DELIVERY_NOT_FOUND`")
    @blp.doc(operationId="webhookDeliveries.redeliver")
    def post(self, project, delivery_id):
        """Resend a delivery's event to its URL now; the attempt appears in the log"""
        row = WebhookDelivery.for_project(project, delivery_id)
        tasks.redeliver(str(row.id))
        return {"status": "queued", "eventId": row.event_id, "url": row.url}

