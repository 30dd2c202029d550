import { e2eConfig } from './vitest.shared.ts';

export default e2eConfig('chromium');
