import { extensionCases } from '../cases/index.ts';
import { describeExtension } from '../shared/suite.ts';
import { launchFirefox } from './launch.ts';

describeExtension('firefox', launchFirefox, extensionCases);
