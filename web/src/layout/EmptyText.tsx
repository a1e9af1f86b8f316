/**
 * What an empty table says, in the theme's secondary text colour: antd draws it in its disabled
 * grey, too faint to read (1.8:1 on white).
 */
import { Typography } from 'antd';

export const emptyText = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
