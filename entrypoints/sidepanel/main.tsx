import { PanelApp } from './PanelApp';
import { followActiveTab } from './follow-tab';
import { startPage } from '@/components/start-page';
import { followLanguageSetting } from '@/utils/language-setting';
import '@/components/theme.css';
import '@/components/lead.css';
import './panel.css';

// The page is read while the language loads: the rows come sooner than the panel could ask for them.
const follower = followActiveTab();
void startPage('panelTitle', () => <PanelApp follower={follower} />, { follow: followLanguageSetting });
