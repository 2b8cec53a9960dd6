/** "Thông tin ban hành văn bản": the settings of the signed-in user's own organisation. */
import { Flex, Typography } from 'antd';
import { useCurrentUser } from '../../app/session';
import { useI18n } from '../../i18n';
import { DocumentSettingsCard } from './DocumentSettingsCard';
import { PdfSigningCard } from './PdfSigningCard';

export default function DocumentSettingsPage() {
  const me = useCurrentUser();
  const { t } = useI18n();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('nav.documentSettings')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('docs.pageIntro', { unit: me.unit.name })}
      </Typography.Paragraph>
      <DocumentSettingsCard unitId={me.unit.id} />
      <PdfSigningCard unitId={me.unit.id} />
    </Flex>
  );
}
