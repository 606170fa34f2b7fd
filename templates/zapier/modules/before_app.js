{{ header }}
'use strict';

// The one paging loop of this app, shared by every list, search and trigger: beforeApp runs once core has built
// `z` for this call, so the loop hangs on `z.pages`. Each style's next request and stop, as the spec language
// defines them: offset = the records read so far; page = page numbers from `first`; cursor = the token at a
// body path; after_id = the last record's id while the has_more flag is true (without a flag: while pages are
// full); link = the Link header's rel="next" URL, requested as it is; every style stops on an empty page.
module.exports = async (input) => {
  const z = input.z;
  const dig = (node, path) => path.reduce((at, key) => {
    if (Array.isArray(at)) return /^-?\d+$/.test(key) ? at[Number(key) < 0 ? at.length + Number(key) : Number(key)] : undefined;
    return at !== null && typeof at === 'object' ? at[key] : undefined;
  }, node);
  // RFC 8288: the target of the entry whose rel (a space-separated list) holds `rel`.
  const linkTarget = (header, rel) => {
    for (const entry of String(header || '').matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
      for (const found of entry[2].matchAll(/;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/gi)) {
        if ((found[1] || found[2] || '').toLowerCase().split(/\s+/).includes(rel)) return entry[1].trim();
      }
    }
    return null;
  };
  // What the request after page `number` (0-based, holding `records`) changes, or null when it was the last page.
  const nextPage = (paging, number, records, response) => {
    if (!records.length) return null;
    const short = records.length < paging.size;
    if (paging.style === 'offset') return short ? null : { params: { [paging.param]: (number + 1) * paging.size } };
    if (paging.style === 'page') return short ? null : { params: { [paging.param]: paging.first + number + 1 } };
    if (paging.style === 'cursor') {
      const token = dig(response.data, paging.token);
      if (token === undefined || token === null || token === '' || typeof token === 'object' || typeof token === 'boolean') return null;
      return { params: { [paging.param]: token } };
    }
    if (paging.style === 'after_id') {
      const more = paging.token.length ? dig(response.data, paging.token) : !short;
      const last = records[records.length - 1] && records[records.length - 1][paging.idField];
      return more === true && last !== undefined && last !== null ? { params: { [paging.param]: last } } : null;
    }
    if (paging.style === 'link') {
      const url = linkTarget(response.getHeader('link'), paging.rel);
      return url ? { url } : null;
    }
    return null;
  };
  // The first request with the next page's parameters set (replacing earlier ones), or the next URL as it is.
  const withPage = (request, paging, next) => {
    const out = { ...request, params: { ...(request.params || {}) } };
    if (request.body !== null && typeof request.body === 'object') out.body = { ...request.body };
    if (next && next.url) return { ...out, url: next.url, params: {} };
    if (next) Object.assign(paging.in === 'body' ? out.body : out.params, next.params);
    return out;
  };
  const tooMany = (paging) => new z.errors.Error(`${paging.label}: more than ${paging.maxPages} pages; stopping`, 'TooManyPages');
  // Every page until the last one, or until `enough(kept, page)`; `keep` picks the records handed on.
  const all = async (request, send, read, paging, { keep, enough } = {}) => {
    const kept = [];
    let next = null;
    for (let number = 0; ; number += 1) {
      const response = await send(withPage(request, paging, next));
      const page = read(response);
      kept.push(...(keep ? page.filter(keep) : page));
      if (enough && enough(kept, page)) return kept;
      next = nextPage(paging, number, page, response);
      if (!next) return kept;
      if (number + 1 >= paging.maxPages) throw tooMany(paging);
    }
  };
  // One page of a dynamic dropdown (canPaginate): Zapier counts pages in bundle.meta.page; offset and page styles
  // compute the page from it, token styles keep the next request in z.cursor between the calls.
  const tokens = ['cursor', 'after_id', 'link'];
  const one = async (bundle, request, send, read, paging) => {
    const number = (bundle.meta && bundle.meta.page) || 0;
    let next = null;
    if (number > 0 && tokens.includes(paging.style)) {
      const saved = await z.cursor.get();
      if (!saved) return [];
      next = JSON.parse(saved);
    } else if (number > 0 && paging.style !== 'none') {
      next = { params: { [paging.param]: paging.style === 'offset' ? number * paging.size : paging.first + number } };
    } else if (number > 0) {
      return [];
    }
    if (number >= paging.maxPages) throw tooMany(paging);
    const response = await send(withPage(request, paging, next));
    const page = read(response);
    if (tokens.includes(paging.style)) {
      const after = nextPage(paging, number, page, response);
      await z.cursor.set(after ? JSON.stringify(after) : '');
    }
    return page;
  };
  input.z.pages = { all, one };
  return input;
};
