# When our webhook endpoint is called, render the posted text onto the posted asset.
# The answer carries trigger.endpoint and (only now) trigger.secret.
curl -sS -X POST "$RENDEROWL_URL/api/v1/projects/$PROJECT_ID/automations" \
  -H "Authorization: Bearer $RENDEROWL_API_KEY" -H "Content-Type: application/json" \
  -d '{"name": "Caption on demand",
       "trigger": {"type": "webhook"},
       "actions": [{"type": "render",
                    "video": {"type": "asset", "assetId": "{{trigger.assetId}}"},
                    "captions": [{"start": 0, "end": 1.5, "text": "{{trigger.text}}"}]}]}'
