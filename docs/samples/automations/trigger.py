import json
import os

import requests

# The public trigger needs no API key: the automation's secret, as a bearer token (or a
# Renderowl-Signature made with it). Answer: 202 {"runId": ...}.
response = requests.post(
    "%s/webhooks/automations/%s" % (os.environ["RENDEROWL_URL"], os.environ["AUTOMATION_ENDPOINT"]),
    headers={"Authorization": "Bearer " + os.environ["AUTOMATION_SECRET"]},
    json={"assetId": os.environ["ASSET_ID"], "text": "Triggered from outside"},
    timeout=30,
)
response.raise_for_status()
print(json.dumps(response.json()))
