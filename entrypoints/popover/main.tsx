import { render } from 'preact';
import { PopoverApp } from './PopoverApp';
import { showPageIn } from '@/utils/i18n';
import '@/components/theme.css';
import '@/components/lead.css';
import './popover.css';

showPageIn('popoverTitle');
render(<PopoverApp />, document.getElementById('app')!);
