#!/usr/bin/env bash
# Refresh the committed Scalar API reference bundle from the npm registry (pinned version).
set -euo pipefail
version="${1:-1.76.0}"
here="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "@scalar/api-reference@$version" >/dev/null && tar xzf scalar-api-reference-*.tgz)
cp "$tmp/package/dist/browser/standalone.js" "$here/renderowl/portal/static/vendor/scalar-api-reference.js"
sed -i "s/@scalar\/api-reference@[0-9.]*/@scalar\/api-reference@$version/" "$here/renderowl/portal/static/vendor/README.md"
echo "Scalar $version vendored"
