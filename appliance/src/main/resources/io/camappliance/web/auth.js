// Access token for the page's own requests. A page opened as /?token=... keeps the token in
// memory, removes it from the address bar (so it is not bookmarked, shared or kept in history)
// and sends it as "Authorization: Bearer" on every fetch. Links marked data-carry-token hand it
// on to the next page, which removes it again.
'use strict';
(function () {
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token');
  if (token !== null) {
    params.delete('token');
    const query = params.toString();
    window.history.replaceState(
      window.history.state,
      '',
      window.location.pathname + (query ? '?' + query : '') + window.location.hash
    );
  }

  function headers(extra) {
    const all = Object.assign({}, extra || {});
    if (token) {
      all.Authorization = 'Bearer ' + token;
    }
    return all;
  }

  document.addEventListener('click', function (event) {
    const link = event.target.closest('a[data-carry-token]');
    if (!link || !token) {
      return;
    }
    event.preventDefault();
    const url = new URL(link.href);
    url.searchParams.set('token', token);
    window.location.assign(url.toString());
  });

  window.cameraAuth = { headers: headers };
})();
