import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import './format';
import { SessionProvider } from './session/SessionContext';

// Contrast (WCAG AA, 4.5:1 for normal text): antd's default blue (#1677ff) gives white text 4.1:1, its
// grey secondary text 3.4:1 and its error red 3.3:1; these darker shades of the same hues pass. A
// button under the pointer (after a click) must pass too: antd lightens on hover, these darken.
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLinkHover: '#003eb3',
    colorErrorHover: '#a8071a',
    colorInfo: '#0958d9',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    // Placeholders (a select's 全部) are text too: antd's #bfbfbf gives 1.8:1 on white, this 4.6:1.
    colorTextPlaceholder: '#757575',
    fontFamily: '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={THEME}>
      <AntApp>
        <BrowserRouter>
          <SessionProvider>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>
);
