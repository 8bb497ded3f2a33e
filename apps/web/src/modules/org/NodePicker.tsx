import { useEffect, useState } from 'react';
import { Select } from 'antd';
import type { OrgNode } from '@shangliang/contract';
import { useT } from '../../platform/i18n/index.tsx';
import { orgApi } from './api.ts';
import { kindLabel } from './labels.ts';

/** Picks an org node by typing part of its name. */
export function NodePicker({
  value,
  onChange,
  id,
  'aria-label': ariaLabel,
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  'aria-label'?: string;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<OrgNode[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      orgApi
        .list({ q: q || undefined, limit: 20 })
        .then((p) => live && setOptions(p.items))
        .catch(() => live && setOptions([]))
        .finally(() => live && setLoading(false));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={loading}
      placeholder={t('accounts.grantNodePlaceholder')}
      options={options.map((n) => ({ value: n.id, label: `${n.name}（${kindLabel(t, n)}）` }))}
      style={{ minWidth: 220 }}
    />
  );
}
