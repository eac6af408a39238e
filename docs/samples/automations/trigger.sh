# Anyone holding the automation's secret can start a run: 202 {"runId": ...}.
curl -sS -X POST "$RENDEROWL_URL/webhooks/automations/$AUTOMATION_ENDPOINT" \
  -H "Authorization: Bearer $AUTOMATION_SECRET" -H "Content-Type: application/json" \
  -d "{\"assetId\": \"$ASSET_ID\", \"text\": \"Triggered from outside\"}"
