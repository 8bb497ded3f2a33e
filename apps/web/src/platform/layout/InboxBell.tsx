import { useEffect, useState } from 'react';
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';

/** The inbox bell in the header, with the unread count (rechecked on every page change). */
export function InboxBell() {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let live = true;
    api
      .get<{ unread: number }>('/notifications', { limit: 1 })
      .then((p) => live && setUnread(p.unread))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [location.pathname]);
  return (
    <Button
      type="text"
      className="touch-target"
      aria-label={t('inbox.bell', { count: unread })}
      onClick={() => navigate('/notifications')}
      icon={
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      }
    />
  );
}
