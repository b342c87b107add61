// What an import column can mean, per resource: the target fields, the header spellings other CRMs
// and spreadsheets use for them (matched after normalizing case, spaces and punctuation), and how a
// cell's text becomes a value. Mapping CRM exports is domain knowledge no library carries.
import { parseAmount } from '../../../contracts/money';

export type Coerce = (raw: string) => { value: unknown } | { error: string };

export interface ImportField {
  field: string;
  label: string;
  synonyms: string[];
  coerce?: Coerce;
}

const EMPTY = /^(|-|–|n\/a|na|null|none)$/i;

/** "yes", "true", "1", "x" → true; "no", "false", "0" → false. */
export const yesNo: Coerce = (raw) => {
  const t = raw.trim().toLowerCase();
  if (EMPTY.test(t)) return { value: null };
  if (['yes', 'y', 'true', '1', 'x', 'ja', 'oui'].includes(t)) return { value: true };
  if (['no', 'n', 'false', '0', 'nein', 'non'].includes(t)) return { value: false };
  return { error: `"${raw.trim()}" is not yes or no` };
};

export const text: Coerce = (raw) => ({ value: EMPTY.test(raw.trim()) ? null : raw.trim() });

/** "9,500,000.00", "2.5e9", "1 200", "12k"; money also "$7,500", "1.2m", "€3 000" (contracts/money.ts); "-" is empty. */
export function number(decimals: boolean): Coerce {
  return (raw) => {
    const s = raw.trim();
    if (EMPTY.test(s)) return { value: null };
    // The one amount parser the chat and the forms use; e-notation from spreadsheets as a fallback.
    const parsed = parseAmount(s);
    const n = parsed ? Number(parsed.amount) : /^-?\d+(\.\d+)?e[+-]?\d+$/i.test(s) ? Number(s) : NaN;
    if (!Number.isFinite(n)) return { error: `"${s}" is not a number` };
    if (decimals) return { value: parsed ? parsed.amount : n.toFixed(2) };
    return { value: Math.round(n) };
  };
}

export const lower: Coerce = (raw) => {
  const t = raw.trim().toLowerCase();
  return { value: EMPTY.test(t) ? null : t };
};

/** Domains arrive as URLs, with www., or with a trailing slash. */
export const domain: Coerce = (raw) => {
  const t = raw.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '');
  return { value: EMPTY.test(t) ? null : t };
};

export const list: Coerce = (raw) => ({ value: raw.split(/[;,|]/).map((x) => x.trim()).filter(Boolean) });

/** Dates as YYYY-MM-DD, DD.MM.YYYY or MM/DD/YYYY. */
export const isoDate: Coerce = (raw) => {
  const s = raw.trim();
  if (EMPTY.test(s)) return { value: null };
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) return { value: `${m[1]}-${m[2]}-${m[3]}` };
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (m) return { value: `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` };
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return { value: `${m[3]}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}` };
  return { error: `"${s}" is not a date (use YYYY-MM-DD)` };
};

const person: ImportField[] = [
  { field: 'name', label: 'Full name (split into first and last)', synonyms: ['name', 'fullname', 'personname', 'contactname', 'contact'] },
  { field: 'firstName', label: 'First name', synonyms: ['firstname', 'first', 'givenname', 'vorname', 'prenom'] },
  { field: 'lastName', label: 'Last name', synonyms: ['lastname', 'last', 'surname', 'familyname', 'nachname', 'nom'] },
  { field: 'email', label: 'Email', synonyms: ['email', 'emailaddress', 'mail', 'personemail', 'primaryemail'], coerce: lower },
  { field: 'phone', label: 'Phone', synonyms: ['phone', 'phonenumber', 'telephone', 'telefon', 'personphone', 'workphone', 'businessphone'] },
  { field: 'title', label: 'Job title', synonyms: ['title', 'jobtitle', 'position', 'role', 'personjobtitle'] },
  { field: 'source', label: 'Lead source', synonyms: ['source', 'leadsource', 'originalsource'] },
];

/** "unsubscribed", "opted out" and the like read as yes; "subscribed" as no. */
const optOut: Coerce = (raw) => {
  const t = raw.trim().toLowerCase();
  if (['unsubscribed', 'opted out', 'optedout', 'opt-out', 'opt out'].includes(t)) return { value: true };
  if (['subscribed', 'opted in', 'optedin', 'opt-in', 'opt in'].includes(t)) return { value: false };
  return yesNo(raw);
};

