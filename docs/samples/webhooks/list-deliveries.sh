# Every delivery attempt: event, URL, status code, error, duration, attempt number.
curl -sS "$RENDEROWL_URL/api/v1/projects/$PROJECT_ID/webhook-deliveries?limit=5" \
  -H "Authorization: Bearer $RENDEROWL_MASTER_KEY"
