import { render } from 'preact';
import { OptionsPage } from './OptionsPage';
import { showPageIn } from '@/utils/i18n';

showPageIn('optionsTitle');
render(<OptionsPage />, document.getElementById('app')!);
