// Every browser case, one file per feature, each run in both browsers by e2e/<browser>/*.e2e.ts.
// A case talks to the extension only through the page objects (../pages/) and to the local MEGA
// server through its test interface.
import type { ExtensionCase } from '../shared/suite.ts';
import { accessibilityCases } from './accessibility.ts';
import { accountCases } from './accounts.ts';
import { addToMegaCases } from './add-to-mega.ts';
import { clipboardCases } from './clipboard.ts';
import { deviceCopyCases } from './device-copy.ts';
import { errorCases } from './errors.ts';
import { finderCases } from './finder.ts';
import { hostilePageCases } from './hostile-pages.ts';
import { keyboardCases } from './keyboard.ts';
import { languageCases } from './languages.ts';
import { lookupCases } from './lookup.ts';
import { marksCases } from './marks.ts';
import { nextStepCases } from './next-step.ts';
import { optionsCases } from './options.ts';
import { popupCases } from './popup.ts';
import { reachCases } from './reach.ts';
import { securityCases } from './security.ts';
import { sidePanelCases } from './side-panel.ts';
import { smokeCases } from './smoke.ts';

export const extensionCases: readonly ExtensionCase[] = [
  ...smokeCases,
  ...optionsCases,
  ...lookupCases,
  ...popupCases,
  ...addToMegaCases,
  ...nextStepCases,
  ...errorCases,
  ...securityCases,
  ...accountCases,
  ...deviceCopyCases,
  ...marksCases,
  ...accessibilityCases,
  ...keyboardCases,
  ...clipboardCases,
  ...reachCases,
  ...finderCases,
  ...hostilePageCases,
  ...sidePanelCases,
  ...languageCases,
];
