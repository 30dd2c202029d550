import { render } from 'preact';
import { PopoverApp } from '@/components/PopoverApp';
import '@/components/theme.css';
import '@/components/lead.css';
import '@/components/popover.css';

render(<PopoverApp />, document.getElementById('app')!);
