import type { Contact, ContactCreate, ContactUpdate } from '../../../contracts/contacts';
import { resourceHooks } from '../../lib/resource';

export const contactQueries = resourceHooks<Contact, ContactCreate, ContactUpdate>('contacts');
export const {
  useList: useContacts,
  useOne: useContact,
  useActivities: useContactActivities,
  useCreate: useCreateContact,
  useUpdate: useUpdateContact,
  useDelete: useDeleteContact,
  useRestore: useRestoreContact,
} = contactQueries;
