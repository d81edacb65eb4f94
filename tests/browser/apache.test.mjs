// The handbook through real Apache (Debian's apache2), configured with the snippet that
// `triobog hosting apache --dir <site>` prints and only the modules it names: the smoke part of
// the suite (hosting-helpers.mjs) under /trio/.

import { hostingSmokeTests } from './hosting-helpers.mjs';
import { useSite } from './lib/harness.mjs';
import { startApache } from './lib/webserver.mjs';
import { REPO_ROOT } from './lib/site.mjs';

const site = useSite(REPO_ROOT, { serve: (dir) => startApache(dir, { sitePath: '/trio/' }) });

hostingSmokeTests(site, 'apache');
