import { render } from 'preact';
import { browser } from 'wxt/browser';
import { AddLeadWindow } from './AddLeadWindow';
import { showPageIn } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import '@/components/theme.css';
import '@/components/lead.css';
import './add-lead.css';

showPageIn('addToMega');
render(
  <AddLeadWindow
    askDraft={() => sendMessage('addDraft')}
    closeWindow={() => void browser.windows.remove(browser.windows.WINDOW_ID_CURRENT).catch(() => window.close())}
  />,
  document.getElementById('app')!,
);
