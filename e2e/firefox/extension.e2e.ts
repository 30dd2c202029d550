import { testContentScriptSize } from '../shared/bundle-size.ts';
import { extensionCases } from '../cases/index.ts';
import { hostilePageCases } from '../shared/hostile-pages.ts';
import { reachCases } from '../shared/reach-cases.ts';
import { describeExtension } from '../shared/suite.ts';
import { launchFirefox } from './launch.ts';

testContentScriptSize('firefox-mv2', 'npm run build:firefox');
describeExtension('firefox', launchFirefox, [...extensionCases, ...reachCases, ...hostilePageCases]);
