/** Marking job positions and titles as administrative-reform (CCHC) posts; every change is audited by the server. */
import { useEffect, useState } from 'react';
import { Alert, App, Checkbox, Col, Modal, Row, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { indicatorsApi } from '../../api/indicators';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';

export function AdminReformPostsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const posts = useQuery({ queryKey: ['indicators', 'posts'], queryFn: ({ signal }) => indicatorsApi.posts(signal), enabled: open });
  const [jp, setJp] = useState<Set<number>>(new Set());
  const [ti, setTi] = useState<Set<number>>(new Set());
  useEffect(() => {
    if (!posts.data) return;
    setJp(new Set(posts.data.jobPositions.filter((p) => p.adminReform).map((p) => p.id)));
    setTi(new Set(posts.data.titles.filter((p) => p.adminReform).map((p) => p.id)));
  }, [posts.data]);
  const save = useMutation({
    mutationFn: () =>
      indicatorsApi.updatePosts({
        jobPositions: (posts.data?.jobPositions ?? []).map((p) => ({ id: p.id, adminReform: jp.has(p.id) })),
        titles: (posts.data?.titles ?? []).map((p) => ({ id: p.id, adminReform: ti.has(p.id) })),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['indicators'] });
      message.success(t('ind.postsSaved'));
      onClose();
    },
  });
  const toggle = (set: Set<number>, setter: (s: Set<number>) => void, id: number, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    setter(next);
  };
  return (
    <Modal open={open} width={820} title={t('ind.posts')} okText={t('ind.save')} onCancel={onClose} onOk={() => save.mutate()} confirmLoading={save.isPending}>
      <Typography.Paragraph type="secondary">{t('ind.postsIntro')}</Typography.Paragraph>
      {save.isError && <Alert type="error" showIcon message={errorMessage(save.error, locale)} style={{ marginBottom: 12 }} />}
      <Row gutter={24}>
        <Col xs={24} md={10}>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('ind.jobPositions')}
          </Typography.Title>
          {(posts.data?.jobPositions ?? []).map((p) => (
            <div key={p.id}>
              <Checkbox checked={jp.has(p.id)} onChange={(e) => toggle(jp, setJp, p.id, e.target.checked)}>
                {p.name}
              </Checkbox>
            </div>
          ))}
        </Col>
        <Col xs={24} md={14}>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('ind.titles')}
          </Typography.Title>
          <div style={{ maxHeight: 360, overflow: 'auto' }}>
            {(posts.data?.titles ?? []).map((p) => (
              <div key={p.id}>
                <Checkbox checked={ti.has(p.id)} onChange={(e) => toggle(ti, setTi, p.id, e.target.checked)}>
                  {p.name}
                </Checkbox>
              </div>
            ))}
          </div>
        </Col>
      </Row>
    </Modal>
  );
}
