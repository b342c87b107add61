// Each catalogue record type's web pages and sidebar icon (contracts/entities.ts says which types
// exist, their paths, labels and sidebar order). The router and the sidebar are built from this
// map; the Record type makes a catalogue entry without its line here a compile error.
import { BuildingComplex, CalendarDays, FolderKanban, Handshake, SquareCheckBig, StickyNote, UserPlus, Users, type LucideIcon } from 'lucide-react';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { ENTITIES, type EntityType } from '../contracts/entities';
import { CompaniesListPage } from './features/companies/companies-list-page';
import { CompanyDetailPage } from './features/companies/company-detail-page';
import { ContactDetailPage } from './features/contacts/contact-detail-page';
import { ContactsListPage } from './features/contacts/contacts-list-page';
import { DealDetailPage } from './features/deals/deal-detail-page';
import { DealsPage } from './features/deals/deals-page';
import { EventDetailPage, EventsPage } from './features/events/events-pages';
import { LeadDetailPage } from './features/leads/lead-detail-page';
import { LeadsListPage } from './features/leads/leads-list-page';
import { NoteRedirect, TaskRedirect } from './features/palette/record-redirect';
import { ProjectDetailPage } from './features/projects/project-detail-page';
import { ProjectsListPage } from './features/projects/projects-list-page';
import { TasksPage } from './features/tasks/tasks-page';

export interface EntityPages {
  /** The lucide icon named by the catalogue entry's `icon` (a test holds the two together). */
  icon: LucideIcon;
  /** The page at `route` (a record type without one is reached through other records). */
  List?: ComponentType;
  /** The page at `route/:id` (for notes and tasks: a redirect to where they are shown). */
  Detail: ComponentType;
}

export const ENTITY_PAGES: Record<EntityType, EntityPages> = {
  contact: { icon: Users, List: ContactsListPage, Detail: ContactDetailPage },
  company: { icon: BuildingComplex, List: CompaniesListPage, Detail: CompanyDetailPage },
  deal: { icon: Handshake, List: DealsPage, Detail: DealDetailPage },
  lead: { icon: UserPlus, List: LeadsListPage, Detail: LeadDetailPage },
  project: { icon: FolderKanban, List: ProjectsListPage, Detail: ProjectDetailPage },
  task: { icon: SquareCheckBig, List: TasksPage, Detail: TaskRedirect },
  note: { icon: StickyNote, Detail: NoteRedirect },
  event: { icon: CalendarDays, List: EventsPage, Detail: EventDetailPage },
};

/** The router entries of every record type: its list and its record page. */
export const entityRoutes: RouteObject[] = ENTITIES.flatMap((e) => {
  const { List, Detail } = ENTITY_PAGES[e.type];
  const path = e.route.slice(1);
  return [...(List ? [{ path, element: <List /> }] : []), { path: `${path}/:id`, element: <Detail /> }];
});

export interface NavItem {
  to: string;
  label: string;
  icon: LucideIcon;
}

/** Sidebar entries of the record types, in the catalogue's `nav` order. */
export const entityNav: NavItem[] = ENTITIES.filter((e) => e.nav !== null)
  .sort((a, b) => (a.nav ?? 0) - (b.nav ?? 0))
  .map((e) => ({ to: e.route, label: e.plural, icon: ENTITY_PAGES[e.type].icon }));
