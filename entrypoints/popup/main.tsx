import { render } from 'preact';
import { PopupApp } from '@/components/popup/PopupApp';
import { showPageIn } from '@/utils/i18n';
import '@/components/theme.css';
import '@/components/lead.css';
import '@/components/popup/popup.css';

showPageIn('extName');
render(<PopupApp />, document.getElementById('app')!);
