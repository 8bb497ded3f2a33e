import { useEffect } from 'react';
import { Button, Card, Collapse, Descriptions, Empty, Flex, List, Tag, Typography } from 'antd';
import { PlusOutlined, PrinterOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useApi } from '../../platform/api/useApi.ts';
import { useSession } from '../../platform/auth/session.tsx';
import { formatDate } from '../../platform/format.ts';
import { isMessageKey, useLocale } from '../../platform/i18n/index.tsx';
import { PublicPage } from '../../platform/layout/PublicPage.tsx';
import { VolunteerSection } from '../deliberations/index.tsx';
import { roomsApi } from './api.ts';

/**
 * A room's public page (扫码即看, no login): who runs it and how, the topics being collected
 * (proposers masked), and the results with the departments' feedback. Phone first.
 */
export default function PublicRoomPage() {
  const { id = '' } = useParams();
  const { t, locale } = useLocale();
  const navigate = useNavigate();
  const { me } = useSession();
  const { data, error, loading } = useApi(() => roomsApi.publicRoom(id), [id]);
  const label = (prefix: string, v: string) => (isMessageKey(`${prefix}.${v}`) ? t(`${prefix}.${v}` as never) : v);

  useEffect(() => {
    if (data) document.title = `${data.profile.name} · ${t('app.name')}`;
  }, [data, t]);

  const propose = () => {
    const target = `/topics/new?roomId=${id}`;
    if (me) navigate(target);
    else navigate('/login', { state: { from: target } });
  };

  return (
    <PublicPage error={error} ready={!loading && !!data}>
      {() =>
        data && (
          <>
            <Typography.Title level={1} className="page-title">
              {data.profile.name}
            </Typography.Title>
            <p className="muted">
              {data.profile.townName}
              {data.profile.address ? ` · ${data.profile.address}` : ''}
            </p>
            <Button type="primary" size="large" block icon={<PlusOutlined />} className="big-button" onClick={propose}>
              {t('room.propose')}
            </Button>
            {!me && (
              <p className="muted small-note">
                {t('room.proposeNote')} <Link to="/register">{t('room.register')}</Link>
              </p>
            )}

            <VolunteerSection roomId={id} />

            <section aria-labelledby="room-topics" className="public-section">
              <h2 id="room-topics" className="section-title">
                {t('room.topics')}
              </h2>
              {data.topics.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="empty-text">{t('room.topicsEmpty')}</span>} />
              ) : (
                <List
                  dataSource={data.topics}
                  rowKey="id"
                  renderItem={(tp) => (
                    <List.Item className="mobile-row">
                      <div className="mobile-card">
                        <div className="mobile-card-title">{me ? <Link to={`/topics/${tp.id}`}>{tp.title}</Link> : tp.title}</div>
                        <Flex gap={4} wrap>
                          <Tag>{label('topic.category', tp.category)}</Tag>
                          <Tag color="blue">{label('topic.state', tp.state)}</Tag>
                        </Flex>
                        <div className="muted">
                          {t('room.proposedBy', { name: tp.proposerName, date: formatDate(tp.createdAt, locale) })} ·{' '}
                          {t('topic.supportCount', { count: tp.supportCount })}
                        </div>
                      </div>
                    </List.Item>
                  )}
                />
              )}
            </section>

            <section aria-labelledby="room-results" className="public-section">
              <h2 id="room-results" className="section-title">
                {t('room.results')}
              </h2>
              {data.deliberations.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="empty-text">{t('room.resultsEmpty')}</span>} />
              ) : (
                data.deliberations.map((d) => (
                  <Card key={d.deliberationId} size="small" className="block" data-testid="public-result">
                    <h3 className="card-title">{d.title}</h3>
                    <p className="muted">
                      <Tag color="red">{label('delib.state', d.state)}</Tag>
                      {d.meetingAt && t('room.meetingOn', { date: formatDate(d.meetingAt, locale) })}
                    </p>
                    {d.recommendations.map((r) => (
                      <div key={r.seq} className="result-rec">
                        <p>
                          <strong>
                            {t('delib.recommendationNo', { seq: r.seq })} {r.text}
                          </strong>
                        </p>
                        {r.responsibilities.map((resp, i) => (
                          <div key={i} className="result-resp">
                            <div>
                              {resp.departmentName}：{resp.action}（{t('resp.deadlineOn', { date: formatDate(resp.deadline, locale) })}）{' '}
                              <Tag>{label('resp.state', resp.state)}</Tag>
                            </div>
                            {resp.feedback && (
                              <div className="feedback">
                                {t('room.feedback')}：{resp.feedback}
                                {resp.feedbackDate && <span className="muted">（{formatDate(resp.feedbackDate, locale)}）</span>}
                              </div>
                            )}
                          </div>
                        ))}
                      </div>
                    ))}
                  </Card>
                ))
              )}
            </section>

            <section aria-labelledby="room-about" className="public-section">
              <h2 id="room-about" className="section-title">
                {t('room.about')}
              </h2>
              <Card size="small">
                <Descriptions column={1} size="small">
                  {data.profile.openingHours && (
                    <Descriptions.Item label={t('room.openingHours')}>{data.profile.openingHours}</Descriptions.Item>
                  )}
                  {data.profile.firstConvener && (
                    <Descriptions.Item label={t('room.firstConvener')}>{data.profile.firstConvener}</Descriptions.Item>
                  )}
                  {data.profile.executiveConvener && (
                    <Descriptions.Item label={t('room.executiveConvener')}>{data.profile.executiveConvener}</Descriptions.Item>
                  )}
                  <Descriptions.Item label={t('room.memberStudio')}>{data.profile.memberStudio ?? t('common.none')}</Descriptions.Item>
                  <Descriptions.Item label={t('room.contactPoint')}>{data.profile.contactPoint ?? t('common.none')}</Descriptions.Item>
                </Descriptions>
              </Card>
              {[
                data.profile.participationScope,
                data.profile.discussionPrinciples,
                data.profile.procedure,
                data.profile.meansOfExchange,
              ].some(Boolean) && (
                <Collapse
                  className="block rules"
                  items={(
                    [
                      ['participationScope', data.profile.participationScope],
                      ['discussionPrinciples', data.profile.discussionPrinciples],
                      ['procedure', data.profile.procedure],
                      ['meansOfExchange', data.profile.meansOfExchange],
                    ] as const
                  )
                    .filter(([, v]) => v)
                    .map(([k, v]) => ({ key: k, label: t(`room.${k}`), children: <p className="pre-wrap">{v}</p> }))}
                />
              )}
            </section>

            <Flex gap={8} wrap className="public-section">
              <Button icon={<QrcodeOutlined />} href={roomsApi.qrUrl(id, 'png')} target="_blank" className="touch-target">
                {t('room.qr')}
              </Button>
              {data.profile.abilities.update && (
                <Button icon={<PrinterOutlined />} href={roomsApi.qrUrl(id, 'svg')} target="_blank" className="touch-target">
                  {t('room.printQr')}
                </Button>
              )}
              {me && (
                <Button href="/" className="touch-target">
                  {t('common.goHome')}
                </Button>
              )}
            </Flex>
          </>
        )
      }
    </PublicPage>
  );
}
