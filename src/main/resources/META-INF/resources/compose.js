/*
 * Banditore's operators' console, in the same page as the delivery board: the views, and the compose form (from a
 * template; its area is area.js, its preview preview.js), submitting, updating and withdrawing an alert. The review
 * queue is review.js.
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
  const TEMPLATE_ORDER = ['arancione', 'gialla', 'rossa', 'dam', 'nuclear', 'industrial', 'volcanic', 'tsunami', 'rainfall', 'blank'];
  /** The form's fields and where a problem+json pointer below /info/N names them. */
  const TEXT_FIELDS = ['identifier', 'sender', 'senderName', 'event', 'category', 'colour', 'urgency', 'severity', 'certainty',
    'headline', 'description', 'instruction', 'web', 'onset', 'expires', 'headlineEn', 'descriptionEn', 'instructionEn',
    'areaDesc', 'polygon', 'circle'];
  const FIELD_IDS = { headlineEn: 'c-headline-en', descriptionEn: 'c-description-en', instructionEn: 'c-instruction-en' };
  const fieldId = (name) => FIELD_IDS[name] || 'c-' + name;

  const draft = emptyDraft();
  B.area.bind(draft, (save) => changed(save));
  let previewedKey = null;
  let reviewTimer = null;
  const ui = () => B.session;

  function emptyDraft() {
    return { msgType: 'Alert', references: null, of: null, status: 'Actual', english: false, places: [], fields: {} };
  }

  // --- Views ---------------------------------------------------------------------------------------------------

  function route() {
    if (!ui().signedIn) return;
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
    if (view === 'review') B.review.load();
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
    if (!ui().signedIn) return;
    $('views').hidden = false;
    $('nav-compose').hidden = !ui().has('operator');
    $('nav-review').hidden = !(ui().has('approver') || ui().has('operator'));
    route();
    clearInterval(reviewTimer);
    reviewTimer = setInterval(() => B.review.load(true), 10000);
    B.review.load(true);
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
    B.area.renderPlaces();
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
    B.area.drawMap();
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
    B.area.renderReach();
    B.area.drawMap();
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
    B.preview.render($('preview-body'), alert, await response.json());
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
      B.review.load(true);
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
    B.area.resolvePlaces();
    go('compose');
  }

  B.console = {
    startUpdate: (view) => fromAlert(view, 'Update'),
    startCancel: (view) => fromAlert(view, 'Cancel'),
  };

  // --- Start ---------------------------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', () => {
    fillSelects();
    for (const name of TEXT_FIELDS) {
      const node = $(fieldId(name));
      const described = new Set((node.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean));
      described.add(fieldId(name) + '-error');
      node.setAttribute('aria-describedby', [...described].join(' '));
    }
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
        B.area.renderPlaces();
        changed(false);
      }
      if (ui() && ui().signedIn) B.review.load();
    });
  });
})();
