import { render } from 'preact';
import { PanelApp } from './PanelApp';
import { showPageIn } from '@/utils/i18n';
import '@/components/theme.css';
import '@/components/lead.css';
import './panel.css';

showPageIn('panelTitle');
render(<PanelApp />, document.getElementById('app')!);
