"""The map page's third-party files: installed from the npm registry by scripts/serve_assets.sh
into static/vendor/ (Leaflet, topojson-client, world-atlas's Natural Earth countries); served by
this server, never fetched from elsewhere at run time."""
from __future__ import annotations

from pathlib import Path

VENDOR = Path(__file__).parent / "static" / "vendor"
FILES = ("leaflet/leaflet.js", "leaflet/leaflet.css", "topojson-client.min.js", "world-atlas/countries-50m.json")


def installed() -> bool:
    """Whether every file the map needs is there."""
    return all((VENDOR / name).is_file() for name in FILES)
