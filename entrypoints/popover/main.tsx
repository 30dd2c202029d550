import { render } from 'preact';
import { PopoverApp } from './PopoverApp';
import { showPageIn } from '@/utils/i18n';

/** Renders the card. Its styles are inlined into popover.html at build (build/popover-page.ts). */
export function startPopover(): void {
  showPageIn('popoverTitle');
  render(<PopoverApp />, document.getElementById('app')!);
}
