import { Descriptions, Tag } from 'antd';
import type { Member } from '@shangliang/contract';
import { useT } from '../../platform/i18n/index.tsx';

/** A member's record as label/value pairs. */
export function MemberFields({ member: m }: { member: Member }) {
  const t = useT();
  return (
    <Descriptions column={1} size="small">
      <Descriptions.Item label={t('members.name')}>
        {m.name} {m.standing && <Tag color="red">{t('members.standing')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={t('members.gender')}>{t(m.gender === 'female' ? 'members.female' : 'members.male')}</Descriptions.Item>
      <Descriptions.Item label={t('members.birthYear')}>{m.birthYear ?? t('common.none')}</Descriptions.Item>
      <Descriptions.Item label={t('members.body')}>{m.bodyName}</Descriptions.Item>
      <Descriptions.Item label={t('members.sector')}>{m.sectorName ?? t('common.none')}</Descriptions.Item>
      <Descriptions.Item label={t('members.town')}>{m.townName ?? t('common.none')}</Descriptions.Item>
      <Descriptions.Item label={t('members.expertise')}>{m.expertise ?? t('common.none')}</Descriptions.Item>
    </Descriptions>
  );
}
