import { render } from 'preact';
import { OptionsPage } from './OptionsPage';
import { firstOptionsRead } from './use-options-state';
import { showPageIn } from '@/utils/i18n';

// Read before the first render, which the read then overlaps.
const firstRead = firstOptionsRead(navigator.language);
showPageIn('optionsTitle');
render(<OptionsPage firstRead={firstRead} />, document.getElementById('app')!);
