// planportal serve: live reload and the build-error overlay. The dev server adds this script to
// every HTML page it serves (never to the built files): it listens to /__planportal/events and
//   hello  {version}              sent on connect while the site builds: reloads if the page is older
//   reload {version}              a rebuild succeeded: reload the page
//   error  {version, diagnostics} a rebuild failed: show the problems over the last good page
// The overlay is built with DOM APIs and textContent only (diagnostics quote the editor's text).
(() => {
  'use strict';
  const script = document.currentScript;
  const served = script ? Number(script.dataset.planportalVersion) : NaN;
  const ID = 'planportal-loi';
  const root = document.documentElement;

  const parse = (event) => {
    try {
      return JSON.parse(event.data);
    } catch {
      return null;
    }
  };

  const element = (tag, text, css) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (css) node.style.cssText = css;
    return node;
  };

  const removeOverlay = () => {
    document.getElementById(ID)?.remove();
  };

  // The source line with its line number, then a caret under the column (tabs kept so it lines up).
  const snippet = (d) => {
    const gutter = String(d.line);
    let text = `${gutter} | ${d.source_line}`;
    if (d.column > 0) {
      const pad = Array.from(d.source_line)
        .slice(0, d.column - 1)
        .map((c) => (c === '\t' ? '\t' : ' '))
        .join('');
      text += `\n${' '.repeat(gutter.length)} | ${pad}^`;
    }
    return text;
  };

  const showOverlay = (diagnostics) => {
    const hadFocus = document.getElementById(ID)?.contains(document.activeElement);
    removeOverlay();
    const dialog = element(
      'section',
      undefined,
      'position:fixed;z-index:2147483647;inset:0 0 auto 0;max-height:85vh;overflow:auto;' +
        'box-sizing:border-box;padding:1rem 1.25rem;background:#fff;color:#1a1a1a;' +
        'border-bottom:6px solid #b00020;box-shadow:0 4px 24px rgba(0,0,0,.35);' +
        'font:16px/1.5 system-ui,sans-serif;text-align:left',
    );
    dialog.id = ID;
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-labelledby', `${ID}-tieu-de`);
    dialog.setAttribute('aria-describedby', `${ID}-mo-ta`);
    dialog.tabIndex = -1;

    const title = element('h2', 'Có lỗi, trang chưa được cập nhật', 'margin:0 0 .5rem;font-size:1.3rem;color:#b00020');
    title.id = `${ID}-tieu-de`;
    const intro = element(
      'p',
      `${diagnostics.length} lỗi. Trang bên dưới là bản dựng thành công gần nhất; ` +
        'sửa các lỗi sau và lưu tệp, trang sẽ tự tải lại.',
      'margin:0 0 .75rem',
    );
    intro.id = `${ID}-mo-ta`;
    dialog.append(title, intro);

    const list = element('ol', undefined, 'margin:0;padding-left:1.5rem');
    for (const d of diagnostics) {
      const item = element('li', undefined, 'margin:0 0 1rem');
      const head = element('p', undefined, 'margin:0');
      const where = element('code', d.location || d.file || '', 'font-weight:700');
      where.className = 'planportal-vi-tri';
      head.append(where, document.createTextNode(`: ${d.message}`));
      if (d.code) head.append(document.createTextNode(` [${d.code}]`));
      item.append(head);
      if (d.source_line) {
        const pre = element(
          'pre',
          snippet(d),
          'margin:.25rem 0;padding:.5rem;background:#f4f4f4;color:#1a1a1a;overflow:auto;' +
            'font:14px/1.4 ui-monospace,monospace;tab-size:4;white-space:pre',
        );
        item.append(pre);
      }
      if (d.help) item.append(element('p', `Gợi ý: ${d.help}`, 'margin:0;color:#333'));
      list.append(item);
    }
    dialog.append(list);

    const close = element(
      'button',
      'Đóng',
      'margin-top:.5rem;padding:.4rem 1rem;font:inherit;cursor:pointer',
    );
    close.type = 'button';
    close.addEventListener('click', removeOverlay);
    dialog.append(close);
    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') removeOverlay();
    });

    document.body.append(dialog);
    // Move focus only when the overlay first appears (or already had it), so typing elsewhere is
    // not interrupted by every failed rebuild.
    if (hadFocus || !document.activeElement || document.activeElement === document.body) {
      dialog.focus();
    }
  };

  const events = new EventSource('/__planportal/events');
  events.addEventListener('open', () => {
    root.dataset.planportalLive = 'connected';
  });
  events.addEventListener('hello', (event) => {
    const state = parse(event);
    removeOverlay();
    if (state && state.version !== served) location.reload();
  });
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('error', (event) => {
    // EventSource fires a plain `error` Event when the connection drops (it then retries);
    // the server's `error` events are MessageEvents with the diagnostics.
    if (!(event instanceof MessageEvent) || !event.data) {
      root.dataset.planportalLive = 'disconnected';
      return;
    }
    const state = parse(event);
    if (state) showOverlay(state.diagnostics || []);
  });
})();
