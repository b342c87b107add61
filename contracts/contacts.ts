import { z } from 'zod';
import { CustomFieldValuesSchema } from './custom-fields';
import { httpUrl, TagsSchema, VersionSchema } from './common';

export const CONTACT_STATUSES = ['lead', 'prospect', 'customer', 'churned', 'inactive'] as const;

const contactFields = {
  firstName: z.string().trim().max(100).nullable().describe('Given name'),
  lastName: z.string().trim().max(100).nullable().describe('Family name'),
  email: z.email({ message: 'must be a valid email address' }).trim().toLowerCase().max(320).nullable().describe('Email address (unique per organization)'),
  phone: z
    .string()
    .trim()
    .max(50)
    .regex(/^[+()\d\s.\-x]*$/, 'may contain only digits, spaces and + ( ) . - x')
    .nullable()
    .describe('Phone number'),
  title: z.string().trim().max(200).nullable().describe('Job title, e.g. CTO'),
  department: z.string().trim().max(200).nullable().describe('Department, e.g. Engineering'),
  companyId: z.uuid({ message: 'must be a company id' }).nullable().describe('Id of the company the contact works at'),
  status: z.enum(CONTACT_STATUSES).describe('Relationship stage'),
  source: z.string().trim().max(100).nullable().describe('Where the contact came from, e.g. referral, website'),
  ownerId: z.string().min(1).nullable().describe('User id of the team member who owns the contact'),
  tags: TagsSchema.describe('Labels'),
  linkedinUrl: httpUrl().nullable().describe('LinkedIn profile URL'),
  about: z.string().max(20000).nullable().describe('Free-text notes about the person'),
  customFields: CustomFieldValuesSchema,
};

export const ContactUpdateSchema = z.strictObject(contactFields).partial();
export const ContactCreateSchema = ContactUpdateSchema.extend({
  status: contactFields.status.default('lead'),
  tags: TagsSchema.default([]),
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
  title: z.string().nullable(),
  department: z.string().nullable(),
  companyId: z.string().nullable(),
  company: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
  status: z.enum(CONTACT_STATUSES).describe('Relationship stage'),
  source: z.string().nullable(),
  ownerId: z.string().nullable(),
  tags: z.array(z.string()),
  linkedinUrl: z.string().nullable(),
  about: z.string().nullable(),
  customFields: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: VersionSchema,
  deletedAt: z.string().nullable(),
});
export type Contact = z.infer<typeof ContactSchema>;
