import { Navigate } from 'react-router-dom';
import { useSession } from '../../platform/auth/session.tsx';

/** The org page opens at the node the person acts from. */
export default function OrgIndexPage() {
  const { acting } = useSession();
  if (!acting) return <Navigate to="/" replace />;
  return <Navigate to={`/org/${acting.nodeId}`} replace />;
}
