/** The API's request and response shapes, shared by the server and the web app. */
export * from './common.ts';
export * from './auth.ts';
export * from './org.ts';
export * from './people.ts';
export * from './audit.ts';
export * from './topics.ts';
export * from './settings.ts';
export * from './deliberations.ts';
export * from './notifications.ts';
export * from './files.ts';
export * from './lists.ts';
export * from './rooms.ts';
export * from './selection.ts';
export * from './live.ts';