/** "Phone call" → phone, "E-mail" → email, "In person" → in_person; unknown channels are an error. */
const channel: Coerce = (raw) => {
  const t = raw.trim().toLowerCase().replace(/[^a-z]/g, '');
  if (EMPTY.test(t)) return { value: null };
  const known: Record<string, string> = { email: 'email', mail: 'email', phone: 'phone', phonecall: 'phone', call: 'phone', telephone: 'phone', sms: 'sms', text: 'sms', textmessage: 'sms', whatsapp: 'whatsapp', linkedin: 'linkedin', inperson: 'in_person', meeting: 'in_person' };
  return known[t] ? { value: known[t] } : { error: `"${raw.trim()}" is not a channel (email, phone, sms, whatsapp, linkedin, in person)` };
};

/** One postal address as import targets `<prefix>.street` … `<prefix>.country`. */
function addressFields(prefix: string, label: string, headerPrefixes: string[]): ImportField[] {
  const parts: [string, string, string[]][] = [
    ['street', 'street', ['street', 'streetaddress', 'address', 'address1', 'addressline1']],
    ['city', 'city', ['city', 'town']],
    ['region', 'state / region', ['state', 'region', 'province', 'stateprovince', 'county']],
    ['postalCode', 'postal code', ['postalcode', 'zip', 'zipcode', 'postcode', 'plz']],
    ['country', 'country', ['country', 'countryregion']],
  ];
  return parts.map(([part, partLabel, names]) => ({
    field: `${prefix}.${part}`,
    label: `${label} ${partLabel}`,
    synonyms: headerPrefixes.flatMap((p) => names.map((n) => p + n)),
  }));
}

export const IMPORT_FIELDS: Record<string, ImportField[]> = {
  contacts: [
    ...person,
    { field: 'company', label: 'Company name (linked, created when new)', synonyms: ['company', 'companyname', 'accountname', 'account', 'organization', 'organizationname', 'organisation', 'firma', 'employer'] },
    { field: 'department', label: 'Department', synonyms: ['department', 'abteilung'] },
    { field: 'status', label: 'Status', synonyms: ['status', 'lifecyclestage', 'stage'], coerce: lower },
    { field: 'linkedinUrl', label: 'LinkedIn URL', synonyms: ['linkedin', 'linkedinurl', 'linkedinprofile'] },
    { field: 'mobile', label: 'Mobile', synonyms: ['mobile', 'mobilephone', 'mobilephonenumber', 'mobilenumber', 'cell', 'cellphone', 'handy'] },
    { field: 'twitterUrl', label: 'X (Twitter)', synonyms: ['twitter', 'twitterusername', 'twitterhandle', 'twitterurl', 'x', 'xhandle'] },
    { field: 'githubUrl', label: 'GitHub', synonyms: ['github', 'githubusername', 'githuburl', 'githubprofile'] },
    { field: 'websiteUrl', label: 'Website', synonyms: ['website', 'websiteurl', 'personalwebsite', 'blog', 'homepage'] },
    { field: 'emailOptOut', label: 'Email opt-out', synonyms: ['emailoptout', 'optout', 'unsubscribed', 'donotemail', 'unsubscribedfromallemail', 'hasoptedoutofemail', 'marketingemailstatus'], coerce: optOut },
    { field: 'doNotCall', label: 'Do not call', synonyms: ['donotcall', 'dnc', 'nocalls'], coerce: yesNo },
    { field: 'preferredChannel', label: 'Preferred channel', synonyms: ['preferredchannel', 'preferredcontactmethod', 'contactpreference', 'preferredcontact'], coerce: channel },
    { field: 'about', label: 'About', synonyms: ['about', 'notes', 'description', 'bio'] },
    { field: 'tags', label: 'Tags', synonyms: ['tags', 'labels'], coerce: list },
  ],
  companies: [
    { field: 'name', label: 'Name', synonyms: ['name', 'companyname', 'company', 'accountname', 'organizationname', 'firma'] },
    { field: 'domain', label: 'Domain', synonyms: ['domain', 'companydomainname', 'domainname', 'websitedomain'], coerce: domain },
    { field: 'website', label: 'Website', synonyms: ['website', 'websiteurl', 'url', 'homepage'] },
    { field: 'industry', label: 'Industry', synonyms: ['industry', 'branche', 'sector'] },
    { field: 'employeeCount', label: 'Employees', synonyms: ['employees', 'numberofemployees', 'employeecount', 'headcount', 'mitarbeiter'], coerce: number(false) },
    { field: 'annualRevenue', label: 'Annual revenue', synonyms: ['annualrevenue', 'revenue', 'umsatz'], coerce: number(true) },
    { field: 'address', label: 'Address / city', synonyms: ['address', 'city', 'streetaddress', 'ort', 'stadt'] },
    ...addressFields('billingAddress', 'Billing', ['billing', 'billingaddress', 'bill']),
    ...addressFields('shippingAddress', 'Shipping', ['shipping', 'shippingaddress', 'ship']),
    { field: 'description', label: 'Description', synonyms: ['description', 'about', 'notes'] },
    { field: 'status', label: 'Status', synonyms: ['status', 'lifecyclestage', 'type'], coerce: lower },
    { field: 'tags', label: 'Tags', synonyms: ['tags', 'labels'], coerce: list },
  ],
  leads: [
    ...person,
    { field: 'companyName', label: 'Company', synonyms: ['company', 'companyname', 'accountname', 'organization', 'organizationname', 'firma'] },
    { field: 'status', label: 'Status', synonyms: ['status', 'leadstatus'], coerce: lower },
    { field: 'score', label: 'Score', synonyms: ['score', 'leadscore'], coerce: number(false) },
    { field: 'notes', label: 'Notes', synonyms: ['notes', 'description', 'comments'] },
  ],
  deals: [
    { field: 'name', label: 'Deal name', synonyms: ['name', 'dealname', 'title', 'opportunityname', 'dealtitle'] },
    { field: 'amount', label: 'Amount', synonyms: ['amount', 'value', 'dealvalue', 'dealamount'], coerce: number(true) },
    { field: 'currency', label: 'Currency', synonyms: ['currency', 'dealcurrency'] },
    { field: 'stage', label: 'Stage (name in the default pipeline)', synonyms: ['stage', 'dealstage', 'pipelinestage'] },
    { field: 'expectedCloseDate', label: 'Expected close date', synonyms: ['closedate', 'expectedclosedate', 'expectedclose'], coerce: isoDate },
    { field: 'company', label: 'Company name (linked, created when new)', synonyms: ['company', 'companyname', 'accountname', 'organization', 'organizationname'] },
    { field: 'source', label: 'Source', synonyms: ['source', 'leadsource'] },
    { field: 'description', label: 'Description', synonyms: ['description', 'notes'] },
  ],
  campaigns: [
    { field: 'name', label: 'Campaign name', synonyms: ['name', 'campaignname', 'campaign', 'title'] },
    { field: 'type', label: 'Type', synonyms: ['type', 'campaigntype', 'channel'], coerce: lower },
    { field: 'status', label: 'Status', synonyms: ['status', 'campaignstatus'], coerce: lower },
    { field: 'startDate', label: 'Start date', synonyms: ['startdate', 'start', 'begins', 'from'], coerce: isoDate },
    { field: 'endDate', label: 'End date', synonyms: ['enddate', 'end', 'ends', 'to'], coerce: isoDate },
    { field: 'budget', label: 'Budget', synonyms: ['budget', 'budgetedcost', 'plannedcost'], coerce: number(true) },
    { field: 'actualCost', label: 'Actual cost', synonyms: ['actualcost', 'cost', 'spend', 'spent'], coerce: number(true) },
    { field: 'currency', label: 'Currency', synonyms: ['currency'] },
    { field: 'goals', label: 'Goals', synonyms: ['goals', 'goal', 'objective', 'objectives'] },
    { field: 'description', label: 'Description', synonyms: ['description', 'notes', 'about'] },
    { field: 'tags', label: 'Tags', synonyms: ['tags', 'labels'], coerce: list },
  ],
};

