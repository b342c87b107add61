// Duplicates and merge for contacts and companies, and the merge preview: the same rule as the
// server (the survivor keeps its values, its blanks are filled from the other, tags are united).
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Company } from '../../../contracts/companies';
import type { Contact } from '../../../contracts/contacts';
import type { DuplicatePair } from '../../../contracts/responses';
import { api } from '../../lib/api';
import { invalidateCrm } from '../../lib/resource';

export type MergeKind = 'contacts' | 'companies';
export type MergeRecord = Contact | Company;

export type { DuplicatePair };

export function useDuplicates(kind: MergeKind, enabled: boolean) {
  return useQuery({
    queryKey: [kind, 'duplicates'],
    queryFn: ({ signal }) => api<{ data: DuplicatePair[] }>(`/${kind}/duplicates`, { signal }).then((r) => r.data),
    enabled,
  });
}

export function useMergeRecord(kind: MergeKind, id: string) {
  return useQuery({ queryKey: [kind, 'one', id], queryFn: ({ signal }) => api<{ data: MergeRecord }>(`/${kind}/${id}`, { signal }).then((r) => r.data) });
}

export function useMerge(kind: MergeKind) {
  return useMutation({
    mutationFn: ({ survivorId, otherId }: { survivorId: string; otherId: string }) =>
      api<{ data: { id: string } }>(`/${kind}/${survivorId}/merge`, { method: 'POST', body: { otherIds: [otherId] } }).then((r) => r.data),
    // The merged-away record is gone: its cached copy must not refetch into a 404.
    onSuccess: (_, { otherId }) => invalidateCrm(otherId),
  });
}

type Shown = string | string[] | null;

interface FieldSpec {
  key: string;
  label: string;
  /** The value as people read it (a company's name rather than its id). */
  show?: (r: MergeRecord) => Shown;
}

export const MERGE_FIELDS: Record<MergeKind, FieldSpec[]> = {
  contacts: [
    { key: 'firstName', label: 'First name' }, { key: 'lastName', label: 'Last name' }, { key: 'email', label: 'Email' }, { key: 'phone', label: 'Phone' },
    { key: 'title', label: 'Job title' }, { key: 'department', label: 'Department' },
    { key: 'companyId', label: 'Company', show: (r) => ('company' in r && r.company ? r.company.name : null) },
    { key: 'status', label: 'Status' }, { key: 'source', label: 'Source' }, { key: 'linkedinUrl', label: 'LinkedIn' }, { key: 'about', label: 'About' }, { key: 'tags', label: 'Tags' },
  ],
  companies: [
    { key: 'name', label: 'Name' }, { key: 'domain', label: 'Domain' }, { key: 'website', label: 'Website' }, { key: 'industry', label: 'Industry' }, { key: 'size', label: 'Size' },
    { key: 'status', label: 'Status' }, { key: 'employeeCount', label: 'Employees' }, { key: 'annualRevenue', label: 'Annual revenue' }, { key: 'address', label: 'Address' },
    { key: 'description', label: 'Description' }, { key: 'tags', label: 'Tags' },
  ],
};

function raw(r: MergeRecord, key: string): unknown {
  return Object.entries(r).find(([k]) => k === key)?.[1] ?? null;
}

function display(r: MergeRecord, f: FieldSpec): Shown {
  if (f.show) return raw(r, f.key) === null ? null : (f.show(r) ?? 'Selected');
  const v = raw(r, f.key);
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.map(String);
  return String(v);
}

export interface MergeRow {
  label: string;
  survivor: Shown;
  other: Shown;
  result: Shown;
  /** The result takes something from the other record. */
  filled: boolean;
}

export function mergePreview(kind: MergeKind, survivor: MergeRecord, other: MergeRecord): MergeRow[] {
  return MERGE_FIELDS[kind].map((f) => {
    const s = display(survivor, f);
    const o = display(other, f);
    if (Array.isArray(s) || Array.isArray(o)) {
      const a = Array.isArray(s) ? s : [];
      const united = [...new Set([...a, ...(Array.isArray(o) ? o : [])])];
      return { label: f.label, survivor: s, other: o, result: united.length ? united : null, filled: united.length > a.length };
    }
    const blank = raw(survivor, f.key) === null || raw(survivor, f.key) === '';
    return { label: f.label, survivor: s, other: o, result: blank ? o : s, filled: blank && o !== null };
  });
}
