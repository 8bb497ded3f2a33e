import { App as AntApp, Form, Input, Modal, Select, Typography } from 'antd';
import { allowedChildren, type NodeKind } from '@shangliang/contract';
import { AppForm, required } from '../../platform/form/FormKit.tsx';
import { useT, type MessageKey } from '../../platform/i18n/index.tsx';
import { orgApi, type OrgNodeDetail } from './api.ts';

interface Values {
  kind?: NodeKind;
  subkind?: string;
  name: string;
  description?: string;
  address?: string;
}

/** Sub-kinds a new node of a kind may take under a parent (the server's rules, for the choice). */
function subkindsFor(kind: NodeKind | undefined, parent: OrgNodeDetail): string[] {
  if (kind === 'body') return parent.subkind === 'city' ? ['county'] : [];
  if (kind === 'town') return ['town', 'street', 'park'];
  if (kind === 'participatingUnit') return ['party', 'federation', 'organisation'];
  return [];
}

/** Creates a child of a node, or edits a node: in a dialog over the node page. */
export function NodeFormModal({
  mode,
  node,
  onClose,
  onDone,
}: {
  mode: 'create' | 'edit';
  node: OrgNodeDetail;
  onClose: () => void;
  onDone: (createdId?: string) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const kind = Form.useWatch('kind', form);
  // Only a city body holds county bodies: do not offer what the server would refuse.
  const kinds = allowedChildren[node.kind].filter((k) => k !== 'body' || node.subkind === 'city');
  const subkinds = subkindsFor(kind, node);
  const labels = {
    kind: t('org.kind'),
    subkind: t('org.subkind'),
    name: t('org.name'),
    description: t('org.description'),
    address: t('org.address'),
  };

  return (
    <Modal
      open
      title={mode === 'create' ? t('org.createTitle', { name: node.name }) : t('org.editTitle', { name: node.name })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={560}
    >
      {mode === 'create' && kinds.length === 0 ? (
        <Typography.Paragraph>{t('org.noChildKinds')}</Typography.Paragraph>
      ) : (
        <AppForm<Values>
          form={form}
          name={mode === 'create' ? 'create-node' : 'edit-node'}
          vertical
          labels={labels}
          submitLabel={mode === 'create' ? t('common.create') : t('common.save')}
          onCancel={onClose}
          initialValues={
            mode === 'edit'
              ? { name: node.name, description: node.description ?? '', address: node.address ?? '' }
              : { kind: kinds.length === 1 ? kinds[0] : undefined }
          }
          onSubmit={async (v) => {
            if (mode === 'create') {
              const created = await orgApi.create({
                parentId: node.id,
                kind: v.kind!,
                subkind: v.subkind || undefined,
                name: v.name.trim(),
                description: v.description?.trim() || undefined,
                address: v.address?.trim() || undefined,
              });
              void message.success(t('org.createdDone'));
              onDone(created.id);
            } else {
              await orgApi.update(node.id, {
                name: v.name.trim(),
                description: v.description?.trim() || null,
                address: v.address?.trim() || null,
              });
              void message.success(t('common.saved'));
              onDone();
            }
          }}
        >
          {mode === 'create' && (
            <Form.Item name="kind" label={labels.kind} rules={[required(t, labels.kind, true)]}>
              <Select
                options={kinds.map((k) => ({ value: k, label: t(`kind.${k}` as MessageKey) }))}
                onChange={() => form.setFieldValue('subkind', undefined)}
              />
            </Form.Item>
          )}
          {mode === 'create' && subkinds.length > 0 && (
            <Form.Item name="subkind" label={labels.subkind} rules={[required(t, labels.subkind, true)]}>
              <Select options={subkinds.map((s) => ({ value: s, label: t(`subkind.${s}` as MessageKey) }))} />
            </Form.Item>
          )}
          <Form.Item
            name="name"
            label={labels.name}
            rules={[required(t, labels.name), { max: 64, message: t('validation.maxLength', { max: 64 }) }]}
          >
            <Input placeholder={t('org.namePlaceholder')} maxLength={64} />
          </Form.Item>
          <Form.Item name="address" label={labels.address} rules={[{ max: 200, message: t('validation.maxLength', { max: 200 }) }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="description"
            label={labels.description}
            rules={[{ max: 2000, message: t('validation.maxLength', { max: 2000 }) }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </AppForm>
      )}
    </Modal>
  );
}
