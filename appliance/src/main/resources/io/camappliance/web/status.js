// The status page: polls /api/status every 2 seconds and shows each value as a table row.
// Nested objects become rows with combined labels ("uploader": {"state": ...} -> "Uploader state").
'use strict';
(function () {
  const PERIOD_MS = 2000;
  const rows = document.getElementById('status-rows');
  const line = document.getElementById('status-line');
  const updated = document.getElementById('updated');

  function flatten(value, path, out) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) {
        flatten(child, path.concat(key), out);
      }
    } else {
      out.push([path, value]);
    }
    return out;
  }

  function words(key) {
    return key
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/[_-]+/g, ' ')
      .toLowerCase();
  }

  function label(path) {
    const text = path.map(words).join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function display(value) {
    if (value === null || value === undefined) {
      return '—';
    }
    if (typeof value === 'boolean') {
      return value ? 'yes' : 'no';
    }
    if (Array.isArray(value)) {
      return value
        .map(function (item) {
          return item !== null && typeof item === 'object' ? JSON.stringify(item) : String(item);
        })
        .join(', ');
    }
    return String(value);
  }

  function render(status) {
    const fresh = document.createDocumentFragment();
    for (const [path, value] of flatten(status, [], [])) {
      const row = document.createElement('tr');
      row.dataset.key = path.join('.');
      const name = document.createElement('th');
      name.scope = 'row';
      name.textContent = label(path);
      const cell = document.createElement('td');
      cell.textContent = display(value);
      row.append(name, cell);
      fresh.append(row);
    }
    rows.replaceChildren(fresh);
  }

  async function poll() {
    try {
      const response = await fetch('/api/status', {
        headers: window.cameraAuth.headers(),
        cache: 'no-store'
      });
      if (!response.ok) {
        throw new Error(response.status + ' ' + (await response.text()).trim());
      }
      render(await response.json());
      if (line.textContent !== 'Connected') {
        line.textContent = 'Connected';
      }
      updated.textContent = 'Updated ' + new Date().toLocaleTimeString();
    } catch (error) {
      line.textContent = 'Status unavailable: ' + error.message;
    } finally {
      window.setTimeout(poll, PERIOD_MS);
    }
  }

  poll();
})();
