/**
 * Whether a button or link that acts for the user (copy a value, "Add to MEGA", "Not this person",
 * "Open in MEGA", a custom field's link) may act yet.
 *
 * On a web page the card is a frame the page cannot read, but it could try to trick the user into
 * clicking it: cover it, make it transparent, or slip it under the pointer just before a click.
 * So in the card these buttons act only once the card has been visibly on screen for a moment
 * (`ready`; IntersectionObserver v2 also tells whether anything covers it), and where the
 * browser cannot tell that (Firefox), a copy takes a second, deliberate press (`confirmFirst`),
 * and "Add to MEGA" opens its form in a window of its own, out of the page's reach.
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

/** What a gated button or link takes: it says it is disabled, and acts only once the gate is open. */
export interface GatedProps {
  'aria-disabled': true | undefined;
  onClick: (event: MouseEvent) => void;
  /** A middle click opens a link too, without a click event. */
  onAuxClick: (event: MouseEvent) => void;
}

/**
 * Props for the buttons and links of one component that act through the gate: `gated(act)` for
 * a button, `gated()` for a link, whose default (opening it) is held back while the gate is closed.
 */
export function useGated(): (act?: () => void) => GatedProps {
  const { ready } = useActionGate();
  return (act) => {
    const onClick = (event: MouseEvent) => {
      if (!ready) {
        event.preventDefault();
        return;
      }
      act?.();
    };
    return {
      'aria-disabled': ready ? undefined : true,
      onClick,
      onAuxClick: (event) => ready || event.preventDefault(),
    };
  };
}
