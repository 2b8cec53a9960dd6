/** The organisation's document settings: header style, issuing body, symbol, place and signer. */
import { App, Form, Input, Radio } from 'antd';
import type { DocumentSettings, UpdateDocumentSettings } from '@nang-tam/contracts';
import { documentsApi } from '../../api/documents';
import { useI18n } from '../../i18n';
import { FormModal } from '../../shared/FormModal';

type Values = Omit<UpdateDocumentSettings, 'version'>;
const FIELDS = ['headerStyle', 'parentBody', 'issuingBody', 'symbol', 'place', 'signerAuthority', 'signerTitle', 'signerName'] as const;

export function DocumentSettingsModal({
  settings,
  onClose,
  onSaved,
}: {
  settings: DocumentSettings;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const initial: Values = {
    headerStyle: settings.headerStyle,
    parentBody: settings.parentBody,
    issuingBody: settings.issuingBody,
    symbol: settings.symbol,
    place: settings.place,
    signerAuthority: settings.signerAuthority,
    signerTitle: settings.signerTitle,
    signerName: settings.signerName,
  };
  return (
    <FormModal<Values>
      open
      name="docSettings"
      title={t('docs.settingsTitle', { unit: settings.unitName })}
      okText={t('docs.save')}
      onClose={onClose}
      fields={FIELDS}
      initialValues={initial}
      onSubmit={async (v) => {
        await documentsApi.saveSettings(settings.unitId, {
          headerStyle: v.headerStyle,
          parentBody: v.parentBody ?? '',
          issuingBody: v.issuingBody,
          symbol: v.symbol,
          place: v.place,
          signerAuthority: v.signerAuthority ?? '',
          signerTitle: v.signerTitle,
          signerName: v.signerName ?? '',
          version: settings.version,
        });
        message.success(t('docs.saved'));
        onSaved();
      }}
    >
      {() => (
        <>
          <Form.Item name="headerStyle" label={t('docs.headerStyle')}>
            <Radio.Group>
              <Radio value="state">{t('docs.header.state')}</Radio>
              <Radio value="party">{t('docs.header.party')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="parentBody" label={t('docs.parentBody')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="issuingBody"
            label={t('docs.issuingBody')}
            rules={[{ required: true, whitespace: true, message: t('docs.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="symbol"
            label={t('docs.symbol')}
            extra={t('docs.symbolHint')}
            rules={[{ required: true, whitespace: true, message: t('docs.required') }]}
          >
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="place" label={t('docs.place')} rules={[{ required: true, whitespace: true, message: t('docs.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="signerAuthority" label={t('docs.signerAuthority')} extra={t('docs.signerAuthorityHint')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="signerTitle"
            label={t('docs.signerTitle')}
            rules={[{ required: true, whitespace: true, message: t('docs.required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="signerName" label={t('docs.signerName')} extra={t('docs.signerNameHint')}>
            <Input maxLength={100} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
