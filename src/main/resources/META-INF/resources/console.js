/*
 * Banditore's operators' console, in the same page as the delivery board: compose an alert (from a template), choose
 * its area (places of the gazetteer, or a polygon or circle drawn on a map of the towns), preview what every channel
 * will post in every town, submit; review what waits for approval, approve or reject; update or withdraw an alert.
 *
 * The alert the form builds is CAP 1.2 in its JSON form, exactly what POST /api/v1/alerts takes. The draft is kept
 * in sessionStorage (this tab) until it is submitted, so a reload or an expired token loses nothing. The service is
 * the judge: its refusals (problem+json, one JSON pointer per field) are shown next to the fields they name.
 * Everything from the service is written with textContent, never innerHTML.
 */
'use strict';

(() => {
  const B = window.Banditore;
  const t = (key, vars) => B.t(key, vars);
  const $ = (id) => document.getElementById(id);
  const DRAFT_KEY = 'banditore.draft';
  const CATEGORIES = ['Met', 'Geo', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'];
  const URGENCY = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'];
  const SEVERITY = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'];
  const CERTAINTY = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'];
  const COLOURS = ['gialla', 'arancione', 'rossa'];
  const CHANNELS = ['telegram', 'x', 'shortvideo'];
  /** Each platform's limit for one part: Telegram's message, X's weighted post, TikTok's caption. */
  const LIMITS = { telegram: 4096, x: 280, shortvideo: 2200 };
  const TEMPLATE_ORDER = ['arancione', 'gialla', 'rossa', 'dam', 'nuclear', 'industrial', 'volcanic', 'tsunami', 'rainfall', 'blank'];
  /** The form's fields and where a problem+json pointer below /info/N names them. */
  const TEXT_FIELDS = ['identifier', 'sender', 'senderName', 'event', 'category', 'colour', 'urgency', 'severity', 'certainty',
    'headline', 'description', 'instruction', 'web', 'onset', 'expires', 'headlineEn', 'descriptionEn', 'instructionEn',
    'areaDesc', 'polygon', 'circle'];
  const FIELD_IDS = { headlineEn: 'c-headline-en', descriptionEn: 'c-description-en', instructionEn: 'c-instruction-en' };
  const fieldId = (name) => FIELD_IDS[name] || 'c-' + name;

  const draft = emptyDraft();
  let previewedKey = null;
  let searchTimer = null;
  let suggestions = [];
  let drawing = null; // { kind: 'polygon', points: [] } or { kind: 'circle', centre }
  let reviewTimer = null;
  const ui = () => B.session;

  function emptyDraft() {
    return { msgType: 'Alert', references: null, of: null, status: 'Actual', english: false, places: [], fields: {} };
  }

  // --- Views ---------------------------------------------------------------------------------------------------

  function route() {
    if (!ui().token) return;
    const wanted = (location.hash || '#board').slice(1);
    const view = (wanted === 'compose' && ui().has('operator')) ? 'compose'
      : (wanted === 'review' && (ui().has('approver') || ui().has('operator'))) ? 'review' : 'board';
    $('main').hidden = view !== 'board';
    $('compose').hidden = view !== 'compose';
    $('review').hidden = view !== 'review';
    for (const name of ['board', 'compose', 'review']) {
      const link = $('nav-' + name);
      if (name === view) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    if (view === 'compose') showCompose();
    if (view === 'review') loadQueue();
  }

  function go(view) {
    if (location.hash === '#' + view) route();
    else location.hash = view;
    const heading = view === 'compose' ? $('compose-title') : view === 'review' ? $('review-title') : null;
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }

  // After every DOMContentLoaded handler: the board signs in from its own, before this file's has filled the form.
  document.addEventListener('banditore:signed-in', () => setTimeout(signedIn, 0));
  document.addEventListener('banditore:directory', () => {
    if (shown) changed(false);
  });

  function signedIn() {
    if (!ui().token) return;
    $('views').hidden = false;
    $('nav-compose').hidden = !ui().has('operator');
    $('nav-review').hidden = !(ui().has('approver') || ui().has('operator'));
    route();
    clearInterval(reviewTimer);
    reviewTimer = setInterval(() => loadQueue(true), 10000);
    loadQueue(true);
  }

  document.addEventListener('banditore:signed-out', () => {
    $('views').hidden = true;
    $('compose').hidden = true;
    $('review').hidden = true;
    clearInterval(reviewTimer);
  });

  // --- The form and its draft ----------------------------------------------------------------------------------

  function fillSelects() {
    const options = (select, values, prefix, blankKey) => {
      const current = select.value;
      select.replaceChildren(ui().el('option', { value: '', textContent: t(blankKey) }),
        ...values.map((v) => ui().el('option', { value: v, textContent: t(prefix + v) })));
      select.value = current;
    };
    options($('c-category'), CATEGORIES, 'category.', 'choose');
    options($('c-colour'), COLOURS, 'colour.', 'noColour');
    options($('c-urgency'), URGENCY, 'urgency.', 'choose');
    options($('c-severity'), SEVERITY, 'severity.', 'choose');
    options($('c-certainty'), CERTAINTY, 'certainty.', 'choose');
    const template = $('template');
    const chosen = template.value || 'arancione';
    template.replaceChildren(...TEMPLATE_ORDER.map((id) => ui().el('option', { value: id, textContent: t('template.' + id) })));
    template.value = chosen;
  }

  function readForm() {
    for (const name of TEXT_FIELDS) draft.fields[name] = $(fieldId(name)).value;
    draft.status = (document.querySelector('input[name=status]:checked') || {}).value || 'Actual';
    draft.english = $('c-english').checked;
  }

  function writeForm() {
    for (const name of TEXT_FIELDS) $(fieldId(name)).value = draft.fields[name] || '';
    for (const radio of document.querySelectorAll('input[name=status]')) {
      radio.checked = radio.value === draft.status;
      // An Update or Cancel keeps the status of what it refers to: an Exercise never touches an Actual alert.
      radio.disabled = draft.msgType !== 'Alert' && radio.value !== draft.status;
    }
    $('c-english').checked = draft.english;
    showContext();
    renderPlaces();
    changed(false);
  }

  function saveDraft() {
    readForm();
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  }

  function restoreDraft() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(DRAFT_KEY) || 'null');
      if (saved && saved.fields) {
        Object.assign(draft, emptyDraft(), saved);
        return true;
      }
    } catch (e) {
      // a draft this page cannot read is dropped
    }
    return false;
  }

  function newIdentifier() {
    const now = B.time.isoRome(new Date()).replace(/[-:]/g, '').slice(0, 15);
    const random = Array.from(crypto.getRandomValues(new Uint8Array(3)), (b) => b.toString(16).padStart(2, '0')).join('');
    return 'BAN-' + now + '-' + random;
  }

  function startNew() {
    Object.assign(draft, emptyDraft());
    draft.fields.identifier = newIdentifier();
    draft.fields.sender = sessionStorage.getItem('banditore.sender') || '';
    applyTemplate('arancione', true);
  }

  let shown = false;
  function showCompose() {
    if (!shown) {
      shown = true;
      if (!restoreDraft()) startNew();
      else writeForm();
    }
    drawMap();
  }

  /** Fills the form from a template, keeping identifier, sender and area; {@code fresh}: the draft is new, not the form. */
  function applyTemplate(id, fresh) {
    const tpl = B.TEMPLATES[id] || B.TEMPLATES.blank;
    if (!fresh) readForm();
    const f = draft.fields;
    Object.assign(f, {
      event: tpl.event, category: tpl.category, colour: tpl.colour || '', urgency: tpl.urgency, severity: tpl.severity,
      certainty: tpl.certainty, headline: tpl.it.headline || '', description: tpl.it.description || '', instruction: tpl.it.instruction || '',
      headlineEn: tpl.en.headline || '', descriptionEn: tpl.en.description || '', instructionEn: tpl.en.instruction || '',
      onset: '', expires: B.time.isoToLocal(new Date(Date.now() + tpl.hours * 3600000).toISOString()),
    });
    draft.english = Boolean(tpl.en.headline);
    writeForm();
    saveDraft();
  }

  function showContext() {
    const context = $('compose-context');
    const title = $('compose-title');
    if (draft.msgType === 'Alert') {
      title.textContent = t('composeTitle');
      context.hidden = true;
    } else {
      title.textContent = t(draft.msgType === 'Update' ? 'composeUpdate' : 'composeCancel');
      context.hidden = false;
      context.textContent = t(draft.msgType === 'Update' ? 'updateContext' : 'cancelContext',
        { headline: draft.of ? draft.of.headline : '', identifier: draft.of ? draft.of.identifier : '' });
    }
  }

  /** Something changed: the practice look, the English block, the towns reached, the draft, and the preview is stale. */
  function changed(save = true) {
    if (save) saveDraft();
    const practice = draft.status !== 'Actual';
    $('compose').classList.toggle('practice', practice);
    $('practice-banner').hidden = !practice;
    $('practice-text').textContent = practice ? t('practiceBanner.' + draft.status) : '';
    $('english-block').hidden = !draft.english;
    for (const id of ['c-onset', 'c-expires']) {
      const iso = B.time.localToIso($(id).value);
      $(id + '-zone').textContent = iso ? B.time.fullTime(iso) : t('zoneHint');
    }
    renderReach();
    drawMap();
  }

  // --- The alert the form makes ------------------------------------------------------------------------------

  const clean = (object) => {
    for (const [key, value] of Object.entries(object)) {
      if (value === '' || value === null || value === undefined || (Array.isArray(value) && value.length === 0)) delete object[key];
    }
    return object;
  };

  function buildAlert() {
    readForm();
    const f = draft.fields;
    const area = clean({
      areaDesc: f.areaDesc.trim(),
      geocode: draft.places.map((p) => ({ valueName: 'ISTAT', value: p.code })),
      polygon: f.polygon.trim() ? [f.polygon.trim()] : [],
      circle: f.circle.trim() ? [f.circle.trim()] : [],
    });
    const block = (language, headline, description, instruction) => clean({
      language, category: f.category ? [f.category] : [], event: f.event.trim(), urgency: f.urgency, severity: f.severity,
      certainty: f.certainty, senderName: f.senderName.trim(), headline: headline.trim(), description: description.trim(),
      instruction: instruction.trim(), web: f.web.trim(), onset: B.time.localToIso(f.onset), expires: B.time.localToIso(f.expires),
      parameter: f.colour ? [{ valueName: 'colore', value: f.colour }] : [], area: [area],
    });
    const info = [block('it-IT', f.headline, f.description, f.instruction)];
    if (draft.english) info.push(block('en-GB', f.headlineEn, f.descriptionEn, f.instructionEn));
    return clean({
      identifier: f.identifier.trim(), sender: f.sender.trim(), sent: B.time.isoRome(new Date()), status: draft.status,
      msgType: draft.msgType, scope: 'Public', references: draft.references, info,
    });
  }

  /** The alert without its sent time: what the person saw in the preview is what they submit. */
  const contentKey = (alert) => JSON.stringify({ ...alert, sent: null });

  // --- Refusals next to their fields ---------------------------------------------------------------------------

  function fieldFor(pointer) {
    const p = pointer || '';
    const english = /^\/info\/[1-9]/.test(p);
    const rest = p.replace(/^\/info\/\d+/, '');
    if (/^\/(identifier|sender|status)$/.test(p)) return p === '/status' ? 'c-status' : 'c-' + p.slice(1);
    if (!p.startsWith('/info')) return null;
    if (/^\/area\/\d+\/areaDesc/.test(rest) || rest === '/area') return 'c-areaDesc';
    if (/^\/area\/\d+\/polygon/.test(rest)) return 'c-polygon';
    if (/^\/area\/\d+\/circle/.test(rest)) return 'c-circle';
    if (/^\/area\/\d+\/geocode/.test(rest)) return 'c-geocode';
    if (rest.startsWith('/parameter')) return 'c-colour';
    const name = (rest.match(/^\/(\w+)/) || [])[1];
    if (!name) return null;
    if (english && ['headline', 'description', 'instruction'].includes(name)) return fieldId(name + 'En');
    return document.getElementById('c-' + name) ? 'c-' + name : null;
  }

  function clearErrors() {
    for (const node of document.querySelectorAll('#compose-form .field-error')) node.textContent = '';
    for (const node of document.querySelectorAll('#compose-form [aria-invalid]')) node.removeAttribute('aria-invalid');
    $('compose-summary').hidden = true;
    $('compose-summary').replaceChildren();
  }

  async function showRefusal(response) {
    let problem = {};
    try {
      problem = await response.json();
    } catch (e) {
      problem = { title: response.status + ' ' + response.statusText };
    }
    const errors = (problem.errors || []).slice();
    if (errors.length === 0 && response.status === 403 && /sender/i.test(problem.detail || '')) errors.push({ pointer: '/sender', detail: problem.detail });
    const items = [];
    for (const error of errors) {
      const id = fieldFor(error.pointer);
      const message = error.detail || '';
      if (id) {
        const slot = $(id + '-error');
        slot.textContent = slot.textContent ? slot.textContent + ' ' + message : message;
        const input = id === 'c-geocode' ? $('c-place') : id === 'c-status' ? null : $(id);
        if (input) input.setAttribute('aria-invalid', 'true');
      }
      const label = id && document.querySelector('label[for="' + (id === 'c-geocode' ? 'c-place' : id) + '"]');
      const item = ui().el('li', {}, id
        ? ui().el('a', { href: '#' + (id === 'c-geocode' ? 'c-place' : id === 'c-status' ? 'c-status' : id),
          textContent: (label ? label.textContent : error.pointer) + ': ' + message })
        : (error.pointer ? error.pointer + ': ' : '') + message);
      items.push(item);
    }
    const summary = $('compose-summary');
    summary.replaceChildren(ui().el('p', { className: 'title', textContent: problem.title || t('refused') }),
      problem.detail && !errors.length ? ui().el('p', { textContent: problem.detail }) : '',
      items.length ? ui().el('ul', {}, items) : '');
    summary.hidden = false;
    summary.focus();
  }

  // --- Preview -------------------------------------------------------------------------------------------------

  /** X's weighted length (twitter-text v3): URLs count 23, characters beyond Latin and common punctuation 2. */
  function xLength(text) {
    let length = 0;
    const withoutUrls = text.replace(/https?:\/\/\S+/g, () => {
      length += 23;
      return '';
    });
    for (const ch of withoutUrls) {
      const c = ch.codePointAt(0);
      const light = c <= 4351 || (c >= 8192 && c <= 8205) || (c >= 8208 && c <= 8223) || (c >= 8242 && c <= 8247);
      length += light ? 1 : 2;
    }
    return length;
  }

  /** A part's length as its platform counts it: Telegram after its HTML is parsed, X weighted, captions as written. */
  function partLength(channel, text) {
    if (channel === 'telegram') {
      const plain = text.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      return plain.length;
    }
    return channel === 'x' ? xLength(text) : text.length;
  }

  /**
   * A Telegram part as the chat shows it: Telegram's HTML subset becomes elements, built node by node (never
   * innerHTML), every other character stays text; a link shows its address rather than being followed.
   */
  function telegramText(text) {
    const root = document.createElement('pre');
    root.className = 'text';
    const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const tags = { b: 'b', strong: 'b', i: 'i', em: 'i', u: 'u', s: 's', code: 'code', a: 'span' };
    const stack = [root];
    let last = 0;
    const pattern = /<(\/?)(b|strong|i|em|u|s|code|a)(?:\s+href="([^"]*)")?>/g;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      stack[stack.length - 1].append(decode(text.slice(last, m.index)));
      last = pattern.lastIndex;
      if (m[1] && stack.length > 1) {
        const closed = stack.pop();
        if (closed.dataset.href) closed.append(' (' + closed.dataset.href + ')');
      } else if (!m[1]) {
        const node = document.createElement(tags[m[2]]);
        if (m[3]) node.dataset.href = decode(m[3]);
        stack[stack.length - 1].append(node);
        stack.push(node);
      }
    }
    stack[stack.length - 1].append(decode(text.slice(last)));
    return root;
  }

  function directoryEntry(id) {
    return ui().directory().find((e) => e.id === id);
  }

  /** Every town's channels: what each will post, part by part, or why not; the channels it has no account on. */
  function renderPreview(container, alert, previews) {
    const el = ui().el;
    const byTown = new Map();
    for (const p of previews) {
      if (!byTown.has(p.target)) byTown.set(p.target, []);
      byTown.get(p.target).push(p);
    }
    const posted = previews.filter((p) => p.wouldPublish);
    const parts = posted.reduce((n, p) => n + p.parts.length, 0);
    const skipped = previews.filter((p) => !p.wouldPublish).length;
    const summary = byTown.size === 0 ? t('previewNone')
      : t('previewSummary', { towns: byTown.size, parts, skipped, when: posted[0] ? t('when.' + (/approval/.test(posted[0].reason) ? 'approval' : 'now')) : '' });
    const towns = [...byTown.entries()].sort((a, b) => ui().townName(a[0]).localeCompare(ui().townName(b[0]))).map(([town, list]) => {
      const entry = directoryEntry(town);
      const accounts = entry && entry.target && entry.target.channels ? Object.keys(entry.target.channels) : list.map((p) => p.channel);
      const channels = CHANNELS.map((channel) => {
        const p = list.find((x) => x.channel === channel);
        if (!p) {
          return accounts.includes(channel) ? null : el('li', { className: 'channel-preview skipped', 'data-channel': channel },
            el('h5', { textContent: t('channel.' + channel) }), el('p', { className: 'why', textContent: t('noAccount', { channel: t('channel.' + channel) }) }));
        }
        if (!p.wouldPublish) {
          return el('li', { className: 'channel-preview skipped', 'data-channel': channel },
            el('h5', { textContent: t('channel.' + channel) }), el('p', { className: 'why', textContent: t('skippedBecause', { reason: p.reason }) }));
        }
        return el('li', { className: 'channel-preview', 'data-channel': channel },
          el('h5', { textContent: t('channel.' + channel) + ' · ' + t('nParts', { n: p.parts.length }) }),
          el('ol', { className: 'parts' }, p.parts.map((text, i) => {
            const length = partLength(channel, text);
            const over = length > LIMITS[channel];
            return el('li', { className: 'part' + (over ? ' over' : '') },
              el('p', { className: 'length', textContent: t('partLength', { i: i + 1, n: p.parts.length, length, limit: LIMITS[channel] })
                + (over ? ' · ' + t('overLimit') : '') }),
              channel === 'telegram' ? telegramText(text) : el('pre', { className: 'text', textContent: text }));
          })));
      }).filter(Boolean);
      return el('li', { className: 'town-preview', 'data-town': town },
        el('h4', { textContent: ui().townName(town) }), el('ul', { className: 'channel-previews' }, channels));
    });
    container.replaceChildren(el('p', { className: 'preview-summary', textContent: summary }),
      alert.status !== 'Actual' ? el('p', { className: 'practice-note', textContent: t('practiceBanner.' + alert.status) }) : '',
      el('ul', { className: 'town-previews' }, towns));
  }

  async function preview() {
    clearErrors();
    const alert = buildAlert();
    $('compose-status').textContent = t('previewing');
    const response = await ui().api('/api/v1/alerts/preview', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alert),
    });
    if (!response.ok) {
      $('compose-status').textContent = '';
      $('preview').hidden = true;
      previewedKey = null;
      await showRefusal(response);
      return false;
    }
    renderPreview($('preview-body'), alert, await response.json());
    $('preview').hidden = false;
    previewedKey = contentKey(alert);
    $('compose-status').textContent = t('previewReady');
    return true;
  }

  async function submit() {
    const alert = buildAlert();
    if (previewedKey !== contentKey(alert)) {
      // Nothing goes out unseen: a changed form is previewed first, and submitted with a second press.
      if (await preview()) {
        $('compose-status').textContent = t('previewFirst');
        $('preview').focus();
      }
      return;
    }
    clearErrors();
    $('submit-button').disabled = true;
    try {
      const response = await ui().api('/api/v1/alerts', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alert),
      });
      if (!response.ok) {
        await showRefusal(response);
        return;
      }
      const view = await response.json();
      sessionStorage.setItem('banditore.sender', alert.sender);
      sessionStorage.removeItem(DRAFT_KEY);
      shown = false;
      previewedKey = null;
      $('preview').hidden = true;
      ui().announce(t(view.state === 'pending-approval' ? 'submittedPending' : 'submittedPublished', { headline: ui().headline(view) }));
      $('compose-status').textContent = '';
      ui().refresh();
      loadQueue(true);
      go('board');
      $('board-notice').textContent = t(view.state === 'pending-approval' ? 'submittedPending' : 'submittedPublished', { headline: ui().headline(view) });
    } finally {
      $('submit-button').disabled = false;
    }
  }

  // --- Update and Cancel from an alert's card --------------------------------------------------------------------

  function fromAlert(view, msgType) {
    const original = view.alert;
    const it = original.info.find((i) => /^it/i.test(i.language || '')) || original.info[0] || {};
    const en = original.info.find((i) => /^en/i.test(i.language || ''));
    const area = (it.area || [])[0] || {};
    const colour = (it.parameter || []).find((p) => /^colou?re?$/i.test(p.valueName));
    Object.assign(draft, emptyDraft(), {
      msgType, status: original.status, english: Boolean(en),
      references: original.sender + ',' + original.identifier + ',' + original.sent,
      of: { id: view.id, headline: it.headline || it.event || original.identifier, identifier: original.identifier },
      places: (area.geocode || []).filter((g) => /^ISTAT/i.test(g.valueName)).map((g) => ({ code: g.value, name: g.value, kind: '', within: '', targets: null })),
    });
    Object.assign(draft.fields, {
      identifier: newIdentifier(), sender: original.sender, senderName: it.senderName || '', event: it.event || '',
      category: (it.category || [])[0] || '', colour: colour ? colour.value : '', urgency: it.urgency || '', severity: it.severity || '',
      certainty: it.certainty || '', headline: it.headline || '', description: it.description || '', instruction: it.instruction || '',
      web: it.web || '', onset: B.time.isoToLocal(it.onset), expires: B.time.isoToLocal(it.expires),
      headlineEn: en ? en.headline || '' : '', descriptionEn: en ? en.description || '' : '', instructionEn: en ? en.instruction || '' : '',
      areaDesc: area.areaDesc || '', polygon: (area.polygon || [])[0] || '', circle: (area.circle || [])[0] || '',
    });
    if (msgType === 'Cancel') {
      draft.fields.description = t('cancelDescription', { headline: it.headline || it.event || '' });
      draft.fields.instruction = t('cancelInstruction');
      if (en) {
        draft.fields.descriptionEn = 'The alert "' + (en.headline || en.event || '') + '" is withdrawn.';
        draft.fields.instructionEn = 'No further action is needed for this alert.';
      }
    }
    shown = true;
    previewedKey = null;
    $('preview').hidden = true;
    writeForm();
    saveDraft();
    resolvePlaces();
    go('compose');
  }

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

  B.console = {
    startUpdate: (view) => fromAlert(view, 'Update'),
    startCancel: (view) => fromAlert(view, 'Cancel'),
  };

  // --- The area: places, shapes, the map, the towns reached ----------------------------------------------------

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
      kmToPx: (d, lat) => (d / 111.32) * scale * (1 + 0 * lat),
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
      nodes.push(svg('circle', { class: 'shape', cx: c.x, cy: c.y, r: Math.max(projection.kmToPx(circle.radius, circle.lat), 1) }));
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

  // --- Review queue --------------------------------------------------------------------------------------------

  let queueLoading = false;
  async function loadQueue(quiet) {
    if (!ui().token || queueLoading) return;
    queueLoading = true;
    try {
      const all = await ui().getJson('/api/v1/alerts?size=500');
      const pending = all.filter((a) => a.state === 'pending-approval');
      $('review-count').textContent = pending.length ? '(' + pending.length + ')' : '';
      if (!quiet || !$('review').hidden) renderQueue(pending, all);
    } catch (e) {
      if (!quiet) $('review-summary').textContent = t('couldNotLoad', { why: e.message });
    } finally {
      queueLoading = false;
    }
  }

  const reviewCards = new Map();
  function renderQueue(pending, all) {
    $('review-summary').textContent = pending.length === 0 ? t('queueEmpty') : t('queueSome', { n: pending.length });
    const list = $('review-list');
    const wanted = new Set(pending.map((a) => a.id + B.lang));
    for (const [key, card] of reviewCards) {
      if (!wanted.has(key)) {
        card.remove();
        reviewCards.delete(key);
      }
    }
    pending.forEach((view, i) => {
      const key = view.id + B.lang;
      let card = reviewCards.get(key);
      if (!card) {
        card = reviewCard(view, all);
        reviewCards.set(key, card);
      }
      if (list.children[i] !== card) list.insertBefore(card, list.children[i] || null);
    });
  }

  function reviewCard(view, all) {
    const el = ui().el;
    const alert = view.alert;
    const id = 'review-' + view.id;
    const mine = view.submittedBy === ui().user;
    const previewBox = el('div', { className: 'preview-body' }, el('p', { textContent: t('previewing') }));
    const notice = el('p', { className: 'notice', role: 'status' });
    const actions = el('div', { className: 'review-actions' });
    if (mine) {
      actions.append(el('p', { className: 'badge wait own', textContent: t('ownWaiting') }));
    } else if (ui().has('approver')) {
      const approve = el('button', { type: 'button', textContent: t('approve'), 'aria-label': t('approveOf', { headline: ui().headline(view) }) });
      const reason = el('textarea', { id: id + '-reason', rows: 2, 'aria-describedby': id + '-reason-error' });
      const reasonError = el('p', { className: 'field-error', id: id + '-reason-error' });
      const reject = el('button', { type: 'button', className: 'secondary danger', textContent: t('reject') });
      approve.addEventListener('click', () => decide(view, 'approve', null, notice, [approve, reject]));
      reject.addEventListener('click', () => decide(view, 'reject', reason, notice, [approve, reject], reasonError));
      actions.append(approve, el('div', { className: 'field reason' }, el('label', { for: id + '-reason', textContent: t('rejectReason') }), reason, reasonError), reject);
    } else {
      actions.append(el('p', { className: 'badge wait', textContent: t('waitingSecond') }));
    }
    const practice = alert.status !== 'Actual';
    const card = el('li', { className: 'alert review' + (practice ? ' practice' : ''), 'data-alert': view.id },
      el('article', { 'aria-labelledby': id + '-title' },
        el('h3', { id: id + '-title', textContent: ui().headline(view) }),
        el('p', { className: 'ident', textContent: view.identifier + ' · ' + view.sender }),
        el('ul', { className: 'badges' },
          el('li', { className: 'badge' + (practice ? ' practice' : ''), textContent: t('status.' + alert.status) }),
          el('li', { className: 'badge', textContent: t('msgType.' + alert.msgType) })),
        el('p', { className: 'meta author', textContent: t('postedBy', { user: view.submittedBy, time: B.time.fullTime(view.submittedAt) }) }),
        alert.msgType === 'Update' ? difference(alert, all) : '',
        el('details', { className: 'cap' }, el('summary', { textContent: t('fullCap') }), el('pre', { textContent: JSON.stringify(alert, null, 2) })),
        el('section', { className: 'preview', 'aria-label': t('previewTitle') }, el('h4', { textContent: t('previewTitle') }), previewBox),
        actions, notice));
    ui().api('/api/v1/alerts/preview', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alert) })
      .then(async (response) => {
        if (response.ok) renderPreview(previewBox, alert, await response.json());
        else previewBox.replaceChildren(el('p', { className: 'error', textContent: await ui().problemText(response) }));
      }).catch(() => {});
    return card;
  }

  /** An Update beside what it supersedes, field by field; the changed ones marked in words, not colour alone. */
  function difference(alert, all) {
    const el = ui().el;
    const refs = (alert.references || '').trim().split(/\s+/).map((r) => r.split(','));
    const before = refs.map(([sender, identifier]) => all.find((a) => a.sender === sender && a.identifier === identifier)).find(Boolean);
    if (!before) return el('p', { className: 'notice', textContent: t('diffMissing', { references: alert.references }) });
    const rows = [];
    const blocks = (a) => ({ it: a.info.find((i) => /^it/i.test(i.language || '')) || a.info[0] || {}, en: a.info.find((i) => /^en/i.test(i.language || '')) || {} });
    const old = blocks(before.alert);
    const now = blocks(alert);
    const areaText = (i) => (i.area || []).map((a) => [a.areaDesc, ...(a.geocode || []).map((g) => 'ISTAT ' + g.value), ...(a.polygon || []), ...(a.circle || [])].join('; ')).join(' | ');
    const colour = (i) => ((i.parameter || []).find((p) => p.valueName === 'colore') || {}).value;
    const fields = [
      ['headline', (i) => i.headline], ['event', (i) => i.event], ['severity', (i) => i.severity], ['urgency', (i) => i.urgency],
      ['certainty', (i) => i.certainty], ['colour', colour], ['description', (i) => i.description], ['instruction', (i) => i.instruction],
      ['onset', (i) => (i.onset ? B.time.fullTime(i.onset) : '')], ['expires', (i) => (i.expires ? B.time.fullTime(i.expires) : '')],
      ['fsArea', areaText],
    ];
    for (const [key, get] of fields) rows.push([t(key), get(old.it) || '', get(now.it) || '']);
    for (const key of ['headline', 'description', 'instruction']) rows.push([t(key + 'En'), old.en[key] || '', now.en[key] || '']);
    return el('table', { className: 'diff' },
      el('caption', { textContent: t('diffCaption', { identifier: before.identifier }) }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', textContent: t('diffField') }), el('th', { scope: 'col', textContent: t('diffBefore') }),
        el('th', { scope: 'col', textContent: t('diffAfter') }))),
      el('tbody', {}, rows.filter(([, a, b]) => a || b).map(([name, a, b]) => el('tr', { className: a === b ? 'same' : 'changed' },
        el('th', { scope: 'row' }, name, a === b ? '' : el('span', { className: 'changed-mark', textContent: ' · ' + t('diffChanged') })),
        el('td', { 'data-label': t('diffBefore'), textContent: a }), el('td', { 'data-label': t('diffAfter'), textContent: b })))));
  }

  async function decide(view, action, reasonBox, notice, buttons, reasonError) {
    if (reasonError) reasonError.textContent = '';
    buttons.forEach((b) => { b.disabled = true; });
    notice.textContent = '';
    try {
      const options = { method: 'POST' };
      if (action === 'reject') {
        options.headers = { 'Content-Type': 'application/json' };
        options.body = JSON.stringify({ reason: reasonBox.value.trim() });
      }
      const response = await ui().api('/api/v1/alerts/' + encodeURIComponent(view.id) + '/' + action, options);
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        const reasonProblem = (problem.errors || []).find((e) => e.pointer === '/reason');
        if (reasonProblem && reasonError) {
          reasonError.textContent = t('reasonRequired');
          reasonBox.setAttribute('aria-invalid', 'true');
          reasonBox.focus();
        } else {
          notice.textContent = t('notDecided', { why: problem.detail || problem.title || response.status });
          notice.className = 'notice bad';
        }
        return;
      }
      ui().announce(t(action === 'approve' ? 'approvedNow' : 'rejectedNow', { headline: ui().headline(view) }));
      $('review-notice').textContent = t(action === 'approve' ? 'approvedNow' : 'rejectedNow', { headline: ui().headline(view) });
      ui().refresh();
      await loadQueue();
      $('review-title').focus();
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  // --- Start ---------------------------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', () => {
    fillSelects();
    for (const name of TEXT_FIELDS) {
      const node = $(fieldId(name));
      const described = new Set((node.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean));
      described.add(fieldId(name) + '-error');
      node.setAttribute('aria-describedby', [...described].join(' '));
    }
    $('c-place').setAttribute('aria-describedby', 'c-place-help c-geocode-error');
    $('compose-form').addEventListener('input', (event) => {
      if (event.target.id === 'c-place') return;
      if (event.target.getAttribute('aria-invalid')) {
        event.target.removeAttribute('aria-invalid');
        const slot = $(event.target.id + '-error');
        if (slot) slot.textContent = '';
      }
      changed();
    });
    $('compose-form').addEventListener('change', () => changed());
    $('compose-form').addEventListener('submit', (event) => {
      event.preventDefault();
      submit().catch(() => {});
    });
    $('preview-button').addEventListener('click', () => preview().then((ok) => ok && $('preview').focus()).catch(() => {}));
    $('discard-button').addEventListener('click', () => {
      sessionStorage.removeItem(DRAFT_KEY);
      previewedKey = null;
      $('preview').hidden = true;
      clearErrors();
      startNew();
      $('compose-status').textContent = t('discarded');
    });
    $('apply-template').addEventListener('click', () => applyTemplate($('template').value));
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
    // The link to the view already shown reloads it (the queue, a compose form started elsewhere).
    for (const link of document.querySelectorAll('#views a')) {
      link.addEventListener('click', () => {
        if (location.hash === link.hash) setTimeout(route, 0);
      });
    }
    window.addEventListener('hashchange', route);
    B.onLanguage(() => {
      fillSelects();
      if (shown) {
        showContext();
        renderPlaces();
        changed(false);
      }
      if (ui() && ui().token) loadQueue();
    });
  });
})();
