"""The vocabularies of automations: trigger types, run and step statuses."""

TRIGGER_TYPES = ("webhook", "schedule", "asset_upload")
RUN_STATUSES = ("queued", "running", "completed", "failed")
STEP_STATUSES = ("pending", "running", "waiting", "completed", "failed")
