"""Automations: triggers (webhook, schedule, asset upload, manual) that run chains of actions."""
