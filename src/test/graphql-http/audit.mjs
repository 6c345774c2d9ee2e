// Usage: node audit.mjs <graphql url> <api key>
// Prints one line per audit: "<status>\t<name>\t<reason>" (status ok, warn or error), then exits 0.
import { auditServer } from 'graphql-http';

const [url, key] = process.argv.slice(2);
const fetchWithKey = (input, init = {}) => {
  const headers = new Headers(init.headers || {});
  headers.set('Authorization', `Bearer ${key}`);
  return fetch(input, { ...init, headers });
};
const results = await auditServer({ url, fetchFn: fetchWithKey });
for (const r of results) {
  const reason = r.status === 'ok' ? '' : String(r.reason).replace(/\s+/g, ' ');
  console.log(`${r.status}\t${r.name}\t${reason}`);
}
