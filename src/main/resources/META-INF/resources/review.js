/*
 * The review queue: alerts pending approval, newest first, each with its author, the full CAP message, what every
 * town will receive, and for an Update the difference with what it replaces; approve, or reject with a reason. The
 * author's own alert waits for a second person, with no approve button (the service refuses it anyway).
 */
'use strict';

(() => {
  const B = window.Banditore;
  const t = (key, vars) => B.t(key, vars);
  const $ = (id) => document.getElementById(id);
  const ui = () => B.session;
  const renderPreview = (...args) => B.preview.render(...args);

  let queueLoading = false;
  async function loadQueue(quiet) {
    if (!ui().signedIn || queueLoading) return;
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

  B.review = { load: loadQueue };
})();
