import { Fragment } from 'preact';
import { plainText, revealedContact } from '@/utils/shown-text';

/**
 * One field of lead data in its own bidi isolate, so it cannot reorder its neighbours (see
 * utils/shown-text.ts); a phone number or email (`contact`) shows its hidden characters.
 */
export function Isolated({ text, contact = false }: { text: string; contact?: boolean }) {
  return <bdi>{contact ? revealedContact(text) : plainText(text)}</bdi>;
}

/** Several fields on one line, " · " between them, each in its own isolate; the empty ones left out. */
export function IsolatedList({ texts, contact = false }: { texts: (string | null | undefined)[]; contact?: boolean }) {
  return (
    <>
      {texts
        .filter((text): text is string => Boolean(text))
        .map((text, index) => (
          <Fragment key={index}>
            {index > 0 && ' · '}
            <Isolated text={text} contact={contact} />
          </Fragment>
        ))}
    </>
  );
}
