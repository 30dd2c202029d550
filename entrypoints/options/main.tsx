import { OptionsPage } from './OptionsPage';
import { firstOptionsRead } from './use-options-state';
import { startPage } from '@/components/start-page';
import { followLanguageSetting } from '@/utils/language-setting';

// Read while the language loads, before the first render, which the read then overlaps.
const firstRead = firstOptionsRead(navigator.language);
void startPage('optionsTitle', () => <OptionsPage firstRead={firstRead} />, { follow: followLanguageSetting });
