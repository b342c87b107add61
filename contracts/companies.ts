import { z } from 'zod';
import { CustomFieldValuesSchema } from './custom-fields';
import { DecimalSchema, httpUrl, TagsSchema, VersionSchema } from './common';

export const COMPANY_STATUSES = ['lead', 'prospect', 'customer', 'churned'] as const;
export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001+'] as const;

const domainRegex = /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.[a-z0-9-]{1,63})+$/;

/** A postal address in parts, as invoices and shipping labels need it. Every part is optional. */
export const PostalAddressSchema = z.strictObject({
  street: z.string().trim().max(500).nullable().optional().describe('Street and number, possibly several lines'),
  city: z.string().trim().max(200).nullable().optional(),
  region: z.string().trim().max(200).nullable().optional().describe('State, province or county'),
  postalCode: z.string().trim().max(40).nullable().optional(),
  country: z.string().trim().max(100).nullable().optional().describe('Country name or ISO code'),
});
export type PostalAddress = z.infer<typeof PostalAddressSchema>;
export const ADDRESS_PARTS = ['street', 'city', 'region', 'postalCode', 'country'] as const;

/** An address with no part filled in is no address: stored as null. */
const addressField = PostalAddressSchema.nullable().transform((a) => (a && ADDRESS_PARTS.some((k) => a[k]) ? a : null));

const companyFields = {
  name: z.string().trim().min(1, 'Name is required').max(200).describe('Company name'),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => v.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, ''))
    .pipe(z.string().regex(domainRegex, 'must be a domain like acme.com'))
    .nullable()
    .describe('Web domain, e.g. acme.com'),
  website: httpUrl('must be a URL like https://acme.com').nullable().describe('Website URL'),
  industry: z.string().trim().max(100).nullable().describe('Industry, e.g. software'),
  size: z.enum(COMPANY_SIZES).nullable().describe('Head-count band'),
  status: z.enum(COMPANY_STATUSES).describe('Relationship stage'),
  description: z.string().max(10000).nullable().describe('What the company does'),
  address: z.string().max(1000).nullable().describe('Postal address (head office)'),
  billingAddress: addressField.describe('Where invoices go'),
  shippingAddress: addressField.describe('Where goods are delivered'),
  annualRevenue: DecimalSchema.nullable().describe('Annual revenue, exact decimal'),
  employeeCount: z.number().int().min(0).max(10_000_000).nullable().describe('Number of employees'),
  ownerId: z.string().min(1).nullable().describe('User id of the owning team member'),
  tags: TagsSchema.describe('Labels'),
  customFields: CustomFieldValuesSchema,
};

export const CompanyUpdateSchema = z.strictObject(companyFields).partial();
export const CompanyCreateSchema = CompanyUpdateSchema.extend({
  name: companyFields.name,
  status: companyFields.status.default('lead'),
  tags: TagsSchema.default([]),
});
export type CompanyCreate = z.input<typeof CompanyCreateSchema>;
export type CompanyUpdate = z.input<typeof CompanyUpdateSchema>;

export const CompanySchema = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string().nullable(),
  website: z.string().nullable(),
  industry: z.string().nullable(),
  size: z.string().nullable(),
  status: z.enum(COMPANY_STATUSES).describe('Relationship stage'),
  description: z.string().nullable(),
  address: z.string().nullable(),
  billingAddress: PostalAddressSchema.nullable(),
  shippingAddress: PostalAddressSchema.nullable(),
  annualRevenue: z.string().nullable(),
  employeeCount: z.number().nullable(),
  ownerId: z.string().nullable(),
  tags: z.array(z.string()),
  customFields: z.record(z.string(), z.unknown()),
  contactCount: z.number().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: VersionSchema,
  deletedAt: z.string().nullable(),
});
export type Company = z.infer<typeof CompanySchema>;