export const normalizeHeader = (h: string) =>
  h
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^(person|organization|contact|company|deal)\s*-\s*/, (m) => (m.startsWith('organization') || m.startsWith('company') ? 'company' : ''))
    .replace(/[^a-z0-9]/g, '');

/** Header → field, each field used once, first header wins. */
export function suggestMapping(resource: string, headers: string[], extra: ImportField[] = []): Record<string, string | null> {
  const fields = [...IMPORT_FIELDS[resource], ...extra];
  const used = new Set<string>();
  const out: Record<string, string | null> = {};
  for (const h of headers) {
    const n = normalizeHeader(h);
    const f = fields.find((x) => !used.has(x.field) && x.synonyms.includes(n));
    out[h] = f ? f.field : null;
    if (f) used.add(f.field);
  }
  return out;
}

/** The organization's custom fields as import targets, coerced by their type. */
export function customImportFields(defs: { key: string; label: string; type: string }[]): ImportField[] {
  const coerceFor: Record<string, Coerce> = { number: number(false), currency: number(true), boolean: yesNo, date: isoDate, multi_select: list };
  return defs.map((d) => ({
    field: `customFields.${d.key}`,
    label: `${d.label} (custom field)`,
    synonyms: [normalizeHeader(d.label), normalizeHeader(d.key)],
    coerce: d.type === 'number' ? (raw) => {
      const r = number(false)(raw);
      return 'value' in r && typeof r.value === 'number' ? { value: r.value } : r;
    } : coerceFor[d.type],
  }));
}
