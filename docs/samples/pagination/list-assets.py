import json
import os

from renderowl_client import RenderowlClient

client = RenderowlClient(api_key=os.environ["RENDEROWL_API_KEY"], base_url=os.environ["RENDEROWL_URL"])
# Iterating walks every page (20 at a time here); .page() fetches a single one.
count = sum(1 for _asset in client.assets.list(os.environ["PROJECT_ID"], limit=20))
first = client.assets.list(os.environ["PROJECT_ID"], type="video").page()
print(json.dumps({"assets": count, "firstPageHasMore": first.has_more}))
