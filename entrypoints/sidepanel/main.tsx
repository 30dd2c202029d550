import { PanelApp } from './PanelApp';
import { startPage } from '@/components/start-page';
import { followLanguageSetting } from '@/utils/language-setting';
import '@/components/theme.css';
import '@/components/lead.css';
import './panel.css';

void startPage('panelTitle', () => <PanelApp />, { follow: followLanguageSetting });
