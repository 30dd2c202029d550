/**
 * Whether a button that acts for the user (copy a value, "Add to MEGA") may act yet.
 *
 * On a web page the card is a frame the page cannot read, but it could try to trick the user into
 * clicking it: cover it, make it transparent, or slip it under the pointer just before a click.
 * So in the card these buttons act only once the card has been visibly on screen for a moment
 * (`ready`; IntersectionObserver v2 also tells whether anything covers it), and where the
 * browser cannot tell that (Firefox), a copy takes a second, deliberate press (`confirmFirst`).
 * Everywhere else (the popup, the options page) the default lets every button act at once.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export interface Gate {
  ready: boolean;
  confirmFirst: boolean;
}

export const ActionGate = createContext<Gate>({ ready: true, confirmFirst: false });

export function useActionGate(): Gate {
  return useContext(ActionGate);
}
