/**
 * The card frame's script (card.html), built as one self-contained file: a frame that loads
 * one script and no style sheets shows its card sooner, and the card's first frame is the one
 * that counts (the lookup's request runs meanwhile).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startCard } from './card/main';

export default defineUnlistedScript(() => startCard());
