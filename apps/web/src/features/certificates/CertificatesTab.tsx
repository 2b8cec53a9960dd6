import { useState } from 'react';
import { App, Button, Empty, Flex, Form, Input, Space, Table, Typography, type TableColumnsType } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Certificate, ClassDetail } from '@nang-tam/contracts';
import { certificatesApi } from '../../api/learners';
import { allows } from '../../app/actions';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime } from '../../shared/format';
import { useIsMobile } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { ClassificationTag, LearnerCell } from '../learning/common';
import { FormModal } from '../../shared/FormModal';
import { CertificateStatusTag, PdfButton, VerifyLink } from './common';

/** "Thu hồi văn bằng": the reason is required; the qualification written at graduation leaves the registry. */
export function RevokeModal({
  certificate,
  onClose,
  onRevoked,
}: {
  certificate: Certificate | null;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  if (!certificate) return null;
  return (
    <FormModal<{ reason: string }>
      open
      name="revoke"
      title={t('cert.revokeTitle', { number: certificate.number })}
      okText={t('cert.revoke')}
      onClose={onClose}
      fields={['reason']}
      intro={
        <Typography.Paragraph type="secondary">
          {t('cert.revokeIntro', { name: certificate.holderName, title: certificate.documentTitle.toLowerCase() })}
        </Typography.Paragraph>
      }
      onSubmit={async (v) => {
        await certificatesApi.revoke(certificate.id, v.reason.trim());
        message.success(t('cert.revokedDone', { number: certificate.number }));
        onRevoked();
      }}
    >
      {() => (
        <Form.Item
          name="reason"
          label={t('cert.revokeReason')}
          rules={[{ required: true, whitespace: true, message: t('cert.revokeReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      )}
    </FormModal>
  );
}

/** "Chứng chỉ": the certificates the class's graduation issued: number, holder, classification, PDF, revocation. */
export function CertificatesTab({ cls }: { cls: ClassDetail }) {
  const { t, locale, formatNumber } = useI18n();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const key = ['classes', cls.id, 'certificates'];
  const q = useQuery({ queryKey: key, queryFn: () => certificatesApi.ofClass(cls.id) });
  const [revoking, setRevoking] = useState<Certificate | null>(null);

  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const items = q.data.items;

  const actions = (c: Certificate) => (
    <Space size={4} wrap>
      <PdfButton certificate={c} />
      <VerifyLink certificate={c} />
      {allows(c, 'revoke') && (
        <Button
          size="small"
          danger
          icon={<StopOutlined />}
          onClick={() => setRevoking(c)}
          aria-label={t('cert.revokeOf', { number: c.number })}
        >
          {t('cert.revoke')}
        </Button>
      )}
    </Space>
  );

  const columns: TableColumnsType<Certificate> = [
    { key: 'number', title: t('cert.number'), width: 190, render: (_, c) => <strong className="nt-num">{c.number}</strong> },
    {
      key: 'holder',
      title: t('cert.holder'),
      render: (_, c) => (
        <LearnerCell
          person={{ id: c.person.id, fullName: c.holderName }}
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('cert.born', { date: formatDate(c.holderBirthDate) })}
            </Typography.Text>
          }
        />
      ),
    },
    { key: 'kind', title: t('cert.kind'), width: 150, render: (_, c) => c.documentTitle },
    {
      key: 'class',
      title: t('cert.classification'),
      width: 140,
      render: (_, c) => <ClassificationTag classification={c.classification} />,
    },
    { key: 'issued', title: t('cert.issuedOn'), width: 110, render: (_, c) => <span className="nt-num">{formatDate(c.issuedOn)}</span> },
    {
      key: 'status',
      title: t('cert.status'),
      width: 180,
      render: (_, c) => (
        <Flex vertical gap={2} align="start">
          <CertificateStatusTag certificate={c} />
          {c.revocation && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(c.revocation.revokedAt, locale)}: {c.revocation.reason}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { key: 'actions', title: <span className="nt-visually-hidden">{t('common.actions')}</span>, width: 280, render: (_, c) => actions(c) },
  ];

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        {items.length > 0
          ? t('cert.total', { n: formatNumber(q.data.total) })
          : cls.status === 'finished'
            ? t('cert.noneIssued')
            : t('cert.beforeGraduation')}
      </Typography.Text>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cert.empty')} />
      ) : isMobile ? (
        <Flex vertical gap={8} role="list" aria-label={t('cert.listLabel')}>
          {items.map((c) => (
            <div key={c.id} role="listitem" style={{ border: '1px solid #e5e7eb', borderRadius: 8, padding: 10, background: '#fff' }}>
              <Flex justify="space-between" gap={8} align="start">
                <Flex vertical gap={2}>
                  <strong>{c.holderName}</strong>
                  <span className="nt-num">{c.number}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.documentTitle} · {formatDate(c.issuedOn)}
                  </Typography.Text>
                </Flex>
                <Flex vertical gap={4} align="end">
                  <ClassificationTag classification={c.classification} />
                  <CertificateStatusTag certificate={c} />
                </Flex>
              </Flex>
              <div style={{ marginTop: 8 }}>{actions(c)}</div>
            </div>
          ))}
        </Flex>
      ) : (
        <Table<Certificate>
          aria-label={t('cert.listLabel')}
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          pagination={false}
          scroll={{ x: 1100 }}
        />
      )}
      <RevokeModal
        certificate={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={() => {
          void qc.invalidateQueries({ queryKey: key });
          void qc.invalidateQueries({ queryKey: ['people'] });
        }}
      />
    </Flex>
  );
}
