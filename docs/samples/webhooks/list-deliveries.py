import json
import os

from renderowl_client import RenderowlClient

admin = RenderowlClient(api_key=os.environ["RENDEROWL_MASTER_KEY"], base_url=os.environ["RENDEROWL_URL"])
# Every delivery attempt: event, URL, status code, error, duration, attempt number.
page = admin.webhook_deliveries.list(os.environ["PROJECT_ID"], limit=5).page()
print(json.dumps({"data": page.data, "hasMore": page.has_more}))
