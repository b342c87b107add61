// Every CRM entity service, once, keyed by its catalogue type (contracts/entities.ts). REST routes,
// the assistant's tools, MCP, search, import, export, merge and undo are built from this list and the
// catalogue's capabilities. The Record type makes a catalogue entry without a service a compile error.
import { ENTITIES, hasCapability, type EntityCapability, type EntityType } from '../../contracts/entities';
import type { CrudService } from '../lib/crud';
import { campaignService } from './campaigns/campaigns.service';
import { companyService } from './companies/companies.service';
import { contactService } from './contacts/contacts.service';
import { dealService } from './deals/deals.service';
import { eventService } from './events/events.service';
import { leadService } from './leads/leads.service';
import { noteService } from './notes/notes.service';
import { projectService } from './projects/projects.service';
import { reminderService } from './reminders/reminders.service';
import { taskService } from './tasks/tasks.service';
import { viewService } from './views/views.service';

const byType: Record<EntityType, CrudService> = {
  contact: contactService,
  company: companyService,
  deal: dealService,
  lead: leadService,
  project: projectService,
  task: taskService,
  note: noteService,
  campaign: campaignService,
  event: eventService,
  view: viewService,
  reminder: reminderService,
};

/** In catalogue order. */
export const entityServices: CrudService[] = ENTITIES.map((e) => byType[e.type]);

export function serviceForType(type: string): CrudService | undefined {
  return Object.hasOwn(byType, type) ? byType[type as EntityType] : undefined;
}

export function serviceForResource(resource: string): CrudService | undefined {
  return entityServices.find((s) => s.def.resource === resource);
}

/** The services whose catalogue entry has `capability`. */
export function servicesWith(capability: EntityCapability): CrudService[] {
  return ENTITIES.filter((e) => hasCapability(e, capability)).map((e) => byType[e.type]);
}
