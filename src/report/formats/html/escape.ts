/**
 * Escaping for the HTML report. File names, folder names and error messages come from the scanned
 * share, so an attacker can choose them: every one goes through these functions or textContent.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON to embed in `<script type="application/json">`. `<`, `>` and `&` can only occur inside JSON
 * strings, where `\u003c` means the same character: so `</script>` and `<!--` in a file name
 * cannot end the block or open a comment. U+2028/2029 are escaped as well, for any reader that
 * still treats the block as JavaScript source.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
