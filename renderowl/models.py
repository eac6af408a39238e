"""Every model, in dependency order: what migrations must produce and tests compare against."""
from .assets.models import Asset
from .auth.models import ApiKey
from .automations.models import Automation, AutomationRun
from .captions_templates.models import CaptionTemplate
from .events.models import Event, EventSubscription
from .idempotency import IdempotencyKey
from .projects.models import Project, ProjectMember
from .renders.models import RenderJob
from .usage.models import UsageDaily
from .webhooks.models import EventDestination, WebhookDelivery

MODELS = [Project, ProjectMember, ApiKey, IdempotencyKey, Asset, CaptionTemplate, RenderJob,
          Event, EventSubscription, EventDestination, WebhookDelivery, Automation, AutomationRun,
          UsageDaily]
