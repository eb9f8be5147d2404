#!/usr/bin/env bash
# The map page's libraries, from the npm registry, into sayso/serve/static/vendor/ (git-ignored):
# Leaflet (zoom and pan), topojson-client, and world-atlas (Natural Earth country outlines).
# Nothing is fetched when the server runs: it serves these files itself.
#   bash scripts/serve_assets.sh        # (scripts/install.sh runs it when npm is there)
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(leaflet@1.9.4 topojson-client@3.1.0 world-atlas@2.0.2)
vendor=sayso/serve/static/vendor
work=.cache/serve-assets
if ! command -v npm >/dev/null; then
    echo "serve_assets: npm is missing (apt-get install npm); the map page will say so" >&2
    exit 0
fi
mkdir -p "$work"
[ -f "$work/package.json" ] || echo '{"private": true}' > "$work/package.json"
npm install --prefix "$work" --no-audit --no-fund --silent --save-exact "${packages[@]}" >/dev/null
modules="$work/node_modules"
rm -rf "$vendor.new" && mkdir -p "$vendor.new/leaflet" "$vendor.new/world-atlas"
cp "$modules/leaflet/dist/leaflet.js" "$modules/leaflet/dist/leaflet.css" "$modules/leaflet/LICENSE" "$vendor.new/leaflet/"
cp -r "$modules/leaflet/dist/images" "$vendor.new/leaflet/"
cp "$modules/topojson-client/dist/topojson-client.min.js" "$vendor.new/"
cp "$modules/topojson-client/LICENSE" "$vendor.new/topojson-client.LICENSE"
cp "$modules/world-atlas/countries-50m.json" "$modules/world-atlas/LICENSE" "$vendor.new/world-atlas/"
rm -rf "$vendor" && mv "$vendor.new" "$vendor"
echo "serve_assets: ${packages[*]} in $vendor" >&2
