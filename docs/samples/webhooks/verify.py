import json
import os

from renderowl_client import construct_event, verify_webhook

# In a web app: raw = request.get_data(); signature = request.headers["Renderowl-Signature"].
# Verify the RAW bytes (before JSON parsing) with the whole whsec_ secret.
raw = open(os.environ["WEBHOOK_BODY_FILE"], "rb").read()
signature = os.environ["WEBHOOK_SIGNATURE"]
secret = os.environ["WEBHOOK_SECRET"]

valid = verify_webhook(raw, signature, secret)   # True/False; 300 s tolerance by default
event = construct_event(raw, signature, secret)  # verifies, then parses; raises if invalid
print(json.dumps({"valid": valid, "type": event["type"]}))
