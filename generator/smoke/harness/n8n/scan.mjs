// n8n's verification scan (@n8n/scan-community-package analyzePackage) on a local folder, offline.
// Usage: node scan.mjs <packageDir> [source|packed]; prints {passed, message, details} as JSON on stdout.
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const [dir, kind = 'source'] = process.argv.slice(2);
// Published tarballs are scanned on their JavaScript and manifest, sources on TS/JSON (the scanner's own patterns).
const patterns = kind === 'packed' ? ['**/*.js', 'package.json'] : SOURCE_FILE_PATTERNS;
const result = await analyzePackage(dir, patterns);
process.stdout.write(JSON.stringify(result) + '\n');
