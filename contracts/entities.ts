// The entity catalogue: every CRM record type, once (DESIGN.md §2, invariant 8). The server registry,
// REST routes, OpenAPI, assistant/MCP tools, search, import/export, custom fields, undo and the web's
// router, sidebar, resource hooks, export menu, timeline and record links are all derived from this
// list. Adding a record type starts here (see ARCHITECTURE.md → "Adding an entity").
//
// Shape of one entry (kept deliberately flat and stable; other code reads only these keys):
//   type          singular snake_case name: activity/outbox entity type, tool names (create_<type>)
//   resource      REST collection under /api/v1 (plural kebab-case)
//   label/plural  what people read: "Contact" / "Contacts"
//   icon          a lucide-react icon's name (its displayName, e.g. "Users"; web/entity-pages.tsx maps it)
//   route         the web path of its list/records: `${route}/${id}` opens a record
//   nav           position in the sidebar (null: reached only through other records, e.g. notes)
//   capabilities  what the record type takes part in (see ENTITY_CAPABILITIES below)
import { z } from 'zod';

export const ENTITY_CAPABILITIES = [
  /** Notes can be written on it (a note's relatedType). */
  'notes',
  /** Tasks can be about it (a task's relatedType). */
  'tasks',
  /** Files can be attached to it. */
  'attachments',
  /** Admins can define custom fields for it (the table has custom_fields). */
  'customFields',
  /** It carries org-wide tags (the table has tags). */
  'tags',
  /** CSV import (POST /imports with this resource). */
  'import',
  /** CSV/XLSX export of its list (GET /{resource}/export). */
  'export',
  /** Duplicates and merge (GET /{resource}/duplicates, POST /{resource}/{id}/merge). */
  'merge',
  /** Global search (GET /search, the assistant's search tool). */
  'search',
  /** Its history is shown as a timeline (GET /{resource}/{id}/activities). */
  'timeline',
  /** Its created/updated/deleted/restored changes can be undone from a timeline. */
  'undo',
  /** The assistant and MCP get its list/get/create/update/delete tools. */
  'assistantTools',
] as const;
export type EntityCapability = (typeof ENTITY_CAPABILITIES)[number];

export interface EntityInfo {
  type: string;
  resource: string;
  label: string;
  plural: string;
  icon: string;
  route: string;
  nav: number | null;
  capabilities: readonly EntityCapability[];
}

const ALL = ENTITY_CAPABILITIES;
/** Every capability but `drop` (typed precisely, so derived lists such as IMPORT_RESOURCES keep literal types). */
function allBut<const C extends readonly EntityCapability[]>(...drop: C): readonly Exclude<EntityCapability, C[number]>[] {
  return ENTITY_CAPABILITIES.filter((c) => !drop.includes(c)) as Exclude<EntityCapability, C[number]>[];
}
const WORK = ['search', 'timeline', 'undo', 'assistantTools', 'export'] as const;

