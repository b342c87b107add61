import { z } from 'zod';
import { scoreInput, scoreOutputFields } from './scores';
import { CustomFieldValuesSchema } from './custom-fields';
import { httpUrl, TagsSchema, VersionSchema } from './common';

export const CONTACT_STATUSES = ['lead', 'prospect', 'customer', 'churned', 'inactive'] as const;
/** How the person prefers to be reached. */
export const CONTACT_CHANNELS = ['email', 'phone', 'sms', 'whatsapp', 'linkedin', 'in_person'] as const;

const phoneText = z
  .string()
  .trim()
  .max(50)
  .regex(/^[+()\d\s.\-x]*$/, 'may contain only digits, spaces and + ( ) . - x');

/**
 * A social profile as a URL on its site. People paste a handle ("@ada"), a bare path ("x.com/ada")
 * or the full URL; all become "https://<site>/<handle>" so the link opens and duplicates compare equal.
 * Anything with a scheme must be an http(s) URL on one of the site's hosts.
 */
function profileUrl(site: string, hosts: string[], label: string) {
  const message = `must be a ${label} handle like @ada or a URL like https://${site}/ada`;
  return z
    .string()
    .trim()
    .max(500)
    .transform((raw, ctx) => {
      const bare = raw.replace(/^https?:\/\//i, '').replace(/^www\./i, '');
      const [host, ...rest] = bare.split('/');
      const handle = hosts.includes(host.toLowerCase()) ? rest.join('/').replace(/\/+$/, '') : /^@?[\w.-]+$/.test(raw) ? raw.replace(/^@/, '') : null;
      if (!handle || !/^@?[\w.-]+$/.test(handle)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return `https://${site}/${handle.replace(/^@/, '')}`;
    });
}

/** A website: "ada.dev" is read as https://ada.dev. */
const websiteUrl = z
  .string()
  .trim()
  .max(500)
  .transform((v) => (/^[a-z][a-z0-9+.-]*:/i.test(v) ? v : `https://${v}`))
  .pipe(httpUrl('must be a URL like https://ada.dev'));

const contactFields = {
  firstName: z.string().trim().max(100).nullable().describe('Given name'),
  lastName: z.string().trim().max(100).nullable().describe('Family name'),
  email: z.email({ message: 'must be a valid email address' }).trim().toLowerCase().max(320).nullable().describe('Email address (unique per organization)'),
  phone: phoneText.nullable().describe('Phone number (stored in E.164 when it can be read)'),
  mobile: phoneText.nullable().describe('Mobile number (stored in E.164 when it can be read)'),
  title: z.string().trim().max(200).nullable().describe('Job title, e.g. CTO'),
  department: z.string().trim().max(200).nullable().describe('Department, e.g. Engineering'),
  companyId: z.uuid({ message: 'must be a company id' }).nullable().describe('Id of the company the contact works at'),
  status: z.enum(CONTACT_STATUSES).describe('Relationship stage'),
  source: z.string().trim().max(100).nullable().describe('Lead source: where the contact came from, e.g. referral, website, webinar'),
  ownerId: z.string().min(1).nullable().describe('User id of the team member who owns the contact'),
  tags: TagsSchema.describe('Labels'),
  linkedinUrl: httpUrl().nullable().describe('LinkedIn profile URL'),
  twitterUrl: profileUrl('x.com', ['x.com', 'twitter.com', 'mobile.twitter.com'], 'X (Twitter)').nullable().describe('X (Twitter) profile: a handle like @ada or its URL; stored as https://x.com/<handle>'),
  githubUrl: profileUrl('github.com', ['github.com'], 'GitHub').nullable().describe('GitHub profile: a user name or its URL; stored as https://github.com/<name>'),
  websiteUrl: websiteUrl.nullable().describe('Personal website or blog'),
  emailOptOut: z.boolean().describe('The person asked not to receive email: campaigns never mail them'),
  doNotCall: z.boolean().describe('The person asked not to be called'),
  preferredChannel: z.enum(CONTACT_CHANNELS).nullable().describe('How the person prefers to be reached'),
  about: z.string().max(20000).nullable().describe('Free-text notes about the person'),
  score: scoreInput.describe('Contact score, 0–100: computed from fit and engagement; a value set here is a manual override (null clears it and recomputes)'),
  customFields: CustomFieldValuesSchema,
};

export const ContactUpdateSchema = z.strictObject(contactFields).partial();
export const ContactCreateSchema = ContactUpdateSchema.extend({
  status: contactFields.status.default('lead'),
  tags: TagsSchema.default([]),
  emailOptOut: contactFields.emailOptOut.default(false),
  doNotCall: contactFields.doNotCall.default(false),
}).refine((c) => Boolean(c.firstName?.trim() || c.lastName?.trim() || c.email), {
  message: 'A contact needs a name or an email',
  path: ['firstName'],
});
export type ContactCreate = z.input<typeof ContactCreateSchema>;
export type ContactUpdate = z.input<typeof ContactUpdateSchema>;

export const ContactSchema = z.object({
  id: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  companyId: z.string().nullable(),
  company: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
  status: z.enum(CONTACT_STATUSES).describe('Relationship stage'),
  source: z.string().nullable(),
  ownerId: z.string().nullable(),
  tags: z.array(z.string()),
  linkedinUrl: z.string().nullable(),
  twitterUrl: z.string().nullable(),
  githubUrl: z.string().nullable(),
  websiteUrl: z.string().nullable(),
  emailOptOut: z.boolean(),
  doNotCall: z.boolean(),
  preferredChannel: z.enum(CONTACT_CHANNELS).nullable(),
  about: z.string().nullable(),
  ...scoreOutputFields,
  customFields: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: VersionSchema,
  deletedAt: z.string().nullable(),
});
export type Contact = z.infer<typeof ContactSchema>;
