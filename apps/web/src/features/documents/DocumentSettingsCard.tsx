/** The organisation's document settings (who issues and signs its printed documents), with its edit form. */
import { useState } from 'react';
import { Button, Card, Descriptions, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { documentsApi } from '../../api/documents';
import { allows } from '../../app/actions';
import { useI18n } from '../../i18n';
import { PageError, PageLoading } from '../../shared/PageState';
import { DocumentSettingsModal } from './DocumentSettingsModal';

export function DocumentSettingsCard({ unitId }: { unitId: number }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['document-settings', unitId], queryFn: () => documentsApi.settings(unitId) });
  const [editing, setEditing] = useState(false);
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  return (
    <Card
      size="small"
      title={t('docs.issuer')}
      extra={
        allows(s, 'update') ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('docs.editSettings')}
          </Button>
        ) : null
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('docs.issuingBody')}>{s.issuingBody}</Descriptions.Item>
        <Descriptions.Item label={t('docs.parentBody')}>{s.parentBody || t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('docs.symbol')}>{s.symbol}</Descriptions.Item>
        <Descriptions.Item label={t('docs.place')}>{s.place}</Descriptions.Item>
        <Descriptions.Item label={t('docs.signer')}>
          {[s.signerAuthority, s.signerTitle, s.signerName].filter((x) => x !== '').join(' · ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('docs.headerStyle')}>
          {t(s.headerStyle === 'party' ? 'docs.header.party' : 'docs.header.state')}
        </Descriptions.Item>
      </Descriptions>
      {s.isDefault ? <Typography.Text type="secondary">{t('docs.defaultsNote')}</Typography.Text> : null}
      {editing ? (
        <DocumentSettingsModal
          settings={s}
          onClose={() => setEditing(false)}
          onSaved={() => void qc.invalidateQueries({ queryKey: ['document-settings', unitId] })}
        />
      ) : null}
    </Card>
  );
}
