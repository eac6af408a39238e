# Where the project's events go (master key); settings are merged, not replaced.
curl -sS -X PATCH "$RENDEROWL_URL/api/v1/projects/$PROJECT_ID" \
  -H "Authorization: Bearer $RENDEROWL_MASTER_KEY" -H "Content-Type: application/json" \
  -d "{\"settings\": {\"webhookUrl\": \"$WEBHOOK_URL\"}}"
