import { App as AntApp, Card, Form, Input, Table, Tag, Typography } from 'antd';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { formatNumber } from '../../platform/format.ts';
import { useLocale } from '../../platform/i18n/index.tsx';
import { liveApi, type Venue } from './api.ts';
import { QrCode } from './QrCode.tsx';
import type { UseLive } from './useLive.ts';

const HTTPS = /^https:\/\/[^\s<>"']+$/;

/** Venues: the room (main venue) and the sub-venues of a remote session, their video links, sign-in codes and presence. */
export function VenuesPanel({ live }: { live: UseLive }) {
  const { t, locale } = useLocale();
  const { message } = AntApp.useApp();
  const s = live.state.session!;
  const [form] = Form.useForm<{ name: string; videoUrl?: string }>();
  const signInUrl = (v: Venue) => (v.signInCode ? `${s.joinUrl}?venue=${v.id}&code=${encodeURIComponent(v.signInCode)}` : null);
  const total = s.venues.reduce((n, v) => n + v.present, 0);
  return (
    <>
      <Card
        size="small"
        className="block"
        title={<h3 className="card-title">{t('live.venue.title', { n: s.venues.length, present: formatNumber(total, locale) })}</h3>}
      >
        <Table<Venue>
          rowKey="id"
          dataSource={s.venues}
          pagination={false}
          columns={[
            {
              title: t('live.venue.name'),
              dataIndex: 'name',
              render: (_, v) => (
                <>
                  {v.name} {v.main && <Tag color="red">{t('live.venue.main')}</Tag>}
                </>
              ),
            },
            {
              title: t('live.venue.present'),
              dataIndex: 'present',
              align: 'right',
              render: (n: number) => <span data-testid="venue-present">{formatNumber(n, locale)}</span>,
            },
            {
              title: t('live.venue.videoUrl'),
              dataIndex: 'videoUrl',
              render: (u: string | null) =>
                u ? (
                  <Typography.Link href={u} target="_blank" rel="noopener noreferrer">
                    {t('live.venue.openVideo')}
                  </Typography.Link>
                ) : (
                  <span className="muted">{t('common.none')}</span>
                ),
            },
            {
              title: t('live.venue.signIn'),
              render: (_, v) => {
                const url = signInUrl(v);
                return url ? (
                  <div className="venue-qr">
                    <QrCode text={url} size={96} alt={t('live.venue.qrAlt', { venue: v.name })} />
                    <Typography.Text
                      copyable={{ text: url, tooltips: [t('live.console.copyLink'), t('live.console.copied')] }}
                      className="muted"
                    >
                      {t('live.venue.code', { code: v.signInCode ?? '' })}
                    </Typography.Text>
                  </div>
                ) : (
                  <span className="muted">{t('common.none')}</span>
                );
              },
            },
          ]}
        />
      </Card>
      {s.kind === 'remote' && s.state === 'open' && s.abilities.run && (
        <Card size="small" title={<h3 className="card-title">{t('live.venue.add')}</h3>}>
          <AppForm<{ name: string; videoUrl?: string }>
            form={form}
            name="venue"
            labels={{ name: t('live.venue.name') }}
            submitLabel={t('live.venue.add')}
            onSubmit={async (v) => {
              await liveApi.addVenue(s.id, { name: v.name.trim(), videoUrl: v.videoUrl?.trim() || undefined });
              await live.reloadSession();
              form.resetFields();
              void message.success(t('live.venue.added'));
            }}
          >
            <Form.Item name="name" label={t('live.venue.name')} rules={[required(t, t('live.venue.name'))]}>
              <Input maxLength={60} style={{ maxWidth: 320 }} />
            </Form.Item>
            <Form.Item
              name="videoUrl"
              label={t('live.venue.videoUrl')}
              rules={[{ pattern: HTTPS, message: t('live.error.httpsLink') }]}
              extra={t('live.venue.videoHint')}
            >
              <Input maxLength={500} style={{ maxWidth: 480 }} />
            </Form.Item>
          </AppForm>
        </Card>
      )}
    </>
  );
}
