import { CardApp } from './CardApp';
import { startPage } from '@/components/start-page';
import { followLanguageInEffect } from '@/utils/language-in-effect';

/** Renders the card. Its styles are inlined into card.html at build (build/card-page.ts). */
export function startCard(): void {
  void startPage('cardTitle', () => <CardApp />, { follow: followLanguageInEffect, drawAtOnce: true });
}
