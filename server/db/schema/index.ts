// The data model at one glance: every table the app owns.
export * from './auth';
export * from './crm';
export * from './platform';
export * from './assistant';
export * from './work';
export * from './sales';
export * from './search';
export * from './imports';
export * from './files';
export * from './fields';
export * from './auth-throttle';
export * from './webhooks';
export * from './feedback';
export * from './preferences';
export * from './permissions';
export * from './automations';
export * from './views';
