import json
import os

from renderowl_client import RenderowlClient

# The operator's master key creates a project (slug: 3–50 of a-z, 0-9, -).
admin = RenderowlClient(api_key=os.environ["RENDEROWL_MASTER_KEY"], base_url=os.environ["RENDEROWL_URL"])
project = admin.projects.create(slug=os.environ["SLUG"], name="Acme Studio")
print(json.dumps(project))
