# A caption style with typed variables; "{{accent}}" takes the variable's value at render time.
curl -sS -X POST "$RENDEROWL_URL/api/v1/projects/$PROJECT_ID/templates" \
  -H "Authorization: Bearer $RENDEROWL_API_KEY" -H "Content-Type: application/json" \
  -d '{"name": "Bold highlight",
       "style": {"fontSize": 48, "textColor": "#FFFFFF", "highlightColor": "{{accent}}",
                 "position": "bottom", "wordHighlight": true, "uppercase": true},
       "variables": [{"key": "accent", "type": "color", "label": "Highlight colour",
                      "required": false, "default": "#FFD700"}]}'
