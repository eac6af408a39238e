# Validate and resolve a render without queuing it: 200 with the merged job and estimated minutes.
curl -sS -X POST "$RENDEROWL_URL/api/v1/projects/$PROJECT_ID/renders" \
  -H "Authorization: Bearer $RENDEROWL_API_KEY" -H "Content-Type: application/json" \
  -d "{\"dryRun\": true, \"video\": {\"type\": \"asset\", \"assetId\": \"$ASSET_ID\"},
       \"captions\": {\"srt\": \"1\n00:00:00,000 --> 00:00:01,500\nHello from an SRT file\n\"}}"
