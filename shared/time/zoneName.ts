/**
 * One short name per time zone, the same on every screen and in the tray: "CT", "ET", "MST",
 * "UTC". Intl offers two candidates and neither is right alone: `short` names the season ("CST"
 * in winter, "CDT" in summer), which reads as a different zone twice a year, and `shortGeneric`
 * ("CT") falls back to a place ("Germany Time", "Chicago (Ortszeit)") or to "GMT+0" outside the
 * locale's own region — even for a PC whose zone has a proper name (UTC, GMT, BST).
 *
 * So: where the zone's two seasonal abbreviations follow the North American pattern (CST/CDT,
 * AKST/AKDT), the generic one is theirs without the season ("CT", "AKT"); a zone that keeps one
 * abbreviation all year keeps it ("MST" for Arizona, "UTC"); otherwise the locale's generic short
 * name when it is an abbreviation ("HE" in fr-CA, "MEZ" in de-DE), else the season's
 * abbreviation ("BST"), else a generic place name, and an offset ("GMT+5:30") only when the
 * zone has no name at all.
 */

const OFFSET = /^(GMT|UTC)[+\-\u2212]\d/;
const ABBREVIATION = /^[A-Z]{2,5}$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneNameAt(at: number, zone: string, locale: string | undefined, style: 'short' | 'shortGeneric'): string {
  const key = `${zone}\u0000${locale ?? ''}\u0000${style}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style });
    formatters.set(key, formatter);
  }
  return formatter.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? '';
}

/** The year-round name per zone, locale and year ('' where the season's abbreviation is used). */
const names = new Map<string, string>();

/** The zone's short name at `at` for people reading `locale` (undefined: the runtime's). Throws RangeError for a zone this runtime does not know. */
export function zoneShortName(zone: string, at: number, locale?: string): string {
  const year = new Date(at).getUTCFullYear();
  const winter = Date.UTC(year, 0, 15);
  const summer = Date.UTC(year, 6, 15);
  const key = `${zone}\u0000${locale ?? ''}\u0000${year}`;
  let name = names.get(key);
  if (name === undefined) {
    name = genericName([zoneNameAt(winter, zone, locale, 'short'), zoneNameAt(summer, zone, locale, 'short')], zone, at, locale);
    names.set(key, name);
  }
  // A seasonal name only stands for the season it is read in.
  return name === '' ? zoneNameAt(at, zone, locale, 'short') : name;
}

/** The year-round name, or '' when the zone is best named by its season's abbreviation. */
function genericName(seasonal: readonly [string, string], zone: string, at: number, locale: string | undefined): string {
  const [winter, summer] = seasonal;
  const named = !OFFSET.test(winter) && !OFFSET.test(summer);
  if (named && winter === summer) return winter;
  // Either order: the southern hemisphere's summer is in January.
  const standard = /^([A-Z]{1,3})ST$/.exec(winter) ?? /^([A-Z]{1,3})ST$/.exec(summer);
  const daylight = /^([A-Z]{1,3})DT$/.exec(summer) ?? /^([A-Z]{1,3})DT$/.exec(winter);
  if (standard !== null && daylight !== null && standard[1] === daylight[1]) return `${standard[1] ?? ''}T`;
  const generic = zoneNameAt(at, zone, locale, 'shortGeneric');
  if (ABBREVIATION.test(generic)) return generic;
  if (named) return '';
  return OFFSET.test(generic) ? '' : generic;
}
