import json
import os

from renderowl_client import RenderowlClient

admin = RenderowlClient(api_key=os.environ["RENDEROWL_MASTER_KEY"], base_url=os.environ["RENDEROWL_URL"])
# Where the project's events go; settings are merged, not replaced.
project = admin.projects.update(os.environ["PROJECT_ID"], settings={"webhookUrl": os.environ["WEBHOOK_URL"]})
print(json.dumps(project))
