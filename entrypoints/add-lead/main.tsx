import { browser } from 'wxt/browser';
import { AddLeadWindow } from './AddLeadWindow';
import { startPage } from '@/components/start-page';
import { followLanguageSetting } from '@/utils/language-setting';
import { sendMessage } from '@/utils/messaging';
import '@/components/theme.css';
import '@/components/lead.css';
import './add-lead.css';

void startPage(
  'addToMega',
  () => (
    <AddLeadWindow
      askDraft={() => sendMessage('addDraft')}
      closeWindow={() => void browser.windows.remove(browser.windows.WINDOW_ID_CURRENT).catch(() => window.close())}
    />
  ),
  { follow: followLanguageSetting },
);
