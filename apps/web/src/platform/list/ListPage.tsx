import { useState, type Key, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Card, Empty, Flex, Form, List, Table, Typography } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import { DownloadOutlined, FilterOutlined, LeftOutlined, ReloadOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import { useSession } from '../auth/session.tsx';
import { errorMessage } from '../errors.ts';
import { formatDateTime, formatNumber } from '../format.ts';
import { useLocale } from '../i18n/index.tsx';
import { useIsMobile } from '../layout/responsive.ts';
import { download, toCsv } from './csv.ts';
import { useCursorList, type PageFetcher } from './useCursorList.ts';

/** A column of the exported file. */
export interface ExportColumn<T> {
  title: string;
  value: (row: T) => unknown;
}

export interface ListPageProps<T, F> {
  /** Names the list for screen readers ("委员列表"). */
  label: string;
  fetchPage: PageFetcher<T, F>;
  /** The filters before the person sets any. */
  initialFilters: F;
  /** The filter bar's fields: `Form.Item`s named after the keys of the form values. */
  filterFields?: ReactNode;
  /** Turns the filter form's values into filters (dates to ISO, empty to undefined). */
  toFilters?: (values: Record<string, unknown>) => F;
  columns: ColumnsType<T>;
  rowKey: (row: T) => string;
  /** What will appear here and how to make it appear. */
  emptyText: string;
  /** Offers an export of every row matching the filters (staff want the data in Excel). */
  exportAs?: { filename: string; columns: ExportColumn<T>[] };
  /** How one row reads on a phone, where tables do not fit; the columns as label/value when absent. */
  renderMobileItem?: (row: T) => ReactNode;
  expandable?: TableProps<T>['expandable'];
  /** Changes this to reload (e.g. after creating a row). */
  reloadKey?: Key;
  pageSize?: number;
}

const EXPORT_LIMIT = 5000;

/**
 * The one list page (DESIGN.md: antd 6 has no ProTable): a filter bar above, the table (a list
 * of cards on phones), cursor pagination with the total, an empty state that says what will
 * appear, and an optional CSV export for Excel.
 */
export function ListPage<T extends object, F>(props: ListPageProps<T, F>) {
  const {
    label,
    fetchPage,
    initialFilters,
    filterFields,
    toFilters,
    columns,
    rowKey,
    emptyText,
    exportAs,
    renderMobileItem,
    expandable,
    reloadKey,
  } = props;
  const { t, locale } = useLocale();
  const mobile = useIsMobile();
  const { me } = useSession();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [filters, setFilters] = useState<F>(initialFilters);
  const [exporting, setExporting] = useState(false);
  // On phones the filters fold away behind one button, so that the list starts near the top.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const list = useCursorList(fetchPage, { ...filters, reloadKey } as F, props.pageSize ?? 20);

  const applyFilters = (values: Record<string, unknown>) => {
    const cleaned = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === '' || v === null ? undefined : v]));
    setFilters(toFilters ? toFilters(cleaned) : ({ ...initialFilters, ...cleaned } as F));
  };

  const runExport = async () => {
    if (!exportAs) return;
    setExporting(true);
    try {
      const rows: T[] = [];
      let cursor: string | null = null;
      do {
        const p = await fetchPage(filters, cursor, 100);
        rows.push(...p.items);
        cursor = p.nextCursor;
      } while (cursor && rows.length < EXPORT_LIMIT);
      const by = t('list.exportedBy', { name: me?.account.displayName ?? '', at: formatDateTime(new Date().toISOString()) });
      const csv = toCsv([[by], exportAs.columns.map((c) => c.title), ...rows.map((r) => exportAs.columns.map((c) => c.value(r)))]);
      download(`${exportAs.filename}-${new Date().toISOString().slice(0, 10)}.csv`, csv);
      void message.success(t('common.exported', { count: rows.length }));
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setExporting(false);
    }
  };

  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="empty-text">{emptyText}</span>} />;

  return (
    <section aria-label={label} className="list-page">
      {mobile && filterFields && (
        <Button icon={<FilterOutlined />} aria-expanded={filtersOpen} onClick={() => setFiltersOpen((o) => !o)} className="filter-toggle">
          {t('list.filters')}
        </Button>
      )}
      {(filterFields || exportAs) && (!mobile || filtersOpen) && (
        <Card size="small" className="filter-bar">
          <Form
            form={form}
            layout={mobile ? 'vertical' : 'inline'}
            onFinish={applyFilters}
            aria-label={t('list.filters')}
            className="filter-form"
          >
            {filterFields}
            <Form.Item>
              <Flex gap={8} wrap>
                {filterFields && (
                  <>
                    <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                      {t('common.search')}
                    </Button>
                    <Button
                      icon={<ReloadOutlined />}
                      onClick={() => {
                        form.resetFields();
                        setFilters(initialFilters);
                      }}
                    >
                      {t('common.reset')}
                    </Button>
                  </>
                )}
                {exportAs && !mobile && (
                  <Button icon={<DownloadOutlined />} loading={exporting} disabled={exporting || list.total === 0} onClick={runExport}>
                    {exporting ? t('common.exporting') : t('common.export')}
                  </Button>
                )}
              </Flex>
            </Form.Item>
          </Form>
        </Card>
      )}

      {Boolean(list.error) && <Alert type="error" showIcon title={t('common.loadFailed', { reason: errorMessage(t, list.error) })} />}

      {mobile ? (
        <List
          loading={list.loading}
          dataSource={list.items}
          locale={{ emptyText: list.loaded ? empty : t('common.loading') }}
          rowKey={rowKey}
          renderItem={(row) => (
            <List.Item className="mobile-row">
              {renderMobileItem ? renderMobileItem(row) : <ColumnsAsPairs row={row} columns={columns} />}
            </List.Item>
          )}
        />
      ) : (
        <Table<T>
          columns={columns}
          dataSource={list.items}
          rowKey={rowKey}
          loading={list.loading}
          pagination={false}
          locale={{ emptyText: list.loaded ? empty : t('common.loading') }}
          expandable={expandable ? { columnTitle: <span className="sr-only">{t('common.view')}</span>, ...expandable } : undefined}
          size="middle"
          scroll={{ x: 'max-content' }}
        />
      )}

      <Flex justify="space-between" align="center" className="pager" wrap gap={8}>
        <Typography.Text aria-live="polite">
          {list.loaded
            ? `${t('common.total', { total: formatNumber(list.total, locale) })} · ${t('common.pageOf', { page: list.page })}`
            : t('common.loading')}
        </Typography.Text>
        <Flex gap={8}>
          <Button icon={<LeftOutlined />} disabled={!list.hasPrev || list.loading} onClick={list.prev}>
            {t('common.prevPage')}
          </Button>
          <Button disabled={!list.hasNext || list.loading} onClick={list.next}>
            {t('common.nextPage')} <RightOutlined />
          </Button>
        </Flex>
      </Flex>
    </section>
  );
}

/** A row as label/value pairs, for phones. */
function ColumnsAsPairs<T extends object>({ row, columns }: { row: T; columns: ColumnsType<T> }) {
  return (
    <dl className="pairs">
      {columns.map((c, i) => {
        const dataIndex = 'dataIndex' in c ? c.dataIndex : undefined;
        const value = typeof dataIndex === 'string' ? (row as Record<string, unknown>)[dataIndex] : undefined;
        const cell = c.render ? (c.render(value, row, i) as ReactNode) : (value as ReactNode);
        return (
          <div key={String(c.key ?? dataIndex ?? i)} className="pair">
            <dt>{c.title as ReactNode}</dt>
            <dd>{cell ?? '—'}</dd>
          </div>
        );
      })}
    </dl>
  );
}
