"""ApiKey rows: only the SHA-256 of a key is ever stored."""
import hashlib
import secrets
import string

from peewee import CharField, ForeignKeyField, IntegerField, JSONField

from ..db import BaseModel, Timestamp
from ..projects.models import Project

KEY_PREFIX = "rk_live_"
KEY_ALPHABET = string.ascii_letters + string.digits
KEY_BODY_LENGTH = 32

SCOPES = (
    "projects:read",
    "assets:read", "assets:write",
    "templates:read", "templates:write",
    "renders:read", "renders:write",
    "automations:read", "automations:write",
)


def generate_key():
    """A new `rk_live_` key from the CSPRNG."""
    return KEY_PREFIX + "".join(secrets.choice(KEY_ALPHABET) for _ in range(KEY_BODY_LENGTH))


def hash_key(key):
    """The stored form of a key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def looks_like_key(token):
    """True when the token has the project key format."""
    body = token[len(KEY_PREFIX):]
    return (token.startswith(KEY_PREFIX) and len(body) == KEY_BODY_LENGTH
            and all(c in KEY_ALPHABET for c in body))


class ApiKey(BaseModel):
    """A project-scoped key; revocation is a timestamp, never a delete."""

    NOT_FOUND = ("API_KEY_NOT_FOUND", "API key not found")

    project = ForeignKeyField(Project, backref="api_keys", on_delete="CASCADE")
    name = CharField(max_length=200)
    key_hash = CharField(max_length=64, unique=True)
    key_prefix = CharField(max_length=12)
    scopes = JSONField(default=list)
    rate_limit_rpm = IntegerField()
    last_used_at = Timestamp(null=True)
    revoked_at = Timestamp(null=True)

    class Meta:
        # The list, newest first (keyset on created_at, id).
        indexes = ((("project", "created_at", "id"), False),)

    @classmethod
    def issue(cls, project, name, scopes=None, rate_limit_rpm=None):
        """Create a key; returns (row, full key) — the full key exists only here."""
        key = generate_key()
        row = cls.create(
            project=project, name=name, key_hash=hash_key(key), key_prefix=key[:12],
            # Only an omitted list means "every scope"; the API refuses an empty one.
            scopes=list(dict.fromkeys(scopes)) if scopes is not None else list(SCOPES),
            rate_limit_rpm=rate_limit_rpm or project.effective_settings["defaultRateLimitRpm"],
        )
        return row, key
