import { extensionCases } from '../cases/index.ts';
import { testContentScriptSize } from '../shared/bundle-size.ts';
import { describeExtension } from '../shared/suite.ts';
import { launchChromium } from './launch.ts';

testContentScriptSize('chrome-mv3', 'npm run build');
describeExtension('chromium', launchChromium, extensionCases);
