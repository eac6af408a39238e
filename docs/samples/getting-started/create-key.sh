# A project key with every scope (leave out "scopes"); the full key is shown only in this answer.
curl -sS -X POST "$RENDEROWL_URL/api/v1/projects/$PROJECT_ID/api-keys" \
  -H "Authorization: Bearer $RENDEROWL_MASTER_KEY" \
  -H "Content-Type: application/json" \
  -d '{"name": "backend"}'
