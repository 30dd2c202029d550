import { Fragment } from 'preact';
import { plainText, revealedContact } from '@/utils/shown-text';
import { t, type MessageKey } from '@/utils/i18n';

/**
 * One field of lead data in its own bidi isolate, so it cannot reorder its neighbours (see
 * utils/shown-text.ts); a phone number or email (`contact`) shows its hidden characters and reads
 * left to right in every language: "+1 415 555 0134" keeps its "+" in front in Arabic too.
 */
export function Isolated({ text, contact = false }: { text: string; contact?: boolean }) {
  return contact ? <bdi dir="ltr">{revealedContact(text)}</bdi> : <bdi>{plainText(text)}</bdi>;
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

/** Stands in for the n-th value while the message is put together: a private-use character no message holds. */
const slot = (index: number) => String.fromCharCode(0xe000 + index);

/** A value in a sentence: lead data, or a phone number or email (`{ contact }`, see `Isolated`). */
export type SentenceValue = string | { contact: string };

/**
 * A message with lead data in it ("Merged into Jane Cooper"), each value drawn in its own `<bdi>`
 * so it cannot reorder the words around it. Name the key as `{'key'}`: the messages test finds the
 * keys in use by their quoted names.
 */
export function Sentence({ message, values }: { message: MessageKey; values: SentenceValue[] }) {
  const parts = t(message, ...values.map((_value, index) => slot(index))).split(/([\uE000-\uE0FF])/);
  return (
    <>
      {parts.map((part, index) => {
        const value = index % 2 === 1 ? values[part.charCodeAt(0) - 0xe000] : undefined;
        if (value === undefined) return part;
        return typeof value === 'string' ? (
          <Isolated key={index} text={value} />
        ) : (
          <Isolated key={index} text={value.contact} contact />
        );
      })}
    </>
  );
}
