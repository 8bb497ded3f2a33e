import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useT } from '../../platform/i18n/index.tsx';
import { PageHeader } from '../../platform/layout/PageHeader.tsx';
import { responsibilitiesApi } from './api.ts';
import { ResponsibilityList } from './ResponsibilityList.tsx';

/** The responsibility list (责任落实清单) in the person's scope, with its Excel export. */
export default function ResponsibilitiesPage() {
  const t = useT();
  return (
    <>
      <PageHeader
        title={t('resp.title')}
        crumbs={[{ label: t('nav.home'), to: '/' }]}
        extra={
          <Button icon={<DownloadOutlined />} href={responsibilitiesApi.exportUrl}>
            {t('resp.exportExcel')}
          </Button>
        }
      />
      <ResponsibilityList />
    </>
  );
}
