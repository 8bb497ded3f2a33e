export { memoryBus, redisBus, type EventBus } from './bus.ts';
export { createCoordination, type Coordination, type Locks, type RateLimiter } from './coordination.ts';
export {
  appendEvent,
  createStream,
  lastSeq,
  publishEvents,
  readEvents,
  StreamHub,
  transactWithEvents,
  type Emit,
  type StoredEvent,
  type StreamListener,
} from './stream.ts';
