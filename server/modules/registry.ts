// Every CRM entity, once. REST routes, the assistant's tools, MCP, search and undo are built from
// this list: adding an entity here makes it reachable everywhere (DESIGN.md §2, invariant 8).
import type { CrudService } from '../lib/crud';
import { companyService } from './companies/companies.service';
import { contactService } from './contacts/contacts.service';
import { dealService } from './deals/deals.service';
import { leadService } from './leads/leads.service';
import { noteService } from './notes/notes.service';
import { projectService } from './projects/projects.service';
import { taskService } from './tasks/tasks.service';

export const entityServices: CrudService[] = [contactService, companyService, dealService, leadService, projectService, taskService, noteService];

export function serviceForType(type: string): CrudService | undefined {
  return entityServices.find((s) => s.def.type === type);
}
