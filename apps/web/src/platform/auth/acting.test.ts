import { describe, expect, it } from 'vitest';
import type { Me } from '@shangliang/contract';
import { actingNodesOf, defaultActing } from './session.tsx';

const me = (roles: [string, string][]): Me => ({
  account: {
    id: 'a',
    username: 'x',
    phone: null,
    displayName: 'X',
    email: null,
    mustChangePassword: false,
    status: 'active',
    createdAt: '',
  },
  roles: roles.map(([role, nodeId], i) => ({
    id: String(i),
    role: role as Me['roles'][number]['role'],
    nodeId,
    nodeName: nodeId,
    nodeKind: 'body',
  })),
  csrfToken: 't',
});

describe('acting node', () => {
  it('groups grants by node', () => {
    const nodes = actingNodesOf(
      me([
        ['member', 'county'],
        ['convener', 'room'],
        ['resident', 'room'],
      ]),
    );
    expect(nodes.map((n) => [n.nodeId, n.roles])).toEqual([
      ['county', ['member']],
      ['room', ['convener', 'resident']],
    ]);
  });
  it('starts where the highest-ranking role is held', () => {
    expect(
      defaultActing(
        actingNodesOf(
          me([
            ['member', 'county'],
            ['convener', 'room'],
          ]),
        ),
      )?.nodeId,
    ).toBe('room');
    expect(defaultActing([])).toBeNull();
  });
});
