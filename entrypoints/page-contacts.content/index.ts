import { defineContentScript } from 'wxt/utils/define-content-script';
import { createMessenger } from '@/entrypoints/content/messenger';
import { PAGE_CONTACTS_HOOK, type PageContactsControl } from '@/utils/page-contacts';
import { createPageReader } from './read-page';

export default defineContentScript({
  // Not in the manifest: the panel runs it in the tab it follows, in every frame the extension
  // may read, with scripting.executeScript (see utils/page-contacts.ts).
  registration: 'runtime',
  matches: [],
  main: () => {
    const world = globalThis as unknown as Record<string, PageContactsControl | undefined>;
    // Run again in a page that has it: the panel asks for what it found.
    const running = world[PAGE_CONTACTS_HOOK];
    if (running) {
      running.sendAgain();
      return;
    }
    const messenger = createMessenger({});
    const reader = createPageReader({
      // No panel listening (it closed) is no failure: the next one asks again.
      send: (contacts) => void messenger.send('pageContacts', { contacts }).catch(() => undefined),
    });
    world[PAGE_CONTACTS_HOOK] = { sendAgain: () => reader.sendAgain() };
    reader.start();
  },
});
