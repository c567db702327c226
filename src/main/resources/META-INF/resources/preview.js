/*
 * What every channel will post in every town (POST /api/v1/alerts/preview), drawn for a person to check before an
 * alert goes out: each part with its length as its platform counts it against the platform's limit, and what is not
 * posted and why. Shared by the compose form and the review queue. Everything is written as text, never as HTML.
 */
'use strict';

(() => {
  const B = window.Banditore;
  const t = (key, vars) => B.t(key, vars);
  // A channel the page has no word for (one added to the service since) is shown by its own name.
  const channelName = (c) => (B.has('channel.' + c) ? t('channel.' + c) : c);
  const $ = (id) => document.getElementById(id);
  const ui = () => B.session;
  const CHANNELS = ['telegram', 'x', 'shortvideo', 'instagram', 'youtube'];
  /** Each platform's limit for one part: Telegram's message, X's weighted post, TikTok's caption. */
  const LIMITS = { telegram: 4096, x: 280, shortvideo: 2200, instagram: 2200, youtube: 100 };

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
      // The channels the page knows, in their order, then any other the preview names (a channel added since).
      const shown = CHANNELS.concat([...new Set(list.map((p) => p.channel))].filter((c) => !CHANNELS.includes(c)).sort());
      const channels = shown.map((channel) => {
        const p = list.find((x) => x.channel === channel);
        if (!p) {
          return accounts.includes(channel) ? null : el('li', { className: 'channel-preview skipped', 'data-channel': channel },
            el('h5', { textContent: channelName(channel) }), el('p', { className: 'why', textContent: t('noAccount', { channel: channelName(channel) }) }));
        }
        if (!p.wouldPublish) {
          return el('li', { className: 'channel-preview skipped', 'data-channel': channel },
            el('h5', { textContent: channelName(channel) }), el('p', { className: 'why', textContent: t('skippedBecause', { reason: p.reason }) }));
        }
        return el('li', { className: 'channel-preview', 'data-channel': channel },
          el('h5', { textContent: channelName(channel) + ' · ' + t('nParts', { n: p.parts.length }) }),
          el('ol', { className: 'parts' }, p.parts.map((text, i) => {
            const length = partLength(channel, text);
            const over = channel in LIMITS && length > LIMITS[channel];
            return el('li', { className: 'part' + (over ? ' over' : '') },
              el('p', { className: 'length', textContent: t('partLength', { i: i + 1, n: p.parts.length, length, limit: LIMITS[channel] ?? '—' })
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

  B.preview = { render: renderPreview, directoryEntry };
})();
