/*
 * An alert's area in the compose form: places of the gazetteer found by name or ISTAT code (GET /api/v1/places, each
 * with the towns a geocode of it reaches), a polygon or circle drawn on a plain SVG map of the directory's towns or
 * typed in CAP's form, and the list of towns it all reaches. No map tiles: the map is drawn from the directory alone.
 */
'use strict';

(() => {
  const B = window.Banditore;
  const t = (key, vars) => B.t(key, vars);
  const $ = (id) => document.getElementById(id);
  const ui = () => B.session;
  const directoryEntry = (id) => B.preview.directoryEntry(id);
  let draft = null;
  let changed = () => {};
  let searchTimer = null;
  let suggestions = [];
  let drawing = null; // { kind: 'polygon', points: [] } or { kind: 'circle', centre }

  /** Places copied from an alert carry only their code: their names and towns come from the gazetteer. */
  async function resolvePlaces() {
    for (const place of draft.places) {
      if (place.targets) continue;
      try {
        Object.assign(place, await ui().getJson('/api/v1/places/' + encodeURIComponent(place.code)));
      } catch (e) {
        place.targets = [];
      }
    }
    renderPlaces();
    changed();
  }

  async function searchPlaces(text) {
    const list = $('c-place-list');
    if (text.trim().length < 2) {
      closeSuggestions();
      return;
    }
    try {
      suggestions = await ui().getJson('/api/v1/places?limit=12&q=' + encodeURIComponent(text.trim()));
    } catch (e) {
      suggestions = [];
    }
    list.replaceChildren(...suggestions.map((p, i) => ui().el('li', {
      id: 'place-option-' + i, role: 'option', 'aria-selected': 'false', className: 'suggestion', 'data-code': p.code,
      textContent: t('placeOption', { name: p.name, kind: t('kind.' + p.kind), code: p.code, within: p.within, n: p.targets.length }),
    })));
    if (suggestions.length === 0) list.append(ui().el('li', { className: 'suggestion none', role: 'option', 'aria-disabled': 'true', textContent: t('noPlaces') }));
    list.hidden = false;
    $('c-place').setAttribute('aria-expanded', 'true');
    $('c-place').removeAttribute('aria-activedescendant');
  }

  function closeSuggestions() {
    $('c-place-list').hidden = true;
    $('c-place').setAttribute('aria-expanded', 'false');
    $('c-place').removeAttribute('aria-activedescendant');
  }

  function moveSuggestion(step) {
    const options = [...$('c-place-list').querySelectorAll('[data-code]')];
    if (options.length === 0) return;
    const current = options.findIndex((o) => o.getAttribute('aria-selected') === 'true');
    const next = (current + step + options.length) % options.length;
    options.forEach((o, i) => o.setAttribute('aria-selected', String(i === next)));
    $('c-place').setAttribute('aria-activedescendant', options[next].id);
    options[next].scrollIntoView({ block: 'nearest' });
  }

  function choosePlace(code) {
    const place = suggestions.find((p) => p.code === code);
    if (!place) return;
    if (!draft.places.some((p) => p.code === code)) draft.places.push(place);
    if (!$('c-areaDesc').value.trim()) $('c-areaDesc').value = t('areaName.' + place.kind, { name: place.name });
    $('c-place').value = '';
    closeSuggestions();
    renderPlaces();
    changed();
    ui().announce(t('placeAdded', { name: place.name, n: place.targets.length }));
  }

  function renderPlaces() {
    const el = ui().el;
    $('c-places').replaceChildren(...draft.places.map((p) => {
      const remove = el('button', { type: 'button', className: 'link', textContent: t('remove'), 'aria-label': t('removePlace', { name: p.name }) });
      remove.addEventListener('click', () => {
        draft.places = draft.places.filter((x) => x.code !== p.code);
        renderPlaces();
        changed();
        $('c-place').focus();
      });
      return el('li', { className: 'chip place' }, el('span', { textContent: (p.kind ? t('kind.' + p.kind) + ' ' : '') + p.name + ' (' + p.code + ')' }), remove);
    }));
  }

  const parsePoint = (pair) => {
    const [lat, lon] = pair.split(',').map(Number);
    return Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null;
  };

  function shapes() {
    const polygon = ($('c-polygon').value.trim() ? $('c-polygon').value.trim().split(/\s+/).map(parsePoint) : []);
    const circleParts = $('c-circle').value.trim().split(/\s+/);
    const centre = circleParts.length === 2 ? parsePoint(circleParts[0]) : null;
    const radius = centre ? Number(circleParts[1]) : NaN;
    return {
      polygon: polygon.length >= 3 && polygon.every(Boolean) ? polygon : null,
      circle: centre && Number.isFinite(radius) ? { ...centre, radius } : null,
    };
  }

  function inside(point, ring) {
    let yes = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i];
      const b = ring[j];
      if ((a.lat > point.lat) !== (b.lat > point.lat) && point.lon < ((b.lon - a.lon) * (point.lat - a.lat)) / (b.lat - a.lat) + a.lon) yes = !yes;
    }
    return yes;
  }

  function km(a, b) {
    const rad = Math.PI / 180;
    const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
    return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
  }

  /** The towns the area reaches, as the router decides for geocodes (the places' own lists) and shapes (coordinates). */
  function reached() {
    const ids = new Set(draft.places.flatMap((p) => p.targets || []));
    const { polygon, circle } = shapes();
    for (const entry of ui().directory()) {
      const at = entry.target && entry.target.coordinates;
      if (!at) continue;
      if ((polygon && inside(at, polygon)) || (circle && km(circle, at) <= circle.radius)) ids.add(entry.id);
    }
    return ids;
  }

  function renderReach() {
    const el = ui().el;
    const ids = [...reached()];
    const practice = draft.status !== 'Actual';
    $('reach-summary').textContent = ids.length === 0 ? t('reachNone') : t('reachSome', { n: ids.length });
    $('reach-list').replaceChildren(...ids.sort((a, b) => ui().townName(a).localeCompare(ui().townName(b))).map((id) => {
      const entry = directoryEntry(id);
      const target = (entry && entry.target) || {};
      const channels = Object.keys(target.channels || {}).map((c) => t('channel.' + c)).join(', ');
      const note = practice && !target.acceptsTests ? ' · ' + t('noTests') : '';
      return el('li', { className: practice && !target.acceptsTests ? 'skipped' : '', textContent: ui().townName(id) + ' — ' + (channels || t('noChannels')) + note });
    }));
  }

  // The map: the directory's towns with coordinates, projected into the SVG; no tiles, nothing fetched.
  let projection = null;
  const SVG = 'http://www.w3.org/2000/svg';
  const svg = (tag, attrs) => {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  };

  function makeProjection(points) {
    let [minLat, maxLat, minLon, maxLon] = [36.5, 47.2, 6.5, 18.6]; // Italy, when there are too few towns to frame
    if (points.length >= 2) {
      minLat = Math.min(...points.map((p) => p.lat));
      maxLat = Math.max(...points.map((p) => p.lat));
      minLon = Math.min(...points.map((p) => p.lon));
      maxLon = Math.max(...points.map((p) => p.lon));
      const padLat = Math.max((maxLat - minLat) * 0.25, 0.1);
      const padLon = Math.max((maxLon - minLon) * 0.25, 0.1);
      [minLat, maxLat, minLon, maxLon] = [minLat - padLat, maxLat + padLat, minLon - padLon, maxLon + padLon];
    }
    const k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
    const scale = Math.min(600 / ((maxLon - minLon) * k), 400 / (maxLat - minLat));
    const ox = (600 - (maxLon - minLon) * k * scale) / 2;
    const oy = (400 - (maxLat - minLat) * scale) / 2;
    return {
      xy: (p) => ({ x: ox + (p.lon - minLon) * k * scale, y: oy + (maxLat - p.lat) * scale }),
      latLon: (x, y) => ({ lat: maxLat - (y - oy) / scale, lon: minLon + (x - ox) / (k * scale) }),
      // A degree of latitude is 111.32 km, and the map keeps latitude undistorted.
      kmToPx: (d) => (d / 111.32) * scale,
    };
  }

  function drawMap() {
    const map = $('map');
    if (!map || $('compose').hidden) return;
    const towns = ui().directory().filter((e) => e.target && e.target.coordinates);
    projection = makeProjection(towns.map((e) => e.target.coordinates));
    const hits = reached();
    const { polygon, circle } = shapes();
    const nodes = [svg('title', { id: 'map-title' })];
    nodes[0].textContent = t('mapTitle', { n: towns.length, reached: towns.filter((e) => hits.has(e.id)).length });
    nodes.push(svg('rect', { x: 0, y: 0, width: 600, height: 400, class: 'sea' }));
    if (polygon) nodes.push(svg('polygon', { class: 'shape', points: polygon.map((p) => { const q = projection.xy(p); return q.x + ',' + q.y; }).join(' ') }));
    if (circle) {
      const c = projection.xy(circle);
      nodes.push(svg('circle', { class: 'shape', cx: c.x, cy: c.y, r: Math.max(projection.kmToPx(circle.radius), 1) }));
    }
    if (drawing && drawing.kind === 'polygon' && drawing.points.length) {
      nodes.push(svg('polyline', { class: 'drawing', points: drawing.points.map((p) => { const q = projection.xy(p); return q.x + ',' + q.y; }).join(' ') }));
    }
    for (const entry of towns) {
      const q = projection.xy(entry.target.coordinates);
      const hit = hits.has(entry.id);
      nodes.push(svg('circle', { cx: q.x, cy: q.y, r: hit ? 7 : 5, class: 'town' + (hit ? ' hit' : '') }));
      const label = svg('text', { x: q.x + 9, y: q.y + 4, class: 'label' + (hit ? ' hit' : '') });
      label.textContent = (entry.target.name || entry.id).replace(/^(Comune di|Città di) /, '');
      nodes.push(label);
    }
    map.replaceChildren(...nodes);
  }

  function mapPoint(event) {
    const box = $('map').getBoundingClientRect();
    return projection.latLon(((event.clientX - box.left) / box.width) * 600, ((event.clientY - box.top) / box.height) * 400);
  }

  const fixed = (n) => (Math.round(n * 10000) / 10000).toString();
  const pair = (p) => fixed(p.lat) + ',' + fixed(p.lon);

  function setDrawing(kind) {
    drawing = kind ? { kind, points: [] } : null;
    $('draw-polygon').setAttribute('aria-pressed', String(kind === 'polygon'));
    $('draw-circle').setAttribute('aria-pressed', String(kind === 'circle'));
    $('draw-finish').hidden = kind !== 'polygon';
    $('draw-help').textContent = kind ? t('drawHelp.' + kind) : '';
    $('map').classList.toggle('drawing', Boolean(kind));
    drawMap();
  }

  function mapClick(event) {
    if (!drawing || !projection) return;
    const point = mapPoint(event);
    if (drawing.kind === 'polygon') {
      drawing.points.push(point);
      $('draw-help').textContent = t('drawPoints', { n: drawing.points.length });
      drawMap();
    } else if (!drawing.centre) {
      drawing.centre = point;
      $('draw-help').textContent = t('drawRadius');
    } else {
      $('c-circle').value = pair(drawing.centre) + ' ' + (Math.round(km(drawing.centre, point) * 10) / 10);
      setDrawing(null);
      changed();
    }
  }

  function finishPolygon() {
    if (!drawing || drawing.points.length < 3) {
      $('draw-help').textContent = t('drawTooFew');
      return;
    }
    const ring = [...drawing.points, drawing.points[0]];
    $('c-polygon').value = ring.map(pair).join(' ');
    setDrawing(null);
    changed();
  }


  B.area = {
    /** Binds the area to the compose form's draft; {@code onChange} saves it and redraws what depends on it. */
    bind(theDraft, onChange) {
      draft = theDraft;
      changed = onChange;
    },
    resolvePlaces, renderPlaces, renderReach, drawMap,
  };

  document.addEventListener('DOMContentLoaded', () => {
    $('c-place').setAttribute('aria-describedby', 'c-place-help c-geocode-error');
    $('c-place').addEventListener('input', () => {
      clearTimeout(searchTimer);
      const text = $('c-place').value;
      searchTimer = setTimeout(() => searchPlaces(text), 200);
    });
    $('c-place').addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') { event.preventDefault(); moveSuggestion(1); }
      if (event.key === 'ArrowUp') { event.preventDefault(); moveSuggestion(-1); }
      if (event.key === 'Escape') closeSuggestions();
      if (event.key === 'Enter') {
        event.preventDefault();
        const active = $('c-place-list').querySelector('[aria-selected="true"]') || $('c-place-list').querySelector('[data-code]');
        if (active && !$('c-place-list').hidden) choosePlace(active.dataset.code);
      }
    });
    $('c-place-list').addEventListener('click', (event) => {
      const option = event.target.closest('[data-code]');
      if (option) choosePlace(option.dataset.code);
    });
    $('draw-polygon').addEventListener('click', () => setDrawing(drawing && drawing.kind === 'polygon' ? null : 'polygon'));
    $('draw-circle').addEventListener('click', () => setDrawing(drawing && drawing.kind === 'circle' ? null : 'circle'));
    $('draw-finish').addEventListener('click', finishPolygon);
    $('draw-clear').addEventListener('click', () => {
      $('c-polygon').value = '';
      $('c-circle').value = '';
      setDrawing(null);
      changed();
    });
    $('map').addEventListener('click', mapClick);
  });
})();
