// The app's one global search: over the record types with the catalogue's `search` capability. REST
// (GET /search), the assistant's search tool and the offline model all use this instance.
import { servicesWith } from '../modules/registry';
import { createSearch } from './search';

export const globalSearch = createSearch(servicesWith('search'));
