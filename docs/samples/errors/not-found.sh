# Every error is {"error": {"code", "message", "details"?}}; branch on `code`, not on the text.
curl -sS "$RENDEROWL_URL/api/v1/projects/$PROJECT_ID/renders/00000000-0000-4000-8000-000000000000" \
  -H "Authorization: Bearer $RENDEROWL_API_KEY"
