import { render } from 'preact';
import { CardApp } from './CardApp';
import { showPageIn } from '@/utils/i18n';

/** Renders the card. Its styles are inlined into card.html at build (build/card-page.ts). */
export function startCard(): void {
  showPageIn('cardTitle');
  render(<CardApp />, document.getElementById('app')!);
}
