import { extensionCases } from '../cases/index.ts';
import { describeExtension } from '../shared/suite.ts';
import { launchChromium } from './launch.ts';

describeExtension('chromium', launchChromium, extensionCases);
