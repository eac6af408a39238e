import json
import os

from renderowl_client import RenderowlClient

client = RenderowlClient(api_key=os.environ["RENDEROWL_API_KEY"], base_url=os.environ["RENDEROWL_URL"])
# Burn captions into the uploaded video: the answer is the queued job, already resolved.
job = client.renders.submit(
    os.environ["PROJECT_ID"],
    video={"type": "asset", "assetId": os.environ["ASSET_ID"]},
    captions=[{"start": 0, "end": 1.5, "text": "Hello from Renderowl"}],
    style={"position": "bottom", "wordHighlight": True},
)
print(json.dumps(job))
