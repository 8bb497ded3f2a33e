import type { ModuleManifest } from '../../platform/module.ts';
import { liveClosesJob } from './live.jobs.ts';
import { MapPlaces, MapScheduler } from './live.map.ts';
import { registerLiveRoutes } from './live.routes.ts';
import { AccessWatch, registerLiveSocket } from './live.socket.ts';
import { VoteWriter } from './live.votes.ts';

/** Live deliberation (issue 6): sessions, statements and votes, the opinion map, speakers, polls, venues, the WebSocket channel. */
export const liveModule: ModuleManifest = {
  name: 'live',
  summary: 'Online, hybrid and remote live sessions of a deliberation, with their live channel',
  tables: [
    'live_session',
    'live_venue',
    'live_participant',
    'live_statement',
    'live_vote',
    'live_map',
    'live_hand',
    'live_poll',
    'live_poll_response',
    'live_promotion',
  ],
  register: (app) => {
    const maps = new MapScheduler(app.deps, app.log);
    app.decorate('liveMaps', maps);
    app.addHook('onClose', () => maps.close());
    registerLiveRoutes(app, maps, new VoteWriter(app.deps));
    const access = new AccessWatch(app.deps, app.log, app.deps.config.LIVE_ACCESS_RECHECK_SECONDS * 1000);
    app.decorate('liveAccess', access);
    app.addHook('onClose', async () => access.close());
    registerLiveSocket(app, new MapPlaces(app.deps.db), access);
  },
  jobs: [liveClosesJob],
};

declare module 'fastify' {
  interface FastifyInstance {
    /** The live module's opinion-map scheduler (tests and the benchmark read its counters). */
    liveMaps: MapScheduler;
    /** The re-checks of live sockets' access (tests move the clock and sweep). */
    liveAccess: AccessWatch;
  }
}
