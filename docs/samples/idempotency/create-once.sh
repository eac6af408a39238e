# Send the same Idempotency-Key on a retry: the first answer is replayed, nothing is created twice.
key="upload-$(date +%s)-$$"
for attempt in 1 2; do
  curl -sS -D "headers-$attempt.txt" -o "body-$attempt.json" -X POST \
    "$RENDEROWL_URL/api/v1/projects/$PROJECT_ID/assets" \
    -H "Authorization: Bearer $RENDEROWL_API_KEY" -H "Content-Type: application/json" \
    -H "Idempotency-Key: $key" \
    -d '{"name": "retried.mp4", "type": "video", "mimeType": "video/mp4", "sizeBytes": 1024}'
done
python3 - <<'PY'
import json
first, second = (json.load(open("body-%d.json" % n)) for n in (1, 2))
replayed = "idempotent-replayed: true" in open("headers-2.txt").read().lower()
print(json.dumps({"sameAsset": first["asset"]["id"] == second["asset"]["id"], "replayed": replayed}))
PY
