"""Every model, in dependency order: what migrations must produce and tests compare against."""
from .assets.models import Asset
from .auth.models import ApiKey
from .idempotency import IdempotencyKey
from .projects.models import Project, ProjectMember

MODELS = [Project, ProjectMember, ApiKey, IdempotencyKey, Asset]
