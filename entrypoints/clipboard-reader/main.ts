// An offscreen document has no focus for navigator.clipboard.readText(); a paste into its own
// field is what Chrome allows with `clipboardRead`. The field is emptied again at once.
import { onMessage } from '@/utils/messaging';

const field = document.querySelector('textarea')!;

onMessage('readClipboard', () => {
  field.value = '';
  field.focus();
  document.execCommand('paste');
  const text = field.value;
  field.value = '';
  return text;
});
