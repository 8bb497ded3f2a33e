import { ApiOutlined } from '@ant-design/icons';
import type { WebModule } from '../../platform/module.ts';

/** A link to the API documentation served by the server (OpenAPI, Swagger UI). */
export const docsModule: WebModule = {
  id: 'docs',
  nav: [
    {
      key: 'apiDocs',
      path: '/api/v1/docs',
      label: 'nav.apiDocs',
      icon: <ApiOutlined />,
      roles: ['admin', 'staff'],
      order: 90,
      external: true,
    },
  ],
};
