import { describe, expect, it } from 'vitest';
import { normaliseEncoding, robotsPolicy, robotsRulesFor } from './robots.js';

const policyFor = (text: string, agent = 'pdnscan') => robotsPolicy(robotsRulesFor(text, agent));

describe('robots.txt groups', () => {
  it('uses the * group when no group names pdnscan', () => {
    const allowed = policyFor('User-agent: *\nDisallow: /secret/\n');
    expect(allowed('/secret/list.html')).toBe(false);
    expect(allowed('/secret')).toBe(true); // "/secret" does not start with "/secret/"
    expect(allowed('/staff/')).toBe(true);
  });

  it('a group naming pdnscan replaces the * group entirely', () => {
    const text = 'User-agent: *\nDisallow: /\n\nUser-agent: PDNScan/2.0\nDisallow: /private\n';
    const allowed = policyFor(text);
    expect(allowed('/index.html')).toBe(true);
    expect(allowed('/private/a.pdf')).toBe(false);
  });

  it('ignores groups for other crawlers', () => {
    const allowed = policyFor('User-agent: Googlebot\nDisallow: /\n');
    expect(allowed('/anything')).toBe(true);
  });

  it('consecutive user-agent lines share one group; groups naming the same agent are merged', () => {
    const text = ['User-agent: bingbot', 'User-agent: pdnscan', 'Disallow: /a/', '', 'User-agent: pdnscan', 'Disallow: /b/'].join('\n');
    const allowed = policyFor(text);
    expect(allowed('/a/x')).toBe(false);
    expect(allowed('/b/x')).toBe(false);
    expect(allowed('/c/x')).toBe(true);
  });

  it('comments, Sitemap and Crawl-delay lines, CRLF, and an empty Disallow', () => {
    const text = '# site rules\r\nUser-agent: * # everyone\r\nCrawl-delay: 5\r\nDisallow:\r\nSitemap: https://x.example/sitemap.xml\r\n';
    expect(policyFor(text)('/anything')).toBe(true);
  });

  it('always allows /robots.txt itself', () => {
    expect(policyFor('User-agent: *\nDisallow: /\n')('/robots.txt')).toBe(true);
  });
});

describe('robots.txt rule matching', () => {
  it('the longest matching pattern wins, whichever comes first', () => {
    const allowed = policyFor('User-agent: *\nAllow: /docs/public/\nDisallow: /docs/\n');
    expect(allowed('/docs/public/report.pdf')).toBe(true);
    expect(allowed('/docs/internal.pdf')).toBe(false);
    const reversed = policyFor('User-agent: *\nDisallow: /docs/\nAllow: /docs/public/\n');
    expect(reversed('/docs/public/report.pdf')).toBe(true);
  });

  it('Allow wins a tie of equal length', () => {
    const allowed = policyFor('User-agent: *\nDisallow: /page\nAllow: /page\n');
    expect(allowed('/page')).toBe(true);
  });

  it('a longer Disallow beats a shorter Allow', () => {
    const allowed = policyFor('User-agent: *\nAllow: /\nDisallow: /staff/private\n');
    expect(allowed('/staff/private.html')).toBe(false);
    expect(allowed('/staff/')).toBe(true);
  });

  it('* matches any run of characters and $ anchors the end', () => {
    const allowed = policyFor('User-agent: *\nDisallow: /*.xlsx$\nDisallow: /*?session=\n');
    expect(allowed('/files/staff.xlsx')).toBe(false);
    expect(allowed('/files/staff.xlsx?v=2')).toBe(true);
    expect(allowed('/list?session=42')).toBe(false);
    expect(allowed('/list?page=2')).toBe(true);
  });

  it('matches the query string and treats pattern characters literally', () => {
    const allowed = policyFor('User-agent: *\nDisallow: /search?q=\nDisallow: /a.b\n');
    expect(allowed('/search?q=ivanov')).toBe(false);
    expect(allowed('/aXb')).toBe(true);
    expect(allowed('/a.b/c')).toBe(false);
  });

  it('compares Cyrillic patterns with percent-encoded paths', () => {
    const allowed = policyFor('User-agent: *\nDisallow: /документы/\n');
    expect(allowed(new URL('https://x.example/документы/приказ.pdf').pathname)).toBe(false);
    expect(allowed('/%d0%b4%d0%be%d0%ba%d1%83%d0%bc%d0%b5%d0%bd%d1%82%d1%8b/a')).toBe(false);
    expect(normaliseEncoding('/a b/%2f')).toBe('/a%20b/%2F');
  });
});
