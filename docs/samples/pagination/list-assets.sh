# Walk every page: pass `nextCursor` back as `cursor` until `hasMore` is false.
cursor=""; count=0
while :; do
  page=$(curl -sS "$RENDEROWL_URL/api/v1/projects/$PROJECT_ID/assets?limit=20${cursor:+&cursor=$cursor}" \
    -H "Authorization: Bearer $RENDEROWL_API_KEY")
  count=$((count + $(printf '%s' "$page" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]))')))
  cursor=$(printf '%s' "$page" | python3 -c 'import json,sys; print(json.load(sys.stdin)["nextCursor"] or "")')
  [ -n "$cursor" ] || break
done
echo "{\"assets\": $count}"
