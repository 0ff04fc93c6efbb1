// The preview page: polls /version, swaps in /content after each rebuild, links findings and
// marks both ways, filters findings and shows the page in view.
let shown = -1;
const slots = ['side', 'main', 'findings-box'];

async function refresh() {
  try {
    const v = await (await fetch('/version')).text();
    if (v !== String(shown)) {
      const holder = document.createElement('div');
      holder.innerHTML = await (await fetch('/content')).text();
      for (const slot of slots) {
        const part = holder.querySelector(`[data-slot="${slot}"]`);
        if (part) document.getElementById(slot).replaceChildren(...part.childNodes);
      }
      shown = v;
      showCompare();
      currentPage();
    }
  } catch (e) {}
  setTimeout(refresh, 100);
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
refresh();
