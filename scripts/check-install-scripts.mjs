// Fails when a dependency has install scripts nobody has reviewed: npm 11 only
// warns about them, npm 12 skips them (better-sqlite3 would not build). The
// reviewed ones are pinned in package.json's allowScripts; after an upgrade,
// review the new version and run `npm install-scripts approve <pkg>`.
import { execFileSync } from 'node:child_process';

const out = execFileSync('npm', ['install-scripts', 'ls', '--json'], { encoding: 'utf8' });
const pending = JSON.parse(out).allowScripts.flatMap((pkg) => pkg.changes.filter((c) => c.change === 'pending').map((c) => c.key));
if (pending.length > 0) {
  console.error(`Install scripts not yet reviewed: ${pending.join(', ')}.`);
  console.error('Review them, then run `npm install-scripts approve <pkg>` (or `deny`); see `npm install-scripts ls`.');
  process.exit(1);
}
console.log('Every dependency install script is reviewed (package.json allowScripts).');
