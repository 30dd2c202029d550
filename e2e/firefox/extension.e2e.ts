import { extensionCases } from '../cases/index.ts';
import { testContentScriptSize } from '../shared/bundle-size.ts';
import { describeExtension } from '../shared/suite.ts';
import { launchFirefox } from './launch.ts';

testContentScriptSize('firefox-mv2', 'npm run build:firefox');
describeExtension('firefox', launchFirefox, extensionCases);
