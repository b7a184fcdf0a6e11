// Strings of the UI in web/i18n/{en,ru,ar}.json. The choice of language is kept in
// localStorage (no credentials are ever stored there).
export const LANGS = ['en', 'ru', 'ar'];
const KEY = 'leubank.lang';
let lang = 'en';
let strings = {};
let fallback = {};

export function currentLang() { return lang; }

export function locale() {
  return { en: 'en-GB', ru: 'ru-RU', ar: 'ar-u-nu-latn' }[lang];
}

async function load(l) {
  const r = await fetch(`i18n/${l}.json`, { cache: 'no-cache' });
  if (!r.ok) throw new Error(`i18n/${l}.json: ${r.status}`);
  return r.json();
}

export async function setLang(l) {
  if (!LANGS.includes(l)) l = 'en';
  if (!Object.keys(fallback).length) fallback = await load('en');
  strings = l === 'en' ? fallback : await load(l);
  lang = l;
  try { localStorage.setItem(KEY, l); } catch { /* private mode */ }
  document.documentElement.lang = l;
  document.documentElement.dir = l === 'ar' ? 'rtl' : 'ltr';
}

export function savedLang() {
  try { return localStorage.getItem(KEY) || 'en'; } catch { return 'en'; }
}

// t('key', {n: 3}) replaces {n}. A missing key shows the key itself, which the
// tests catch.
export function t(key, params) {
  let s = strings[key] ?? fallback[key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

// A label for a value of a known vocabulary (status, role, ...), else the value.
export function tv(prefix, value) {
  const k = `${prefix}.${value}`;
  return (strings[k] ?? fallback[k]) ?? String(value);
}
