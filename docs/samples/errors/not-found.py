import json
import os

from renderowl_client import NotFoundError, RenderowlClient

client = RenderowlClient(api_key=os.environ["RENDEROWL_API_KEY"], base_url=os.environ["RENDEROWL_URL"])
# Errors are exceptions with the envelope's fields; branch on .code, not on the message.
try:
    client.renders.get(os.environ["PROJECT_ID"], "00000000-0000-4000-8000-000000000000")
except NotFoundError as err:
    print(json.dumps({"error": {"code": err.code, "message": err.message, "status": err.status,
                                "requestId": err.request_id}}))
