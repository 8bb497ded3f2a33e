import { useEffect, useRef, useState } from 'react';
import { Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import type { GetRef } from 'antd';
import { allowedChildren, type OrgNode } from '@shangliang/contract';
import { useNavigate } from 'react-router-dom';
import { orgApi, type OrgNodeDetail } from './api.ts';

/** Loads every child of a node (pages of 100). */
async function childrenOf(parentId: string): Promise<OrgNode[]> {
  const all: OrgNode[] = [];
  let cursor: string | null = null;
  do {
    const p = await orgApi.list({ parentId, limit: 100, cursor });
    all.push(...p.items);
    cursor = p.nextCursor;
  } while (cursor && all.length < 1000);
  return all;
}

const toData = (n: OrgNode, kids: Map<string, OrgNode[]>): DataNode => ({
  key: n.id,
  title: n.name,
  isLeaf: (allowedChildren[n.kind] ?? []).length === 0,
  children: kids.get(n.id)?.map((c) => toData(c, kids)),
});

/**
 * The org tree beside the node page: rooted at the top of the node's path, opened down to the
 * node, other branches loaded when opened.
 */
export function OrgTree({ current }: { current: OrgNodeDetail }) {
  const navigate = useNavigate();
  const root = current.ancestors[0] ?? current;
  const [kids, setKids] = useState<Map<string, OrgNode[]>>(new Map());
  const [expanded, setExpanded] = useState<string[]>([]);
  const tree = useRef<GetRef<typeof Tree>>(null);
  const pathLoaded = current.ancestors.every((a) => kids.has(a.id));

  // Once the branch down to the node is loaded, bring the node into view.
  useEffect(() => {
    if (pathLoaded) tree.current?.scrollTo({ key: current.id, align: 'auto' });
  }, [pathLoaded, current.id]);

  useEffect(() => {
    const path = current.ancestors.length ? current.ancestors.map((a) => a.id) : [current.id];
    setExpanded((e) => [...new Set([...e, ...path])]);
    void Promise.all(path.map(async (id) => [id, await childrenOf(id)] as const)).then((entries) =>
      setKids((m) => {
        const next = new Map(m);
        for (const [id, list] of entries) next.set(id, list);
        return next;
      }),
    );
  }, [current]);

  return (
    <Tree
      ref={tree}
      treeData={[toData(root, kids)]}
      selectedKeys={[current.id]}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys as string[])}
      loadData={async (n) => {
        const id = String(n.key);
        if (kids.has(id)) return;
        const list = await childrenOf(id);
        setKids((m) => new Map(m).set(id, list));
      }}
      onSelect={(keys) => keys[0] && navigate(`/org/${String(keys[0])}`)}
      blockNode
      height={640}
    />
  );
}
