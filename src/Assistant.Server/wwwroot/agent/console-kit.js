// What the supervisor pages share: building elements from text only (never HTML) and calling the agent API with the
// session cookie and the anti-forgery token. A 401 (signed out, session revoked) goes back to the sign-in page.
'use strict';
window.ConsoleKit = (() => {
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** An API caller that sends the token <csrf()> gives on every request that changes something. */
  function client(csrf) {
    return async function api(method, path, body) {
      const headers = { Accept: 'application/json' };
      const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
      if (method !== 'GET') {
        headers['Content-Type'] = 'application/json';
        headers['X-CSRF-TOKEN'] = csrf() || '';
        init.body = JSON.stringify(body || {});
      }
      let res;
      try {
        res = await fetch(path, init);
      } catch {
        return { ok: false, status: 0, data: null };
      }
      let data = null;
      try {
        const text = await res.text();
        data = text ? JSON.parse(text) : null;
      } catch {
        data = null;
      }
      if (res.status === 401 && path !== '/api/agent/me') window.location.assign('/agent/');
      return { ok: res.ok, status: res.status, data };
    };
  }

  return { el, client };
})();
