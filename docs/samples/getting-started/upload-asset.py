import json
import os

from renderowl_client import RenderowlClient

client = RenderowlClient(api_key=os.environ["RENDEROWL_API_KEY"], base_url=os.environ["RENDEROWL_URL"])
# Declare the asset, PUT the bytes to the signed URL, complete, and wait until it is probed.
asset = client.assets.upload(os.environ["PROJECT_ID"], os.environ["VIDEO_FILE"], name="clip.mp4",
                             type="video", mime_type="video/mp4", wait=True)
print(json.dumps(asset))  # status "ready" (or "failed", with error)
