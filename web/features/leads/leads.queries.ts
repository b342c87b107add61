import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ConvertResult } from '../../../contracts/responses';
import type { Lead, LeadConvertSchema, LeadCreateSchema, LeadUpdateSchema } from '../../../contracts/sales';
import { api } from '../../lib/api';
import { invalidateCrm, resourceHooks } from '../../lib/resource';

export type LeadCreate = z.input<typeof LeadCreateSchema>;
export type LeadUpdate = z.input<typeof LeadUpdateSchema>;
export type LeadConvert = z.input<typeof LeadConvertSchema>;

export type { ConvertResult };

export const leadQueries = resourceHooks<Lead, LeadCreate, LeadUpdate>('leads');
export const {
  useList: useLeads,
  useOne: useLead,
  useActivities: useLeadActivities,
  useCreate: useCreateLead,
  useUpdate: useUpdateLead,
  useDelete: useDeleteLead,
  useRestore: useRestoreLead,
} = leadQueries;

export function useConvertLead() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: LeadConvert }) => api<{ data: ConvertResult }>(`/leads/${id}/convert`, { method: 'POST', body }).then((r) => r.data),
    onSuccess: () => invalidateCrm(),
  });
}

/** Mailbox providers: their domain says nothing about the lead's company (as on the server). */
export const FREEMAIL = new Set(['gmail.com', 'googlemail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'live.com', 'icloud.com', 'me.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.de', 'gmx.net', 'web.de', 'yandex.ru', 'mail.ru', 'qq.com']);
