# Render with the template; variables given here override its defaults.
curl -sS -X POST "$RENDEROWL_URL/api/v1/projects/$PROJECT_ID/renders" \
  -H "Authorization: Bearer $RENDEROWL_API_KEY" -H "Content-Type: application/json" \
  -d "{\"templateId\": \"$TEMPLATE_ID\", \"templateVariables\": {\"accent\": \"#00E5FF\"},
       \"video\": {\"type\": \"asset\", \"assetId\": \"$ASSET_ID\"},
       \"captions\": [{\"start\": 0, \"end\": 1.5, \"text\": \"Styled by a template\"}]}"
