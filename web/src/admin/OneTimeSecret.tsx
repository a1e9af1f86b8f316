/**
 * A secret the API shows once (an initial password, an API token): only its hash is kept, so the
 * dialog says to pass it on now. Copyable; nothing else in the console keeps it.
 */
import { Alert, Modal, Typography } from 'antd';

export function OneTimeSecret({
  title,
  label,
  secret,
  note,
  onClose,
}: {
  title: string;
  label: string;
  secret: string;
  note: string;
  onClose: () => void;
}) {
  return (
    <Modal open title={title} onOk={onClose} onCancel={onClose} okText="我已记下" cancelButtonProps={{ hidden: true }}>
      <Alert type="warning" showIcon title="只显示这一次" description={note} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>
        {label}：
        <Typography.Text code copyable={{ text: secret }} data-testid="one-time-secret">
          {secret}
        </Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}
