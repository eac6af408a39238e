import json
import os

from renderowl_client import RenderowlClient

client = RenderowlClient(api_key=os.environ["RENDEROWL_API_KEY"], base_url=os.environ["RENDEROWL_URL"])
# Validate and resolve without queuing: the merged job, estimated minutes and caption warnings.
resolved = client.renders.dry_run(
    os.environ["PROJECT_ID"],
    video={"type": "asset", "assetId": os.environ["ASSET_ID"]},
    captions={"srt": "1\n00:00:00,000 --> 00:00:01,500\nHello from an SRT file\n"},
)
print(json.dumps(resolved))
