// The Content-Security-Policy as a meta tag (hosts should also send it as a header, README
// "Deploy"), and a check that index.html complies: no inline script or style, no event-handler
// or style attributes. Not for `trunk serve`, whose live-reload client is an inline script (and
// reads the server's address from placeholders it fills in index.html as it serves it).
import { CONTENT_SECURITY_POLICY } from "./headers.mjs";

/** `trunk serve` has added its live-reload client, an inline script (no policy then). */
export function servedByTrunk(html) {
  return /<script>[\s\S]*?well-known\/trunk\/ws[\s\S]*?<\/script>/.test(html);
}

/** index.html with the policy as the first thing its head applies. */
export function withCspMeta(html) {
  const charset = /<meta charset="utf-8" \/>/;
  if (!charset.test(html)) throw new Error('index.html has no <meta charset="utf-8" /> to put the CSP after');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
  return html.replace(charset, (m) => `${m}\n    ${meta}`);
}

/** Throws if `html` has anything the policy would block. */
export function checkCompliance(html) {
  const problems = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) if (!/\ssrc=/.test(tag)) problems.push(`inline script: ${tag}`);
  if (/<style\b/.test(html)) problems.push("an inline <style>");
  for (const [attr] of html.matchAll(/\s(on[a-z]+|style)=["']/g)) problems.push(`attribute ${attr.trim()}`);
  if (problems.length) throw new Error(`index.html breaks the Content-Security-Policy: ${problems.join("; ")}`);
}
