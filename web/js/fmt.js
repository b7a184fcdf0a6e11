// Formatting of the server's integer quantities (mg, ppb, cents) with BigInt:
// no binary floating point touches an accounting number; only the display is
// localised (digit grouping and the decimal sign).
import { locale, t } from './i18n.js';

function sepFor(loc) {
  const parts = new Intl.NumberFormat(loc).formatToParts(1.5);
  return (parts.find((p) => p.type === 'decimal') || { value: '.' }).value;
}

// value / 10^shift, rounded half away from zero to `decimals` places.
export function scaled(value, shift, decimals) {
  if (value === null || value === undefined || value === '') return '—';
  let v = BigInt(value);
  const neg = v < 0n;
  if (neg) v = -v;
  const drop = shift - decimals;
  if (drop > 0) {
    const d = 10n ** BigInt(drop);
    v = (v + d / 2n) / d;
  } else if (drop < 0) {
    v *= 10n ** BigInt(-drop);
  }
  const unit = 10n ** BigInt(decimals);
  const ip = v / unit;
  const fp = (v % unit).toString().padStart(decimals, '0');
  const loc = locale();
  const ints = new Intl.NumberFormat(loc).format(ip);
  const s = decimals > 0 ? `${ints}${sepFor(loc)}${fp}` : ints;
  return (neg && v !== 0n ? '−' : '') + s;
}

export const kg = (mg) => scaled(mg, 6, 3);          // mg -> kg, 3 decimals
export const tonnes = (mg) => scaled(mg, 9, 3);      // mg -> t, 3 decimals
export const pct = (ppb, d = 4) => scaled(ppb, 7, d); // ppb -> %, 10^7 ppb = 1 %
export const money = (cents) => scaled(cents, 2, 2);
export const int = (n) => (n === null || n === undefined ? '—' : new Intl.NumberFormat(locale()).format(n));

// A floating number from the statistics (kg, not an accounting value).
export function num(x, d = 3) {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: d, maximumFractionDigits: d }).format(x);
}

export function withUnit(s, unitKey) { return `${s} ${t(unitKey)}`; }

export function date(iso) {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? iso + 'T00:00:00Z' : iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts = iso.length === 10 ? { dateStyle: 'medium', timeZone: 'UTC' } : { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale(), opts).format(d);
}

// The same without localisation, for values put back into inputs ("1500.000").
export function plain(value, shift, decimals) {
  let v = BigInt(value);
  const neg = v < 0n;
  if (neg) v = -v;
  const drop = shift - decimals;
  if (drop > 0) { const d = 10n ** BigInt(drop); v = (v + d / 2n) / d; } else if (drop < 0) v *= 10n ** BigInt(-drop);
  const unit = 10n ** BigInt(decimals);
  const fp = (v % unit).toString().padStart(decimals, '0');
  return (neg ? '-' : '') + (v / unit).toString() + (decimals > 0 ? '.' + fp : '');
}
