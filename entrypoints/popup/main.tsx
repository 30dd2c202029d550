import { render } from 'preact';
import { PopupApp } from './PopupApp';
import { showPageIn } from '@/utils/i18n';
import '@/components/theme.css';
import '@/components/lead.css';
import './popup.css';
import './device-copy.css';

showPageIn('extName');
render(<PopupApp />, document.getElementById('app')!);
