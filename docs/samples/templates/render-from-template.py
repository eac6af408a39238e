import json
import os

from renderowl_client import RenderowlClient

client = RenderowlClient(api_key=os.environ["RENDEROWL_API_KEY"], base_url=os.environ["RENDEROWL_URL"])
# Render with the template; variables given here override its defaults.
job = client.renders.submit(
    os.environ["PROJECT_ID"],
    templateId=os.environ["TEMPLATE_ID"],
    templateVariables={"accent": "#00E5FF"},
    video={"type": "asset", "assetId": os.environ["ASSET_ID"]},
    captions=[{"start": 0, "end": 1.5, "text": "Styled by a template"}],
)
print(json.dumps(job))
