import json
import os

from renderowl_client import RenderowlClient

client = RenderowlClient(api_key=os.environ["RENDEROWL_API_KEY"], base_url=os.environ["RENDEROWL_URL"])
# Poll until the job ends; output.url is a signed link to the MP4.
job = client.renders.wait_for(os.environ["PROJECT_ID"], os.environ["JOB_ID"], timeout=120,
                              on_progress=lambda j: None)  # j["progress"] goes from 0 to 1
print(json.dumps(job))
