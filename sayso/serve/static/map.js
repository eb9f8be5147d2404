// sayso's map: Leaflet with no tile server. Country outlines come from world-atlas (Natural Earth,
// served by this server); places come from /api/places with the page's filters, each linking to
// the ledger by its place id. Names are set as text, never as HTML.
(function () {
  "use strict";
  var box = document.getElementById("map");
  if (!box || !window.L || !window.topojson) { return; }
  var map = L.map(box, {worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5}).setView([25, 20], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Countries: Natural Earth · Leaflet");

  // A ring that crosses the antimeridian jumps from 180 to -180; keep it continuous instead, so
  // no polygon edge runs across the whole world.
  function unwrap(ring) {
    for (var i = 1; i < ring.length; i++) {
      while (ring[i][0] - ring[i - 1][0] > 180) { ring[i][0] -= 360; }
      while (ring[i][0] - ring[i - 1][0] < -180) { ring[i][0] += 360; }
    }
  }

  function polygons(geometry) {
    if (!geometry) { return []; }
    return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  }

  function outline(topo) {
    var countries = topojson.feature(topo, topo.objects.countries);
    countries.features.forEach(function (f) {
      polygons(f.geometry).forEach(function (polygon) { polygon.forEach(unwrap); });
    });
    L.geoJSON(countries, {interactive: false, style: {color: "#8d9a92", weight: 0.7, fillColor: "#dde3d6", fillOpacity: 1}})
      .addTo(map).bringToBack();
    box.setAttribute("data-countries-drawn", String(countries.features.length));
  }

  function label(p) {
    var span = document.createElement("span");
    span.textContent = p.name + (p.country ? ", " + p.country : "") + ": " + p.count + " event" + (p.count === 1 ? "" : "s");
    return span;
  }

  function link(p) {
    var base = box.getAttribute("data-ledger");
    return base + (base.indexOf("?") < 0 ? "?" : "&") + "place_id=" + encodeURIComponent(p.id);
  }

  function places(data) {
    var top = 1, group = L.featureGroup();
    data.places.forEach(function (p) { top = Math.max(top, p.count); });
    data.places.forEach(function (p) {
      var dot = L.circleMarker([p.lat, p.lon], {radius: 4 + 10 * Math.sqrt(p.count / top), color: "#7a0f0f",
        weight: 1, fillColor: "#cc2828", fillOpacity: 0.65, className: "place-dot"});
      dot.bindTooltip(label(p));
      dot.on("click", function () { window.location.href = link(p); });
      group.addLayer(dot);
    });
    group.addTo(map);
    if (data.places.length) { map.fitBounds(group.getBounds().pad(0.4), {maxZoom: 6}); }
    box.setAttribute("data-places-drawn", String(data.places.length));
  }

  fetch(box.getAttribute("data-countries")).then(function (r) { return r.json(); }).then(outline);
  fetch(box.getAttribute("data-places")).then(function (r) { return r.json(); }).then(places);
}());
