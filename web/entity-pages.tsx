// Each catalogue record type's web pages and sidebar icon (contracts/entities.ts says which types
// exist, their paths, labels and sidebar order). A record type's web folder declares them in its
// `web/features/<folder>/pages.tsx` as `export const entityPages: EntityPages = { type, icon, List,
// Detail }`; this module finds every such file (Vite resolves the pattern at build time), so adding
// a record type needs no line here. The router and the sidebar are built from what it finds;
// server/catalogue.test.ts fails when a catalogue type has no pages.tsx, or a pages.tsx names a type
// the catalogue does not have or one that another pages.tsx already declares.
import type { LucideIcon } from 'lucide-react';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { ENTITIES, entityOf, type EntityType } from '../contracts/entities';

export interface EntityPages {
  /** The catalogue type these pages show. */
  type: EntityType;
  /** The lucide icon named by the catalogue entry's `icon` (a test holds the two together). */
  icon: LucideIcon;
  /** The page at `route` (a record type without one is reached through other records). */
  List?: ComponentType;
  /** The page at `route/:id` (for notes and tasks: a redirect to where they are shown). */
  Detail: ComponentType;
}

const modules = import.meta.glob<{ entityPages?: EntityPages }>('./features/*/pages.tsx', { eager: true });

/** What was found, and what is wrong with it: each problem names the file to fix. */
function collect() {
  const pages: Partial<Record<EntityType, EntityPages>> = {};
  const problems: string[] = [];
  for (const [file, mod] of Object.entries(modules)) {
    const p = mod.entityPages;
    if (!p) problems.push(`${file} exports no \`entityPages\``);
    else if (!entityOf(p.type)) problems.push(`${file} declares pages for "${p.type}", which is not in contracts/entities.ts`);
    else if (pages[p.type]) problems.push(`${file} declares pages for "${p.type}", which another features/*/pages.tsx already declares`);
    else pages[p.type] = p;
  }
  for (const e of ENTITIES) if (!pages[e.type]) problems.push(`catalogue type "${e.type}" has no web/features/<folder>/pages.tsx exporting \`entityPages\``);
  return { pages, problems };
}

const found = collect();

/** Each catalogue type's pages; a type without a pages.tsx is missing here (and in `pageProblems`). */
export const ENTITY_PAGES: Partial<Record<EntityType, EntityPages>> = found.pages;

/** Empty when every catalogue type has exactly one pages.tsx; the catalogue test asserts it. */
export const pageProblems: readonly string[] = found.problems;
if (pageProblems.length > 0) console.error(`web/entity-pages.tsx:\n${pageProblems.join('\n')}`);

/** The router entries of every record type: its list and its record page. */
export const entityRoutes: RouteObject[] = ENTITIES.flatMap((e) => {
  const pages = ENTITY_PAGES[e.type];
  if (!pages) return [];
  const { List, Detail } = pages;
  const path = e.route.slice(1);
  return [...(List ? [{ path, element: <List /> }] : []), { path: `${path}/:id`, element: <Detail /> }];
});

export interface NavItem {
  to: string;
  label: string;
  icon: LucideIcon;
}

/** Sidebar entries of the record types (those with pages), in the catalogue's `nav` order. */
export const entityNav: NavItem[] = ENTITIES.filter((e) => e.nav !== null && ENTITY_PAGES[e.type])
  .sort((a, b) => (a.nav ?? 0) - (b.nav ?? 0))
  .map((e) => ({ to: e.route, label: e.plural, icon: ENTITY_PAGES[e.type]!.icon }));
