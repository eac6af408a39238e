import json
import os

from renderowl_client import RenderowlClient

client = RenderowlClient(api_key=os.environ["RENDEROWL_API_KEY"], base_url=os.environ["RENDEROWL_URL"])
# When our webhook endpoint is called, render the posted text onto the posted asset.
# The answer carries trigger.endpoint and (only now) trigger.secret.
automation = client.automations.create(
    os.environ["PROJECT_ID"],
    name="Caption on demand",
    trigger={"type": "webhook"},
    actions=[{"type": "render",
              "video": {"type": "asset", "assetId": "{{trigger.assetId}}"},
              "captions": [{"start": 0, "end": 1.5, "text": "{{trigger.text}}"}]}],
)
print(json.dumps(automation))
