// The preview page: each rebuild is pushed as a server-sent event carrying the page's changing
// part (as /content serves it); the page swaps it in and keeps every page image whose hash is unchanged, so only changed pages are
// fetched. Findings and marks link both ways, findings filter, the header shows the page in view.
const slots = ['side', 'main', 'findings-box'];
/// One entry per update shown: version, changed pages, and epoch-ms moments (for the tests and the bench).
window.previewLog = [];
let latest = null;
let busy = false;

/// Applies the newest build event; events that arrive meanwhile collapse into one more update.
async function update() {
  if (busy || !latest) return;
  busy = true;
  const info = latest;
  try {
    const holder = document.createElement('div');
    holder.innerHTML = info.content ?? await (await fetch('/content')).text();
    const kept = keepImages(holder);
    for (const slot of slots) {
      const part = holder.querySelector(`[data-slot="${slot}"]`);
      if (part) document.getElementById(slot).replaceChildren(...part.childNodes);
    }
    const entry = { version: info.version, changed: info.changed, new_images: info.pages - kept, sent_at: info.sent_at, seen_at: info.seen_at,
      build_ms: info.build_ms, own_ms: info.own_ms, render_ms: info.render_ms, dom_at: Date.now() };
    window.previewLog.push(entry);
    whenLoaded(entry);
    showCompare();
    currentPage();
  } catch (e) {}
  busy = false;
  if (latest !== info) update();
}

/// Moves the current image elements into the new fragment wherever the hash is the same, so
/// they are neither fetched nor decoded again; returns how many were kept.
function keepImages(holder) {
  const old = new Map([...document.querySelectorAll('img.page')].map((img) => [img.getAttribute('src'), img]));
  let kept = 0;
  for (const img of holder.querySelectorAll('img.page')) {
    const same = old.get(img.getAttribute('src'));
    if (same) {
      img.replaceWith(same);
      old.delete(img.getAttribute('src'));
      kept += 1;
    }
  }
  return kept;
}

/// Notes when the new images in view have loaded (those out of view load when scrolled to).
function whenLoaded(entry) {
  const inView = (img) => { const r = img.getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight; };
  const waiting = [...document.querySelectorAll('img.page')].filter((img) => !img.complete && inView(img));
  let left = waiting.length;
  const done = () => { entry.loaded_at = Date.now(); };
  if (!left) return done();
  for (const img of waiting) {
    const one = () => { left -= 1; if (!left) done(); };
    img.addEventListener('load', one, { once: true });
    img.addEventListener('error', one, { once: true });
  }
}

async function showCompare() {
  const panel = document.getElementById('compare');
  if (!panel.hidden) panel.innerHTML = await (await fetch('/compare')).text();
}

function toggleCompare() {
  const panel = document.getElementById('compare');
  panel.hidden = !panel.hidden;
  document.getElementById('compare-button').textContent = panel.hidden ? '与上一版比较' : '收起比较';
  showCompare();
}

/// Restarts the short highlight on an element.
function flash(el) {
  el.classList.remove('flash');
  void el.offsetWidth;
  el.classList.add('flash');
}

/// A finding: scroll its mark's page into view and highlight the mark.
function toMark(id) {
  const mark = document.getElementById('mark-' + id);
  if (!mark) return;
  mark.scrollIntoView({ block: 'center' });
  flash(mark);
  flash(document.getElementById('finding-' + id));
}

/// A mark: show its finding in the list, whatever the filter hid.
function toFinding(id) {
  const item = document.getElementById('finding-' + id);
  if (!item) return;
  if (getComputedStyle(item).display === 'none') document.body.dataset.filter = 'all';
  item.scrollIntoView({ block: 'nearest' });
  flash(item);
}

/// The page whose area covers the upper third of the window, shown as 第 N / M 页.
function currentPage() {
  const sheets = document.querySelectorAll('.sheet');
  const line = window.innerHeight / 3;
  let current = sheets.length ? 1 : 0;
  for (const s of sheets) {
    if (s.getBoundingClientRect().top <= line) current = Number(s.dataset.page);
  }
  document.getElementById('page-no').textContent = sheets.length ? `第 ${current} / ${sheets.length} 页` : '';
  document.body.dataset.page = current;
  let chapter = null;
  for (const a of document.querySelectorAll('#outline a')) {
    a.classList.remove('current');
    if (Number(a.dataset.page) <= current) chapter = a;
  }
  if (chapter) chapter.classList.add('current');
}

document.addEventListener('click', (event) => {
  const target = event.target.closest('[data-mark], a.mark, [data-filter], #outline a');
  if (!target) return;
  if (target.dataset.filter) {
    document.body.dataset.filter = target.dataset.filter;
  } else if (target.dataset.mark) {
    event.preventDefault();
    toMark(target.dataset.mark);
  } else if (target.classList.contains('mark')) {
    event.preventDefault();
    toFinding(target.dataset.finding);
  } else {
    event.preventDefault();
    const page = document.getElementById('page-' + target.dataset.page);
    if (page) page.scrollIntoView({ block: 'start' });
  }
});
document.addEventListener('scroll', currentPage, { passive: true });
window.addEventListener('resize', currentPage);
// EventSource reconnects by itself when the stream drops (the server asks for 0.5 s).
new EventSource('/events').addEventListener('build', (event) => {
  latest = JSON.parse(event.data);
  update();
});
