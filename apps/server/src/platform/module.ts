import type { FastifyInstance } from 'fastify';
import type { Job } from './jobs/index.ts';

/**
 * A capability's manifest (Decidim's component.rb, in small): its name, what it is for, the
 * tables it owns and its routes. `modules/index.ts` lists them; adding one is a folder and a line.
 */
export interface ModuleManifest {
  name: string;
  summary: string;
  tables: string[];
  register(app: FastifyInstance): void;
  /** Periodic jobs the module runs (reminders…); main.ts starts them with the app. */
  jobs?: Job[];
}
