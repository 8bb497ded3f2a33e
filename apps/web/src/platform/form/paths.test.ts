import { describe, expect, it } from 'vitest';
import { fieldPath } from './paths.ts';

describe('fieldPath', () => {
  it('maps the server field to the form name path', () => {
    expect(fieldPath('body.name')).toEqual(['name']);
    expect(fieldPath('body.grants.0.nodeId')).toEqual(['grants', 0, 'nodeId']);
    expect(fieldPath('query.q')).toEqual(['q']);
  });
});
