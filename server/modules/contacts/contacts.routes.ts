import { ContactSchema } from '../../../contracts/contacts';
import { crudRoutes } from '../../lib/crud-routes';
import { contactService } from './contacts.service';

export const contactRoutes = crudRoutes(contactService, ContactSchema);
