import type { ReactNode } from 'react';
import { Descriptions, Typography } from 'antd';
import type { Lottery } from '@shangliang/contract';
import { useT } from '../../platform/i18n/index.tsx';
import { percent } from './lotteryLabels.ts';

/**
 * What makes a draw re-runnable, shown alike to the convener and on the public page: the seed,
 * the input digest, the engine and the smallest chance, after the rows the caller puts first.
 */
export function DrawFacts({
  l,
  first,
  layout,
}: {
  l: Pick<Lottery, 'seed' | 'inputDigest' | 'engine' | 'minProbability'>;
  first: { label: string; children: ReactNode }[];
  layout: 'vertical' | 'horizontal';
}) {
  const t = useT();
  const items = [
    ...first,
    {
      label: t('lottery.seedLabel'),
      children: (
        <Typography.Text code copyable={{ text: l.seed }} data-testid="lottery-seed">
          {l.seed}
        </Typography.Text>
      ),
    },
    {
      label: t('lottery.digest'),
      children: (
        <>
          <Typography.Text code copyable={{ text: l.inputDigest }} className="digest" data-testid="lottery-digest">
            {l.inputDigest}
          </Typography.Text>
          <div className="muted small-print">{t('lottery.digestHelp')}</div>
        </>
      ),
    },
    { label: t('lottery.minProbability'), children: percent(l.minProbability) },
    { label: t('lottery.engine'), children: <span className="digest">{l.engine}</span> },
  ].map((item, i) => ({ key: String(i), ...item }));
  return <Descriptions column={1} size="small" bordered layout={layout} className="block lottery-facts" items={items} />;
}
