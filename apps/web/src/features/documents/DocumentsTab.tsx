/**
 * "Văn bản": the printed documents of a class (decisions, summons, class list, attendance and grade
 * sheets, certificate register, the class's certificates), each downloaded as an editable Word file
 * or a PDF; a document the records do not allow yet says why. Decisions take a number and a date
 * (drafts for signature). The issuer and signer come from the organiser's settings, edited here
 * by whoever the server allows.
 */
import { useState } from 'react';
import { Alert, Button, DatePicker, Flex, Input, List, Space, Tag, Typography } from 'antd';
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { ClassDetail } from '@nang-tam/contracts';
import { documentsApi } from '../../api/documents';
import { useI18n } from '../../i18n';
import { PageError, PageLoading } from '../../shared/PageState';
import { DocumentJobButton } from './DocumentJobButton';
import { DocumentSettingsCard } from './DocumentSettingsCard';

/** Above this many learners a document is made by a background job (decision 0034); the class's certificates always are. */
const JOB_ABOVE_LEARNERS = 150;

export function DocumentsTab({ cls }: { cls: ClassDetail }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['classes', cls.id, 'documents'], queryFn: () => documentsApi.ofClass(cls.id) });
  const unitId = q.data?.issuer.unitId;
  const [number, setNumber] = useState('');
  const [date, setDate] = useState<Dayjs | null>(null);

  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const iso = date ? date.format('YYYY-MM-DD') : '';

  return (
    <Flex vertical gap={16}>
      {unitId !== undefined ? <DocumentSettingsCard unitId={unitId} /> : null}
      <Flex gap={12} wrap align="end">
        <label>
          <Typography.Text>{t('docs.number')}</Typography.Text>
          <Input
            value={number}
            onChange={(e) => setNumber(e.target.value.trim())}
            maxLength={20}
            placeholder="125"
            style={{ width: 140, display: 'block' }}
            aria-label={t('docs.number')}
          />
        </label>
        <label>
          <Typography.Text>{t('docs.date')}</Typography.Text>
          <DatePicker
            value={date}
            onChange={setDate}
            format="DD/MM/YYYY"
            placeholder={dayjs().format('DD/MM/YYYY')}
            style={{ display: 'block' }}
            aria-label={t('docs.date')}
          />
        </label>
        <Typography.Text type="secondary">{t('docs.numberHint')}</Typography.Text>
      </Flex>
      <List
        bordered
        dataSource={q.data.items}
        aria-label={t('classTab.documents')}
        renderItem={(d) => (
          <List.Item
            data-kind={d.kind}
            actions={
              d.refusal
                ? []
                : d.formats.map((f) => {
                    const opts = d.numbered ? { number, date: iso } : { date: iso };
                    if (d.kind === 'certificates' || cls.enrolled > JOB_ABOVE_LEARNERS)
                      return (
                        <DocumentJobButton
                          key={f}
                          title={d.title}
                          format={f}
                          start={() => documentsApi.startJob(cls.id, d.kind, f, opts)}
                        />
                      );
                    return (
                      <Button
                        key={f}
                        size="small"
                        icon={f === 'docx' ? <FileWordOutlined /> : <FilePdfOutlined />}
                        href={documentsApi.fileUrl(cls.id, d.kind, f, opts)}
                        download
                        aria-label={`${d.title} (${f.toUpperCase()})`}
                      >
                        {f.toUpperCase()}
                      </Button>
                    );
                  })
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  {d.title}
                  {d.numbered ? <Tag>{t('docs.numbered')}</Tag> : null}
                </Space>
              }
              description={d.refusal ? <Alert type="info" showIcon message={d.refusal.message} style={{ padding: '2px 8px' }} /> : null}
            />
          </List.Item>
        )}
      />
    </Flex>
  );
}
