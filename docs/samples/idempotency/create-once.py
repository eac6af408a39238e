import json
import os
import uuid

from renderowl_client import RenderowlClient

client = RenderowlClient(api_key=os.environ["RENDEROWL_API_KEY"], base_url=os.environ["RENDEROWL_URL"])
# The client sends one Idempotency-Key per create and reuses it on its own retries; pass your
# own to make a retry across restarts of your program safe too.
key = str(uuid.uuid4())
body = {"name": "retried.mp4", "type": "video", "mimeType": "video/mp4", "sizeBytes": 1024}
first = client.assets.create(os.environ["PROJECT_ID"], body, idempotency_key=key)
second = client.assets.create(os.environ["PROJECT_ID"], body, idempotency_key=key)
print(json.dumps({"sameAsset": first["asset"]["id"] == second["asset"]["id"]}))  # one asset, not two
