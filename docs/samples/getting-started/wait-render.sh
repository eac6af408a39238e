# Poll the job until it ends; `output.url` is a signed link to the MP4.
for _ in $(seq 120); do
  job=$(curl -sS "$RENDEROWL_URL/api/v1/projects/$PROJECT_ID/renders/$JOB_ID" \
    -H "Authorization: Bearer $RENDEROWL_API_KEY")
  status=$(printf '%s' "$job" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  case "$status" in completed|failed|cancelled) break ;; esac
  sleep 1
done
echo "$job"
