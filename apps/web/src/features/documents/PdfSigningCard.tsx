/**
 * The school's certificate for signing PDF files (PAdES, decision 0061): what it is (never its key
 * or password), and for whoever edits the document settings, uploading a PKCS#12 with its password,
 * replacing it or removing it.
 */
import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Popconfirm, Space, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PdfSigningCertificate } from '@nang-tam/contracts';
import { documentsApi } from '../../api/documents';
import { allows } from '../../app/actions';
import { useI18n } from '../../i18n';
import { FormModal } from '../../shared/FormModal';
import { formatDateTime } from '../../shared/format';
import { PageError, PageLoading } from '../../shared/PageState';

interface Values {
  pkcs12: string;
  password: string;
}

/** The file as base64, without its data: URL prefix. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The form's file field: its value is the chosen file as base64; the file's name is shown beside the button. */
function Pkcs12Input({ onChange, chooseLabel }: { value?: string; onChange?: (v: string) => void; chooseLabel: string }) {
  const [name, setName] = useState<string | null>(null);
  return (
    <Space>
      <Upload
        accept=".p12,.pfx,application/x-pkcs12"
        maxCount={1}
        showUploadList={false}
        beforeUpload={async (file) => {
          onChange?.(await base64Of(file));
          setName(file.name);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />}>{chooseLabel}</Button>
      </Upload>
      {name ? <Typography.Text>{name}</Typography.Text> : null}
    </Space>
  );
}

function UploadModal({ unitId, onClose, onSaved }: { unitId: number; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <FormModal<Values>
      open
      name="pdfSigning"
      title={t('pades.uploadTitle')}
      okText={t('pades.upload')}
      intro={<Typography.Paragraph type="secondary">{t('pades.uploadIntro')}</Typography.Paragraph>}
      onClose={onClose}
      fields={['pkcs12', 'password']}
      initialValues={{ password: '' }}
      onSubmit={async (v) => {
        await documentsApi.uploadSigningCertificate(unitId, { pkcs12: v.pkcs12, password: v.password ?? '' });
        message.success(t('pades.saved'));
        onSaved();
      }}
    >
      {() => (
        <>
          <Form.Item name="pkcs12" label={t('pades.file')} rules={[{ required: true, message: t('pades.fileRequired') }]}>
            <Pkcs12Input chooseLabel={t('pades.chooseFile')} />
          </Form.Item>
          <Form.Item name="password" label={t('pades.password')}>
            <Input.Password autoComplete="off" maxLength={200} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

export function PdfSigningCard({ unitId }: { unitId: number }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const key = ['pdf-signing-certificate', unitId];
  const q = useQuery({ queryKey: key, queryFn: () => documentsApi.signingCertificate(unitId) });
  const [uploading, setUploading] = useState(false);
  const remove = useMutation({
    mutationFn: () => documentsApi.removeSigningCertificate(unitId),
    onSuccess: (data: PdfSigningCertificate) => {
      qc.setQueryData(key, data);
      message.success(t('pades.removed'));
    },
  });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  const c = s.certificate;
  return (
    <Card
      size="small"
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('pades.title')}
        </Space>
      }
      extra={
        allows(s, 'update') ? (
          <Space>
            <Button size="small" icon={<UploadOutlined />} onClick={() => setUploading(true)}>
              {c ? t('pades.replace') : t('pades.upload')}
            </Button>
            {c ? (
              <Popconfirm title={t('pades.removeConfirm')} onConfirm={() => remove.mutate()}>
                <Button size="small" danger icon={<DeleteOutlined />} loading={remove.isPending}>
                  {t('pades.remove')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        ) : null
      }
    >
      {c ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('pades.subject')}>{c.subject}</Descriptions.Item>
          <Descriptions.Item label={t('pades.issuer')}>{c.issuer}</Descriptions.Item>
          <Descriptions.Item label={t('pades.validity')}>
            <Space>
              {formatDateTime(c.validFrom, locale)} – {formatDateTime(c.validTo, locale)}
              {c.valid ? <Tag color="green">{t('pades.valid')}</Tag> : <Tag color="red">{t('pades.notValid')}</Tag>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('pades.fingerprint')}>
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {c.fingerprint}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('pades.updated')}>
            {[c.updatedBy, formatDateTime(c.updatedAt, locale)].filter(Boolean).join(' · ')}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      <Typography.Text type="secondary">
        {c ? (c.valid ? t('pades.signsNote') : t('pades.expiredNote')) : t('pades.noneNote')}
      </Typography.Text>
      {uploading ? (
        <UploadModal unitId={unitId} onClose={() => setUploading(false)} onSaved={() => void qc.invalidateQueries({ queryKey: key })} />
      ) : null}
    </Card>
  );
}
