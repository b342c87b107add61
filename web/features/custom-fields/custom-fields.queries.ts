// Custom field definitions per entity (GET/POST/PATCH/DELETE /custom-fields) and the helpers that
// read a record's `customFields` values.
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError, qs } from '../../lib/api';
import { invalidateCrm } from '../../lib/resource';
import { queryClient } from '../../lib/query-client';
import type { z } from 'zod';
import { CUSTOM_FIELD_TYPES, type CustomField, type CustomFieldCreateSchema } from '../../../contracts/custom-fields';
import { CUSTOM_FIELD_ENTITIES, entityOf } from '../../../contracts/entities';

export const FIELD_TYPES = CUSTOM_FIELD_TYPES;
export type FieldType = (typeof FIELD_TYPES)[number];
/** Record types with custom fields: the catalogue's `customFields` capability. */
export const FIELD_ENTITIES = CUSTOM_FIELD_ENTITIES;
export type FieldEntity = (typeof FIELD_ENTITIES)[number];

export const TYPE_LABELS: Record<FieldType, string> = {
  text: 'Text', long_text: 'Long text', number: 'Number', currency: 'Currency', date: 'Date', boolean: 'Yes / no',
  select: 'Select (one option)', multi_select: 'Multi-select', url: 'URL', email: 'Email',
};
export const ENTITY_LABELS = Object.fromEntries(FIELD_ENTITIES.map((e) => [e, entityOf(e)!.plural])) as Record<FieldEntity, string>;

export type { CustomField };

export type CustomFieldValue = string | number | boolean | string[] | null;
export type CustomFieldValues = Record<string, CustomFieldValue>;

export type CustomFieldCreate = z.input<typeof CustomFieldCreateSchema>;
export type CustomFieldUpdate = Partial<Pick<CustomField, 'label' | 'required' | 'position'> & { options: string[] }>;

export const hasOptions = (t: FieldType) => t === 'select' || t === 'multi_select';

const keys = { entity: (entity: FieldEntity, archived = false) => ['custom-fields', entity, archived] as const };
const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['custom-fields'] }), invalidateCrm()]);

/**
 * The entity's fields, ordered by position. A server without custom fields (404) reads as none, so
 * forms and lists keep working while the feature is being rolled out.
 */
export function useCustomFields(entity: FieldEntity, options: { includeArchived?: boolean } = {}) {
  const archived = options.includeArchived ?? false;
  return useQuery({
    queryKey: keys.entity(entity, archived),
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      try {
        const r = await api<{ data: CustomField[] }>(`/custom-fields${qs({ entity, includeArchived: archived ? 'true' : undefined })}`, { signal });
        return [...r.data].sort((a, b) => a.position - b.position);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return [];
        throw e;
      }
    },
  });
}

/** Active (not archived) fields of an entity; [] while loading. */
export function useActiveFields(entity: FieldEntity) {
  const q = useCustomFields(entity);
  return (q.data ?? []).filter((f) => !f.archivedAt);
}

export function useCreateField() {
  return useMutation({ mutationFn: (body: CustomFieldCreate) => api<{ data: CustomField }>('/custom-fields', { method: 'POST', body }).then((r) => r.data), onSuccess: refresh });
}

export function useUpdateField() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CustomFieldUpdate }) => api<{ data: CustomField }>(`/custom-fields/${id}`, { method: 'PATCH', body }).then((r) => r.data),
    onSuccess: refresh,
  });
}

export function useArchiveField() {
  return useMutation({ mutationFn: (id: string) => api<void>(`/custom-fields/${id}`, { method: 'DELETE' }), onSuccess: refresh });
}

/** A record's custom field values (records from before the feature have none). */
export function valuesOf(record: object): CustomFieldValues {
  const v: unknown = 'customFields' in record ? record.customFields : undefined;
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as CustomFieldValues) : {};
}
