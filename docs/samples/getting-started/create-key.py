import json
import os

from renderowl_client import RenderowlClient

admin = RenderowlClient(api_key=os.environ["RENDEROWL_MASTER_KEY"], base_url=os.environ["RENDEROWL_URL"])
# A project key with every scope (leave out scopes); the full key is shown only in this answer.
key = admin.api_keys.create(os.environ["PROJECT_ID"], name="backend")
print(json.dumps(key))
