# The operator's master key creates a project (slug: 3–50 of a-z, 0-9, -).
curl -sS -X POST "$RENDEROWL_URL/api/v1/projects" \
  -H "Authorization: Bearer $RENDEROWL_MASTER_KEY" \
  -H "Content-Type: application/json" \
  -d "{\"slug\": \"$SLUG\", \"name\": \"Acme Studio\"}"
