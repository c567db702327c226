/*
 * Banditore's words in Italian and English, and its clock: every time is shown in Italy's zone (Europe/Rome), with
 * the zone named, whatever the browser's own zone, because the alerts are Italian and so are the people reading them.
 *
 * The language is the one chosen with the switch (kept in localStorage), else the browser's first language if it is
 * Italian or English, else Italian. Static text carries data-i18n="key" (text), data-i18n-placeholder and
 * data-i18n-aria-label; scripts call Banditore.t(key, {name: value}).
 */
'use strict';

(() => {
  const ZONE = 'Europe/Rome';
  const LANG_KEY = 'banditore.lang';
  const WORDS = { en: {}, it: {} };

  function initialLanguage() {
    const chosen = localStorage.getItem(LANG_KEY);
    if (chosen && WORDS[chosen]) return chosen;
    for (const tag of navigator.languages || [navigator.language || '']) {
      const base = String(tag).toLowerCase().split('-')[0];
      if (WORDS[base]) return base;
    }
    return 'it';
  }

  let lang = 'it';
  const listeners = [];

  /** The text for a key in the current language (English when Italian lacks it), with {name} filled in. */
  function t(key, vars) {
    let text = WORDS[lang][key];
    if (text === undefined) text = WORDS.en[key];
    if (text === undefined) return key;
    if (typeof text === 'function') return text(vars || {});
    return text.replace(/\{(\w+)\}/g, (m, name) => (vars && vars[name] !== undefined ? String(vars[name]) : m));
  }

  function has(key) {
    return WORDS[lang][key] !== undefined || WORDS.en[key] !== undefined;
  }

  function apply(root) {
    const scope = root || document;
    for (const node of scope.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const node of scope.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
    for (const node of scope.querySelectorAll('[data-i18n-aria-label]')) node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
  }

  function setLanguage(next, remember) {
    if (!WORDS[next]) return;
    lang = next;
    if (remember) localStorage.setItem(LANG_KEY, next);
    document.documentElement.lang = next;
    document.title = t('title');
    apply(document);
    const select = document.getElementById('lang');
    if (select) select.value = next;
    for (const listener of listeners) listener(next);
  }

  // --- Times in Europe/Rome ------------------------------------------------------------------------------------

  const formats = new Map();
  function format(options) {
    const key = lang + JSON.stringify(options);
    if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', { timeZone: ZONE, ...options }));
    return formats.get(key);
  }

  /** Year, month, ... of an instant on Italy's clock. */
  function romeParts(date) {
    const parts = {};
    for (const p of new Intl.DateTimeFormat('en-GB', {
      timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).formatToParts(date)) parts[p.type] = p.value;
    return parts;
  }

  /** Italy's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
  function romeOffset(date) {
    const p = romeParts(date);
    const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
    return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
  }

  function offsetText(minutes) {
    const sign = minutes < 0 ? '-' : '+';
    const m = Math.abs(minutes);
    return sign + String(Math.floor(m / 60)).padStart(2, '0') + ':' + String(m % 60).padStart(2, '0');
  }

  /** An instant as ISO 8601 with Italy's offset, e.g. 2026-11-24T08:00:00+01:00 (how CAP wants its times). */
  function isoRome(date) {
    const p = romeParts(date);
    return p.year + '-' + p.month + '-' + p.day + 'T' + p.hour + ':' + p.minute + ':' + p.second + offsetText(romeOffset(date));
  }

  /** The value of a datetime-local input read as Italy's wall clock, as an ISO time with offset; null when empty. */
  function localToIso(value) {
    if (!value) return null;
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
    if (!m) return null;
    const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
    // Twice: the offset at the guessed instant may differ across a change of summer time.
    let offset = romeOffset(new Date(wall - 60 * 60000));
    offset = romeOffset(new Date(wall - offset * 60000));
    return isoRome(new Date(wall - offset * 60000));
  }

  /** An instant as a datetime-local value on Italy's clock. */
  function isoToLocal(iso) {
    if (!iso) return '';
    const p = romeParts(new Date(iso));
    return p.year + '-' + p.month + '-' + p.day + 'T' + p.hour + ':' + p.minute;
  }

  /** The zone's name as people read it at an instant: CET/CEST in English, "ora italiana" in Italian. */
  function zoneName(date) {
    const summer = romeOffset(date) === 120;
    return t(summer ? 'zoneSummer' : 'zoneWinter', { offset: offsetText(romeOffset(date)) });
  }

  /** A time for a list: the hour when it is today in Italy, else the day and hour; the zone's short name after it. */
  function when(iso) {
    if (!iso) return '';
    const date = new Date(iso);
    const today = romeParts(new Date());
    const then = romeParts(date);
    const sameDay = today.year === then.year && today.month === then.month && today.day === then.day;
    const text = sameDay
      ? format({ hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date)
      : format({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(date);
    return text + ' ' + shortZone(date);
  }

  /** A full date and time with the zone: "martedì 24 novembre 2026, 08:00 (ora italiana, UTC+01:00)". */
  function fullTime(iso) {
    if (!iso) return '';
    const date = new Date(iso);
    return format({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date)
      + ' (' + zoneName(date) + ')';
  }

  function shortZone(date) {
    return romeOffset(date) === 120 ? 'CEST' : 'CET';
  }

  function number(n) {
    return new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB').format(n);
  }

  window.Banditore = Object.assign(window.Banditore || {}, {
    WORDS, t, has, apply, ZONE,
    get lang() { return lang; },
    setLanguage, onLanguage: (listener) => listeners.push(listener),
    time: { when, fullTime, isoRome, localToIso, isoToLocal, zoneName, romeOffset },
    number,
  });

  document.addEventListener('DOMContentLoaded', () => {
    setLanguage(initialLanguage(), false);
    const select = document.getElementById('lang');
    if (select) select.addEventListener('change', () => setLanguage(select.value, true));
  });
})();
