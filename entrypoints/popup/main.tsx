import { PopupApp } from './PopupApp';
import { startPage } from '@/components/start-page';
import { followLanguageSetting } from '@/utils/language-setting';
import '@/components/theme.css';
import '@/components/lead.css';
import './popup.css';
import './device-copy.css';

void startPage('extName', () => <PopupApp />, { follow: followLanguageSetting });
