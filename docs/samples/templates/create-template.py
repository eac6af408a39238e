import json
import os

from renderowl_client import RenderowlClient

client = RenderowlClient(api_key=os.environ["RENDEROWL_API_KEY"], base_url=os.environ["RENDEROWL_URL"])
# A caption style with typed variables; "{{accent}}" takes the variable's value at render time.
template = client.templates.create(
    os.environ["PROJECT_ID"],
    name="Bold highlight",
    style={"fontSize": 48, "textColor": "#FFFFFF", "highlightColor": "{{accent}}",
           "position": "bottom", "wordHighlight": True, "uppercase": True},
    variables=[{"key": "accent", "type": "color", "label": "Highlight colour",
                "required": False, "default": "#FFD700"}],
)
print(json.dumps(template))
