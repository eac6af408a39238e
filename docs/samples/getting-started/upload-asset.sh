# 1. Declare the asset: the answer holds a signed URL to PUT the bytes to (valid 15 minutes).
size=$(wc -c < "$VIDEO_FILE" | tr -d ' ')
created=$(curl -sS -X POST "$RENDEROWL_URL/api/v1/projects/$PROJECT_ID/assets" \
  -H "Authorization: Bearer $RENDEROWL_API_KEY" -H "Content-Type: application/json" \
  -d "{\"name\": \"clip.mp4\", \"type\": \"video\", \"mimeType\": \"video/mp4\", \"sizeBytes\": $size}")
asset_id=$(printf '%s' "$created" | python3 -c 'import json,sys; print(json.load(sys.stdin)["asset"]["id"])')
upload_url=$(printf '%s' "$created" | python3 -c 'import json,sys; print(json.load(sys.stdin)["uploadUrl"])')

# 2. Upload straight to storage, then say you are done (local storage completes by itself;
#    on S3 this call is what starts processing — it is harmless to make it either way).
curl -sS -X PUT "$upload_url" -H "Content-Type: video/mp4" --data-binary @"$VIDEO_FILE" > /dev/null
curl -sS -o /dev/null -X POST "$RENDEROWL_URL/api/v1/projects/$PROJECT_ID/assets/$asset_id/complete" \
  -H "Authorization: Bearer $RENDEROWL_API_KEY"

# 3. Wait until it is probed: `ready` (or `failed`, with `error`).
for _ in $(seq 60); do
  asset=$(curl -sS "$RENDEROWL_URL/api/v1/projects/$PROJECT_ID/assets/$asset_id" \
    -H "Authorization: Bearer $RENDEROWL_API_KEY")
  status=$(printf '%s' "$asset" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  [ "$status" = ready ] || [ "$status" = failed ] && break
  sleep 1
done
echo "$asset"
