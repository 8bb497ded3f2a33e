import { v7 } from 'uuid';

/** A new identifier: UUIDv7, time-ordered so that ids sort by creation (STYLE.md point 7). */
export const newId = (): string => v7();