export const ENTITIES = [
  { type: 'contact', resource: 'contacts', label: 'Contact', plural: 'Contacts', icon: 'Users', route: '/contacts', nav: 3, capabilities: ALL },
  { type: 'company', resource: 'companies', label: 'Company', plural: 'Companies', icon: 'BuildingComplex', route: '/companies', nav: 4, capabilities: ALL },
  { type: 'deal', resource: 'deals', label: 'Deal', plural: 'Deals', icon: 'Handshake', route: '/deals', nav: 1, capabilities: allBut('merge') },
  { type: 'lead', resource: 'leads', label: 'Lead', plural: 'Leads', icon: 'UserPlus', route: '/leads', nav: 2, capabilities: allBut('merge') },
  { type: 'project', resource: 'projects', label: 'Project', plural: 'Projects', icon: 'FolderKanban', route: '/projects', nav: 5, capabilities: allBut('merge', 'import') },
  { type: 'task', resource: 'tasks', label: 'Task', plural: 'Tasks', icon: 'SquareCheckBig', route: '/tasks', nav: 6, capabilities: WORK },
  { type: 'note', resource: 'notes', label: 'Note', plural: 'Notes', icon: 'StickyNote', route: '/notes', nav: null, capabilities: WORK },
  { type: 'campaign', resource: 'campaigns', label: 'Campaign', plural: 'Campaigns', icon: 'Megaphone', route: '/campaigns', nav: 8, capabilities: allBut('merge') },
  { type: 'event', resource: 'events', label: 'Event', plural: 'Events', icon: 'CalendarDays', route: '/events', nav: 7, capabilities: ['notes', 'tasks', 'attachments', ...WORK] },
  // Saved views of the lists (no sidebar entry: they live in each list's views bar).
  { type: 'view', resource: 'views', label: 'View', plural: 'Views', icon: 'Bookmark', route: '/views', nav: null, capabilities: ['timeline', 'undo', 'assistantTools'] },
  { type: 'reminder', resource: 'reminders', label: 'Reminder', plural: 'Reminders', icon: 'BellRing', route: '/reminders', nav: 9, capabilities: WORK },
] as const satisfies readonly EntityInfo[];

export type Entity = (typeof ENTITIES)[number];
export type EntityType = Entity['type'];
export type EntityResource = Entity['resource'];
export type EntityIcon = Entity['icon'];

type Tuple<T> = [T, ...T[]];
export const ENTITY_TYPES = ENTITIES.map((e) => e.type) as Tuple<EntityType>;
export const ENTITY_RESOURCES = ENTITIES.map((e) => e.resource) as Tuple<EntityResource>;
export const EntityTypeSchema = z.enum(ENTITY_TYPES);

export function hasCapability(e: EntityInfo, capability: EntityCapability): boolean {
  return (e.capabilities as readonly string[]).includes(capability);
}

/** The catalogue entries that have capability C (at the type level too). */
export type EntityWith<C extends EntityCapability> = Entity extends infer E ? (E extends { capabilities: readonly (infer K)[] } ? (C extends K ? E : never) : never) : never;

/** The entries that take part in `capability`, in catalogue order. */
export function entitiesWith<C extends EntityCapability>(capability: C): EntityWith<C>[] {
  return ENTITIES.filter((e) => hasCapability(e, capability)) as EntityWith<C>[];
}

/** Types of `capability`'s entities as a tuple (for z.enum). Empty lists are a programming error. */
export function typesWith<C extends EntityCapability>(capability: C): Tuple<EntityWith<C>['type']> {
  return entitiesWith(capability).map((e) => e.type) as Tuple<EntityWith<C>['type']>;
}

export function resourcesWith<C extends EntityCapability>(capability: C): Tuple<EntityWith<C>['resource']> {
  return entitiesWith(capability).map((e) => e.resource) as Tuple<EntityWith<C>['resource']>;
}

export function entityOf(type: string): Entity | undefined {
  return ENTITIES.find((e) => e.type === type);
}

export function entityOfResource(resource: string): Entity | undefined {
  return ENTITIES.find((e) => e.resource === resource);
}

/** The web path of one record, or null for a type that is not in the catalogue. */
export function recordPath(type: string | null | undefined, id: string | null | undefined): string | null {
  const e = type ? entityOf(type) : undefined;
  return e && id ? `${e.route}/${id}` : null;
}

/** Record types a note, task or attachment can be on (relatedType): those with the `notes` capability. */
export const RELATED_TYPES = typesWith('notes');
export type RelatedType = (typeof RELATED_TYPES)[number];
/** Record types admins can add custom fields to. */
export const CUSTOM_FIELD_ENTITIES = typesWith('customFields');
/** REST resources CSV import writes to. */
export const IMPORT_RESOURCES = resourcesWith('import');
export type ImportResource = (typeof IMPORT_RESOURCES)[number];
/** Record types global search covers. */
export const SEARCH_TYPES = typesWith('search');
/** Record types whose merge endpoints exist. */
export const MERGE_TYPES = typesWith('merge');
