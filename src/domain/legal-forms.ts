import type { NameToken } from './name-tokens.js';

/**
 * Legal forms dropped from the end of a company name, as token keys (dots already gone, so
 * "L.L.C." and "LLC" are both "llc"). Generic words such as Group, Holdings, Services or
 * Solutions are deliberately absent: "Acme Group" and "Acme" are different companies often enough.
 */
const LEGAL_FORMS: ReadonlySet<string> = new Set([
  // English-speaking
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'llc',
  'pllc',
  'llp',
  'lllp',
  'lp',
  'ltd',
  'limited',
  'plc',
  'pty',
  'pte',
  'pvt',
  // German-speaking
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'kgaa',
  'ug',
  // Romance languages
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'sl',
  'ltda',
  // Benelux, Nordics, elsewhere
  'bv',
  'bvba',
  'nv',
  'oy',
  'oyj',
  'ab',
  'as',
  'aps',
  'sro',
  'kk',
  'sdn',
  'bhd',
]);

/**
 * Forms that are also everyday words ("Day Spa", "Known As") count only when written the way the
 * legal form is written.
 */
const STRICT_FORMS: ReadonlyMap<string, (token: NameToken) => boolean> = new Map([
  ['spa', (token: NameToken) => token.dotted || token.text === 'SpA'],
  ['as', (token: NameToken) => token.dotted || token.text === 'AS'],
]);

export function isLegalForm(token: NameToken): boolean {
  if (token.connector || !LEGAL_FORMS.has(token.key)) return false;
  const strict = STRICT_FORMS.get(token.key);
  return strict === undefined || strict(token);
}
