/*
 * Banditore dashboard: the alerts of the day, each channel's progress, and every town's delivery, live.
 *
 * Sign-in: where the service signs people in with OpenID Connect, the page is opened only once they have signed in,
 * and its calls carry the session cookie (HttpOnly: the page never sees a token); GET /api/v1/session says who they
 * are. Otherwise the same bearer tokens as the API, kept in sessionStorage (this tab only, gone when it closes).
 * Every call says X-Requested-With: the service refuses a change made with the session cookie without it (a form
 * on another page cannot send it), and answers 499 rather than a redirect when the session has ended.
 * Live updates: GET /api/v1/deliveries/stream is read with fetch(), not EventSource, because EventSource cannot
 * send an Authorization header: this way the token never appears in a URL (server logs, history, Referer), no
 * second kind of credential is needed, and any replica can serve any reconnection. The stream is parsed as
 * Server-Sent Events; on reconnection the id of the last event read goes back as Last-Event-ID and the server
 * replays what changed meanwhile. Every status carries a version: an older or repeated one is ignored.
 *
 * Everything the page shows from the service goes through textContent, never innerHTML.
 */
'use strict';

(() => {
  const TOKEN_KEY = 'banditore.token';
  const RELOADED_KEY = 'banditore.signInAgainAt';
  const RELOAD_PAUSE_MS = 30000;
  const CHANNELS = ['telegram', 'x', 'shortvideo', 'instagram', 'youtube'];
  const B = window.Banditore;
  const t = (key, vars) => B.t(key, vars);
  // A channel the page has no word for (one added to the service since) is shown by its own name.
  const channelName = (c) => (B.has('channel.' + c) ? t('channel.' + c) : c);
  const statusWord = (s) => (B.has('delivery.' + s) ? t('delivery.' + s) : s);
  const stateWord = (s) => (B.has('state.' + s) ? t('state.' + s) : s);
  const STATUSES = ['QUEUED', 'SENDING', 'SENT', 'RETRYING', 'FAILED', 'SKIPPED'];
  const FINAL = new Set(['SENT', 'FAILED', 'SKIPPED']);
  const REFRESH_MS = 10000;
  const MAX_RETRY_DELAY_MS = 30000;

  const state = {
    token: null,
    signIn: null, // 'token' (a pasted bearer token) or 'oidc' (the service's sign-in session)
    roles: [],
    alerts: new Map(), // alert id -> the alert's view
    deliveries: new Map(), // alert id -> Map(delivery id -> status)
    towns: new Map(), // target id -> name
    cards: new Map(), // alert id -> the card's elements
    settledAnnounced: new Set(),
    fetching: new Set(),
    lastEventId: null,
    stream: null,
    refreshTimer: null,
    retryDelay: 1000,
    renderQueued: false,
  };

  const $ = (id) => document.getElementById(id);

  /** An element with properties (className, textContent, ...), attributes (names with '-') and children. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key.includes('-') || key === 'role' || key === 'for' || key === 'scope') node.setAttribute(key, value === true ? '' : value);
      else node[key] = value;
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child);
    }
    return node;
  }

  const when = (iso) => B.time.when(iso);

  // --- Session ------------------------------------------------------------------------------------------------

  function claimsOf(token) {
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(decodeURIComponent(escape(atob(payload))));
    } catch (e) {
      return {};
    }
  }

  function rolesOf(token) {
    const claims = claimsOf(token);
    return Array.isArray(claims.groups) ? claims.groups : [];
  }

  /** The user name the service sees: the token's upn, else preferred_username, else sub (as SmallRye JWT reads it). */
  function userOf(token) {
    const claims = claimsOf(token);
    return claims.upn || claims.preferred_username || claims.sub || '';
  }

  /** The person and their roles; someone the service knows but gave no role is told so (every view is refused them). */
  function whoText() {
    const roles = state.roles.filter((r) => B.has('role.' + r));
    if (roles.length === 0) return t('signedInNoRole', { user: state.user });
    return t('signedInAs', { user: state.user, roles: roles.map((r) => t('role.' + r)).join(', ') });
  }

  function mayRetry() {
    return state.roles.includes('operator') || state.roles.includes('admin');
  }

  async function signIn(token) {
    state.token = token;
    state.roles = rolesOf(token);
    state.user = userOf(token);
    await start('token');
  }

  /** Signed in by the service (OpenID Connect): the session cookie goes with every call, no token is kept here. */
  async function signInWithSession(session) {
    state.roles = session.roles;
    state.user = session.user;
    await start('oidc');
  }

  async function start(kind) {
    state.signIn = kind;
    $('sign-in').hidden = true;
    $('sign-out').hidden = false;
    $('who').hidden = false;
    $('who').textContent = whoText();
    document.dispatchEvent(new CustomEvent('banditore:signed-in'));
    setConnection('retrying', t('connecting'));
    openStream();
    try {
      await loadTowns();
      await refreshAlerts();
      state.refreshTimer = setInterval(() => refreshAlerts().catch(() => {}), REFRESH_MS);
    } catch (e) {
      if (state.signIn) setConnection('error', t('couldNotLoad', { why: e.message }));
    }
  }

  function signOut(message) {
    if (state.signIn === 'oidc') {
      // The service ends the session and the identity provider's own, then shows signed-out.html.
      window.location.assign('/sign-out');
      return;
    }
    sessionStorage.removeItem(TOKEN_KEY);
    if (state.stream) state.stream.abort();
    clearInterval(state.refreshTimer);
    Object.assign(state, {
      token: null, signIn: null, roles: [], user: null, stream: null, refreshTimer: null, lastEventId: null, retryDelay: 1000,
    });
    state.alerts.clear();
    state.deliveries.clear();
    state.cards.clear();
    state.settledAnnounced.clear();
    $('alerts').replaceChildren();
    $('summary').textContent = '';
    $('main').hidden = true;
    $('sign-out').hidden = true;
    $('who').hidden = true;
    $('sign-in').hidden = false;
    $('sign-in-error').textContent = message || '';
    document.dispatchEvent(new CustomEvent('banditore:signed-out'));
    setConnection('off', t('notSignedIn'));
    $('token').focus();
  }

  function setConnection(kind, text) {
    const node = $('connection');
    node.dataset.state = kind;
    node.textContent = text;
  }

  // --- The service's API --------------------------------------------------------------------------------------

  /** The headers every call to the service carries: the token where one was pasted, else the session cookie goes. */
  function credentials(headers) {
    const all = { ...headers, 'X-Requested-With': 'JavaScript' };
    if (state.token) all.Authorization = 'Bearer ' + state.token;
    return all;
  }

  /** 401 (a token refused) or 499 (the sign-in session ended): sign in again. */
  function signedOutByService(response) {
    if (response.status !== 401 && response.status !== 499) return false;
    if (state.signIn !== 'oidc') {
      signOut(t('tokenRefused'));
    } else if (Date.now() - Number(sessionStorage.getItem(RELOADED_KEY) || 0) > RELOAD_PAUSE_MS) {
      // Reloading the page goes through the provider's sign-in; a page refused again at once says so instead.
      sessionStorage.setItem(RELOADED_KEY, String(Date.now()));
      window.location.reload();
    } else {
      setConnection('error', t('sessionEnded'));
    }
    return true;
  }

  async function api(path, options = {}) {
    const response = await fetch(path, {
      ...options,
      cache: 'no-store',
      headers: credentials({ ...(options.headers || {}), Accept: 'application/json' }),
    });
    if (signedOutByService(response)) {
      throw new Error('not signed in');
    }
    return response;
  }

  async function problemText(response) {
    try {
      const problem = await response.json();
      return problem.detail || problem.title || String(response.status);
    } catch (e) {
      return response.status + ' ' + response.statusText;
    }
  }

  async function getJson(path) {
    const response = await api(path);
    if (!response.ok) throw new Error(await problemText(response));
    return response.json();
  }

  function since() {
    const period = $('f-period').value;
    const now = new Date();
    if (period === '24h') return new Date(now.getTime() - 24 * 3600 * 1000);
    if (period === '7d') return new Date(now.getTime() - 7 * 24 * 3600 * 1000);
    return new Date(now.getFullYear(), now.getMonth(), now.getDate());
  }

  async function loadTowns() {
    const entries = await getJson('/api/v1/targets');
    state.directory = entries;
    for (const entry of entries) state.towns.set(entry.id, (entry.target && entry.target.name) || entry.id);
    document.dispatchEvent(new CustomEvent('banditore:directory'));
  }

  async function refreshAlerts() {
    const from = since();
    const list = await getJson('/api/v1/alerts?size=500&since=' + encodeURIComponent(from.toISOString()));
    const listed = new Set();
    const loading = [];
    for (const alert of list) {
      listed.add(alert.id);
      const isNew = !state.alerts.has(alert.id);
      state.alerts.set(alert.id, alert);
      if (isNew) loading.push(loadDeliveries(alert.id));
    }
    for (const id of [...state.alerts.keys()]) {
      if (!listed.has(id) && new Date(state.alerts.get(id).submittedAt) < from) state.alerts.delete(id);
    }
    await Promise.all(loading);
    scheduleRender();
  }

  async function loadDeliveries(alertId) {
    const list = await getJson('/api/v1/alerts/' + encodeURIComponent(alertId) + '/deliveries');
    for (const status of list) apply(status, false);
  }

  /** A change for an alert not shown yet: a new alert has started going out. */
  async function fetchAlert(alertId) {
    if (state.fetching.has(alertId)) return;
    state.fetching.add(alertId);
    try {
      const alert = await getJson('/api/v1/alerts/' + encodeURIComponent(alertId));
      if (new Date(alert.submittedAt) >= since()) {
        state.alerts.set(alert.id, alert);
        await loadDeliveries(alert.id);
        announce(t('announceNew', { headline: headline(alert) }));
        scheduleRender();
      }
    } catch (e) {
      // shown at the next refresh
    } finally {
      state.fetching.delete(alertId);
    }
  }

  const alertRefreshes = new Map();

  function refreshAlertSoon(alertId) {
    if (alertRefreshes.has(alertId)) return;
    alertRefreshes.set(alertId, setTimeout(async () => {
      try {
        state.alerts.set(alertId, await getJson('/api/v1/alerts/' + encodeURIComponent(alertId)));
        scheduleRender();
      } catch (e) {
        // the periodic refresh will bring it
      } finally {
        alertRefreshes.delete(alertId);
      }
    }, 500));
  }

  async function retry(delivery, card) {
    card.notice.textContent = t('queuingAgain', { town: townName(delivery.target), channel: channelName(delivery.channel) });
    card.notice.className = 'notice';
    try {
      const response = await api('/api/v1/deliveries/' + encodeURIComponent(delivery.deliveryId) + '/retry', { method: 'POST' });
      if (!response.ok) throw new Error(await problemText(response));
      const queued = await response.json();
      apply(queued, false);
      card.notice.textContent = t('queuedAgain', { town: townName(delivery.target), channel: channelName(delivery.channel) });
      scheduleRender();
    } catch (e) {
      card.notice.textContent = t('notRetried', { why: e.message });
      card.notice.className = 'notice bad';
    }
  }

  // --- Delivery statuses and the live stream -----------------------------------------------------------------

  /** Keeps the newest version of each delivery; returns whether this one was newer. */
  function apply(status, live) {
    let ofAlert = state.deliveries.get(status.alertId);
    if (!ofAlert) {
      ofAlert = new Map();
      state.deliveries.set(status.alertId, ofAlert);
    }
    const known = ofAlert.get(status.deliveryId);
    if (known && known.version >= status.version) return false;
    ofAlert.set(status.deliveryId, status);
    if (live && status.status === 'FAILED') {
      announce(t('announceFailed', { town: townName(status.target), channel: channelName(status.channel), error: status.error || '' }));
    }
    return true;
  }

  function openStream() {
    const controller = new AbortController();
    state.stream = controller;
    readStream(controller).catch(() => {}).finally(() => {
      if (controller.signal.aborted || state.stream !== controller || !state.signIn) return;
      const seconds = Math.round(state.retryDelay / 1000);
      setConnection('retrying', t('reconnecting', { seconds }));
      setTimeout(() => {
        if (state.stream === controller && state.signIn) openStream();
      }, state.retryDelay);
      state.retryDelay = Math.min(state.retryDelay * 2, MAX_RETRY_DELAY_MS);
    });
  }

  async function readStream(controller) {
    const headers = credentials({ Accept: 'text/event-stream' });
    if (state.lastEventId) headers['Last-Event-ID'] = state.lastEventId;
    const response = await fetch('/api/v1/deliveries/stream', { headers, signal: controller.signal, cache: 'no-store' });
    if (signedOutByService(response)) return;
    if (response.status === 400 && state.lastEventId) {
      // A position this service no longer knows: start afresh and read every alert's deliveries again.
      state.lastEventId = null;
      state.deliveries.clear();
      await Promise.all([...state.alerts.keys()].map(loadDeliveries));
      throw new Error('stream position refused');
    }
    if (!response.ok || !response.body) throw new Error('the stream answered ' + response.status);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = { id: null, name: 'message', data: [] };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffer += value;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line === '') {
          if (event.data.length > 0 || event.name !== 'message') dispatch(event);
          event = { id: null, name: 'message', data: [] };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let text = colon < 0 ? '' : line.slice(colon + 1);
          if (text.startsWith(' ')) text = text.slice(1);
          if (field === 'data') event.data.push(text);
          else if (field === 'event') event.name = text;
          else if (field === 'id') event.id = text;
        }
      }
    }
  }

  function dispatch(event) {
    if (event.name === 'live') {
      state.retryDelay = 1000;
      setConnection('live', t('live'));
    } else if (event.name === 'delivery') {
      const status = JSON.parse(event.data.join('\n'));
      if (apply(status, true)) {
        const alert = state.alerts.get(status.alertId);
        if (!alert) {
          fetchAlert(status.alertId);
        } else {
          // Deliveries of an alert shown as pending, or not routed yet: its approval and routing have news too.
          if (alert.state === 'pending-approval' || !alert.routing) refreshAlertSoon(alert.id);
          scheduleRender();
        }
      }
    }
    if (event.id) state.lastEventId = event.id;
  }

  // --- Announcements for screen readers ----------------------------------------------------------------------

  const announcements = [];
  let announceTimer = null;

  function announce(text) {
    announcements.push(text);
    if (!announceTimer) {
      announceTimer = setTimeout(() => {
        $('announcer').textContent = announcements.splice(0).join(' ');
        announceTimer = null;
      }, 1000);
    }
  }

  // --- Rendering ---------------------------------------------------------------------------------------------

  function headline(alert) {
    const info = (alert.alert && alert.alert.info && alert.alert.info[0]) || {};
    return info.headline || info.event || alert.identifier;
  }

  function areas(alert) {
    const info = (alert.alert && alert.alert.info) || [];
    return [...new Set(info.flatMap((i) => (i.area || []).map((a) => a.areaDesc)).filter(Boolean))].join(', ');
  }

  function townName(id) {
    return state.towns.get(id) || id;
  }

  function deliveriesOf(alertId) {
    return [...(state.deliveries.get(alertId) || new Map()).values()];
  }

  function scheduleRender() {
    if (state.renderQueued) return;
    state.renderQueued = true;
    requestAnimationFrame(() => {
      state.renderQueued = false;
      render();
    });
  }

  function shown(alert) {
    const stateFilter = $('f-state').value;
    const kind = $('f-status').value;
    const text = $('f-text').value.trim().toLowerCase();
    const deliveries = deliveriesOf(alert.id);
    if (stateFilter && alert.state !== stateFilter) return false;
    if (kind && alert.alert.status !== kind) return false;
    if ($('f-failed').checked && !deliveries.some((d) => d.status === 'FAILED')) return false;
    if (new Date(alert.submittedAt) < since()) return false;
    if (text) {
      const haystack = [alert.identifier, headline(alert), areas(alert), ...deliveries.map((d) => townName(d.target))]
        .join(' ').toLowerCase();
      if (!haystack.includes(text)) return false;
    }
    return true;
  }

  function render() {
    const list = $('alerts');
    const alerts = [...state.alerts.values()].filter(shown)
      .sort((a, b) => new Date(b.submittedAt) - new Date(a.submittedAt));
    const wanted = new Set(alerts.map((a) => a.id));
    for (const [id, card] of state.cards) {
      if (!wanted.has(id)) {
        card.root.remove();
        state.cards.delete(id);
      }
    }
    let previous = null;
    for (const alert of alerts) {
      let card = state.cards.get(alert.id);
      if (!card) {
        card = createCard(alert);
        state.cards.set(alert.id, card);
        const reopen = state.reopen && state.reopen.get(alert.id);
        if (reopen) {
          card.towns.hidden = false;
          card.toggle.setAttribute('aria-expanded', 'true');
          card.channelFilter.value = reopen.channel;
          card.statusFilter.value = reopen.status;
        }
      }
      updateCard(card, alert);
      const expectedPosition = previous ? previous.nextSibling : list.firstChild;
      if (expectedPosition !== card.root) list.insertBefore(card.root, expectedPosition);
      previous = card.root;
    }
    const total = state.alerts.size;
    $('summary').textContent = alerts.length === total
      ? t('alertsInPeriod', { n: total })
      : t('alertsMatching', { n: alerts.length, total });
  }

  function createCard(alert) {
    const id = 'alert-' + alert.id;
    const card = { id: alert.id, rows: new Map(), channelRows: new Map() };
    card.title = el('h2', { id: id + '-title' });
    card.ident = el('p', { className: 'ident' });
    card.badges = el('ul', { className: 'badges', 'aria-label': t('stateLabel') });
    card.meta = el('p', { className: 'meta' });
    card.actions = el('div', { className: 'card-actions' });
    card.channels = el('ul', { className: 'channels', 'aria-label': t('progressByChannel') });
    card.toggle = el('button', { type: 'button', className: 'secondary', 'aria-expanded': 'false', 'aria-controls': id + '-towns' });
    card.notice = el('p', { className: 'notice', role: 'status' });
    card.channelFilter = el('select', { id: id + '-channel' },
      el('option', { value: '', textContent: t('everyChannel') }),
      CHANNELS.map((c) => el('option', { value: c, textContent: channelName(c) })));
    card.statusFilter = el('select', { id: id + '-status' },
      el('option', { value: '', textContent: t('everyStatus') }),
      STATUSES.map((value) => el('option', { value, textContent: statusWord(value) })));
    card.tbody = el('tbody');
    card.caption = el('caption');
    card.towns = el('div', { id: id + '-towns', className: 'towns', hidden: true },
      el('div', { className: 'tools' },
        el('div', { className: 'field' }, el('label', { for: id + '-channel', textContent: t('col.channel') }), card.channelFilter),
        el('div', { className: 'field' }, el('label', { for: id + '-status', textContent: t('col.status') }), card.statusFilter)),
      el('table', {},
        card.caption,
        el('thead', {}, el('tr', {},
          ['town', 'channel', 'status', 'attempts', 'updated', 'message', 'error', 'action'].map((h) => el('th', { scope: 'col',
            textContent: h === 'action' ? '' : t('col.' + h) })))),
        card.tbody),
      card.notice);
    card.root = el('li', { className: 'alert' },
      el('article', { 'aria-labelledby': id + '-title' },
        card.title, card.ident, card.badges, card.meta, card.actions, card.channels, card.toggle, card.towns));
    card.toggle.addEventListener('click', () => showTowns(card, card.towns.hidden, null));
    card.channelFilter.addEventListener('change', () => updateTowns(card));
    card.statusFilter.addEventListener('change', () => updateTowns(card));
    return card;
  }

  /** Opens (or closes) the towns of an alert, optionally filtered to a channel's failures. */
  function showTowns(card, open, filter) {
    card.towns.hidden = !open;
    card.toggle.setAttribute('aria-expanded', String(open));
    if (filter) {
      card.channelFilter.value = filter.channel || '';
      card.statusFilter.value = filter.status || '';
    }
    updateTowns(card);
    updateToggle(card);
    if (open && filter) card.caption.focus();
  }

  function updateToggle(card) {
    const count = new Set(deliveriesOf(card.id).map((d) => d.target)).size;
    card.toggle.textContent = t(card.towns.hidden ? 'showTowns' : 'hideTowns', { n: count });
  }

  function approval(alert) {
    if (alert.state === 'pending-approval') return { text: t('waitingSecond'), kind: 'wait' };
    if (alert.state === 'rejected') return { text: t('rejectedBy', { user: alert.decidedBy, reason: alert.reason || '' }), kind: 'warn' };
    if (alert.decidedBy && alert.state === 'active') return { text: t('approvedBy', { user: alert.decidedBy, time: when(alert.decidedAt) }), kind: 'ok' };
    if (alert.published && !alert.decidedBy) return { text: t('publishedAtOnce'), kind: '' };
    return null;
  }

  function updateCard(card, alert) {
    const deliveries = deliveriesOf(alert.id);
    card.title.textContent = headline(alert);
    card.ident.textContent = alert.identifier + ' · ' + alert.sender;

    const badges = [el('li', { className: 'badge' + (alert.state === 'active' ? ' ok' : alert.state === 'pending-approval' ? ' wait' : ''),
      textContent: stateWord(alert.state) })];
    const status = alert.alert.status;
    badges.push(el('li', { className: 'badge' + (status === 'Actual' ? '' : ' practice'), textContent: B.has('status.' + status) ? t('status.' + status) : status }));
    if (alert.alert.msgType && alert.alert.msgType !== 'Alert') badges.push(el('li', { className: 'badge', textContent: t('msgType.' + alert.alert.msgType) }));
    const approved = approval(alert);
    if (approved) badges.push(el('li', { className: 'badge ' + approved.kind, textContent: approved.text }));
    if (alert.routing && alert.routing.unmatched) badges.push(el('li', { className: 'badge warn', textContent: t('unmatched') }));
    card.badges.replaceChildren(...badges);

    const sent = alert.alert.sent ? t('sentAt', { time: when(alert.alert.sent) }) : '';
    card.meta.textContent = [sent, t('byUser', { user: alert.submittedBy }), areas(alert)].filter(Boolean).join(' · ');
    updateActions(card, alert);

    const failed = deliveries.some((d) => d.status === 'FAILED');
    const busy = deliveries.some((d) => !FINAL.has(d.status));
    card.root.dataset.health = failed ? 'failed' : busy ? 'progress' : deliveries.length ? 'done' : 'none';

    updateChannels(card, deliveries);
    updateToggle(card);
    card.toggle.hidden = deliveries.length === 0;
    if (!card.towns.hidden) updateTowns(card);
    announceSettled(card, alert, deliveries, busy);
    card.seen = true;
  }

  /** Update and Cancel, for an operator, on an alert that is still out there (a CAP Update or Cancel referencing it). */
  function updateActions(card, alert) {
    const open = alert.state === 'active' && alert.alert.msgType !== 'Cancel' && state.roles.includes('operator') && B.console;
    if (!open) {
      card.actions.replaceChildren();
      card.actionsFor = null;
      return;
    }
    if (card.actionsFor === alert.id + B.lang) return;
    card.actionsFor = alert.id + B.lang;
    const update = el('button', { type: 'button', className: 'secondary', textContent: t('updateAlert'),
      'aria-label': t('updateAlertOf', { headline: headline(alert) }) });
    const cancel = el('button', { type: 'button', className: 'secondary danger', textContent: t('cancelAlert'),
      'aria-label': t('cancelAlertOf', { headline: headline(alert) }) });
    update.addEventListener('click', () => B.console.startUpdate(state.alerts.get(alert.id)));
    cancel.addEventListener('click', () => B.console.startCancel(state.alerts.get(alert.id)));
    card.actions.replaceChildren(update, cancel);
  }

  function announceSettled(card, alert, deliveries, busy) {
    if (deliveries.length === 0 || busy) {
      state.settledAnnounced.delete(alert.id);
      return;
    }
    if (state.settledAnnounced.has(alert.id)) return;
    state.settledAnnounced.add(alert.id);
    // What had settled before the page opened is not news.
    if (!card.seen) return;
    const sent = deliveries.filter((d) => d.status === 'SENT').length;
    const failed = deliveries.filter((d) => d.status === 'FAILED').length;
    announce(t('announceSettled', { n: deliveries.length, headline: headline(alert), sent, failed }));
  }

  function counts(list) {
    const c = { total: list.length, sent: 0, progress: 0, retrying: 0, failed: 0, skipped: 0 };
    for (const d of list) {
      if (d.status === 'SENT') c.sent++;
      else if (d.status === 'FAILED') c.failed++;
      else if (d.status === 'RETRYING') c.retrying++;
      else if (d.status === 'SKIPPED') c.skipped++;
      else c.progress++;
    }
    return c;
  }

  function updateChannels(card, deliveries) {
    // The channels the page knows, in their order, then any other the deliveries name (a channel added since).
    const present = CHANNELS.filter((c) => deliveries.some((d) => d.channel === c))
      .concat([...new Set(deliveries.map((d) => d.channel))].filter((c) => !CHANNELS.includes(c)).sort());
    for (const [channel, row] of card.channelRows) {
      if (!present.includes(channel)) {
        row.root.remove();
        card.channelRows.delete(channel);
      }
    }
    for (const channel of present) {
      let row = card.channelRows.get(channel);
      if (!row) {
        row = createChannelRow(card, channel);
        card.channelRows.set(channel, row);
      }
      card.channels.append(row.root);
      const c = counts(deliveries.filter((d) => d.channel === channel));
      const segments = ['sent', 'progress', 'retrying', 'failed', 'skipped'].filter((k) => c[k] > 0).map((k) => {
        const span = el('span', { className: k });
        span.style.width = (100 * c[k] / c.total) + '%';
        return span;
      });
      row.bar.replaceChildren(...segments);
      row.name.textContent = channelName(channel);
      row.sent.textContent = t('nSent', { n: c.sent });
      setCount(row.progress, c.progress, t('nProgress', { n: c.progress }));
      setCount(row.retrying, c.retrying, t('nRetrying', { n: c.retrying }));
      setCount(row.failed, c.failed, t('nFailed', { n: c.failed }));
      row.failedButton.setAttribute('aria-label', t('nFailedWhy', { n: c.failed, channel: channelName(channel) }));
      setCount(row.skipped, c.skipped, t('nSkipped', { n: c.skipped }));
      row.total.textContent = t('ofTowns', { n: c.total });
    }
  }

  /** A channel's progress line; its elements stay, so that keyboard focus survives live updates. */
  function createChannelRow(card, channel) {
    const row = {
      bar: el('div', { className: 'bar', 'aria-hidden': 'true' }),
      sent: el('span', { className: 'sent-count' }),
      progress: el('span', { className: 'progress-count' }),
      retrying: el('span', { className: 'retrying-count' }),
      failedButton: el('button', { type: 'button', className: 'link failed-count' }),
      skipped: el('span', { className: 'skipped-count' }),
      total: el('span', { className: 'total' }),
      name: el('span', { className: 'name' }),
    };
    row.failed = el('span', {}, row.failedButton);
    row.failedButton.addEventListener('click', () => showTowns(card, true, { channel, status: 'FAILED' }));
    row.root = el('li', { className: 'channel', 'data-channel': channel },
      row.name, row.bar,
      el('p', { className: 'counts' }, row.sent, row.progress, row.retrying, row.failed, row.skipped, row.total));
    return row;
  }

  function setCount(node, count, text) {
    node.hidden = count === 0;
    const target = node.firstElementChild || node;
    target.textContent = text;
  }

  function safeLink(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function updateTowns(card) {
    const channel = card.channelFilter.value;
    const status = card.statusFilter.value;
    const rows = deliveriesOf(card.id)
      .filter((d) => (!channel || d.channel === channel) && (!status || d.status === status))
      .sort((a, b) => townName(a.target).localeCompare(townName(b.target)) || a.channel.localeCompare(b.channel));
    const wanted = new Set(rows.map((d) => d.deliveryId));
    for (const [id, row] of card.rows) {
      if (!wanted.has(id)) {
        row.tr.remove();
        card.rows.delete(id);
      }
    }
    let previous = null;
    for (const d of rows) {
      let row = card.rows.get(d.deliveryId);
      if (!row) {
        row = { cells: {} };
        row.tr = el('tr', { 'data-delivery': d.deliveryId });
        for (const key of ['town', 'channel', 'status', 'attempts', 'updated', 'message', 'error', 'action']) {
          row.cells[key] = el(key === 'town' ? 'th' : 'td', { 'data-label': t('col.' + key), className: key, scope: key === 'town' ? 'row' : null });
          row.tr.append(row.cells[key]);
        }
        card.rows.set(d.deliveryId, row);
      }
      if (row.version !== d.version) {
        fillRow(card, row, d);
        row.version = d.version;
      }
      const expectedPosition = previous ? previous.nextSibling : card.tbody.firstChild;
      if (expectedPosition !== row.tr) card.tbody.insertBefore(row.tr, expectedPosition);
      previous = row.tr;
    }
    const what = [channel ? channelName(channel) : null, status ? statusWord(status) : null].filter(Boolean).join(', ');
    card.caption.textContent = t('deliveriesByTown', { n: rows.length, what: what ? ' (' + what + ')' : '' });
    card.caption.tabIndex = -1;
  }

  function fillRow(card, row, d) {
    row.cells.town.textContent = townName(d.target);
    row.cells.channel.textContent = channelName(d.channel);
    row.cells.status.replaceChildren(el('span', { className: 'chip ' + d.status.toLowerCase(), textContent: statusWord(d.status) }));
    row.cells.attempts.textContent = String(d.attempts || 0);
    row.cells.updated.textContent = when(d.updatedAt);
    row.cells.updated.title = d.traceId ? 'Trace ' + d.traceId : '';
    const link = d.providerUrl && safeLink(d.providerUrl);
    row.cells.message.replaceChildren(link
      ? el('a', { href: link, target: '_blank', rel: 'noopener noreferrer', textContent: t('openMessage'),
        'aria-label': t('openMessageOn', { channel: channelName(d.channel), town: townName(d.target) }) })
      : (d.providerMessageId ? document.createTextNode(d.providerMessageId) : ''));
    row.cells.error.textContent = d.error || '';
    row.cells.error.className = 'error' + (d.status === 'FAILED' || d.status === 'RETRYING' ? '' : ' empty');
    if (d.status === 'FAILED' && mayRetry()) {
      const button = el('button', { type: 'button', className: 'secondary', textContent: t('retry'),
        'aria-label': t('retryOn', { town: townName(d.target), channel: channelName(d.channel) }) });
      button.addEventListener('click', () => {
        button.disabled = true;
        retry(d, card);
      });
      row.cells.action.replaceChildren(button);
    } else {
      row.cells.action.replaceChildren();
    }
  }

  /** Everything drawn from the service is drawn again in the new language. */
  function redraw() {
    // The towns a person had open stay open, with their filters.
    state.reopen = new Map([...state.cards.values()].filter((c) => !c.towns.hidden)
      .map((c) => [c.id, { channel: c.channelFilter.value, status: c.statusFilter.value }]));
    for (const card of state.cards.values()) card.root.remove();
    state.cards.clear();
    if (state.signIn) {
      $('who').textContent = whoText();
      const live = $('connection').dataset.state === 'live';
      if (live) setConnection('live', t('live'));
      scheduleRender();
    } else {
      setConnection('off', t('notSignedIn'));
    }
  }

  /** What the console (console.js) shares with this page: the signed-in person, the API, the towns, a refresh. */
  B.session = {
    get token() { return state.token; },
    get signedIn() { return state.signIn !== null; },
    get roles() { return state.roles; },
    get user() { return state.user; },
    has: (role) => state.roles.includes(role),
    api, problemText, getJson, townName, announce, el,
    towns: () => state.towns,
    directory: () => state.directory || [],
    refresh: () => refreshAlerts().catch(() => {}),
    headline,
  };

  /** Where the service signed this person in, the page carries on as them; otherwise the token form stays. */
  async function resumeSession() {
    try {
      const response = await fetch('/api/v1/session', { cache: 'no-store', headers: credentials({ Accept: 'application/json' }) });
      if (!response.ok) return;
      const session = await response.json();
      if (session.signIn === 'oidc' && !state.signIn) await signInWithSession(session);
    } catch (e) {
      // No session: the token form is there.
    }
  }

  // --- Start -------------------------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', () => {
    $('sign-in-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = $('token').value.trim().replace(/^Bearer\s+/i, '');
      if (token.split('.').length !== 3) {
        $('sign-in-error').textContent = t('notAToken');
        $('token').focus();
        return;
      }
      $('sign-in-error').textContent = '';
      $('token').value = '';
      sessionStorage.setItem(TOKEN_KEY, token);
      signIn(token);
    });
    $('sign-out').addEventListener('click', () => signOut(t('signedOut')));
    $('f-period').addEventListener('change', () => refreshAlerts().catch(() => {}));
    for (const id of ['f-state', 'f-status', 'f-failed']) $(id).addEventListener('change', scheduleRender);
    $('f-text').addEventListener('input', scheduleRender);
    $('filters').addEventListener('submit', (event) => event.preventDefault());
    B.onLanguage(redraw);

    const saved = sessionStorage.getItem(TOKEN_KEY);
    if (saved) signIn(saved);
    else resumeSession();
  });
})();
