# Burn captions into the uploaded video: 202 with the job, already resolved.
curl -sS -X POST "$RENDEROWL_URL/api/v1/projects/$PROJECT_ID/renders" \
  -H "Authorization: Bearer $RENDEROWL_API_KEY" -H "Content-Type: application/json" \
  -d "{\"video\": {\"type\": \"asset\", \"assetId\": \"$ASSET_ID\"},
       \"captions\": [{\"start\": 0, \"end\": 1.5, \"text\": \"Hello from Renderowl\"}],
       \"style\": {\"position\": \"bottom\", \"wordHighlight\": true}}"
