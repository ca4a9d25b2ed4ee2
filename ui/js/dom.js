// A tiny element builder shared by the UI modules: el('p', { text, className, … }, …children).
// Attributes with null/undefined/false are left out; true becomes a bare attribute.
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = v;
    else if (k === 'className') e.className = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children.filter(Boolean));
  return e;
}

/**
 * Makes `zone` accept files dropped on it: `onFiles(files)` gets them as File objects,
 * the same as a file input gives (so they take the same path to the backend). The zone
 * carries the class `dropping` while files are held over it.
 */
export function dropZone(zone, onFiles) {
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  zone.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    zone.classList.add('dropping');
  });
  zone.addEventListener('dragleave', (e) => {
    if (!zone.contains(e.relatedTarget)) zone.classList.remove('dropping');
  });
  zone.addEventListener('drop', (e) => {
    zone.classList.remove('dropping');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (!files.length) return;
    e.preventDefault();
    e.stopPropagation();
    onFiles(files);
  });
}

/**
 * A file dropped anywhere else must not replace the page with the file (the WebView's
 * default): that would lose the window's state.
 */
export function refuseStrayDrops() {
  for (const type of ['dragover', 'drop']) {
    window.addEventListener(type, (e) => {
      if ([...(e.dataTransfer?.types ?? [])].includes('Files')) e.preventDefault();
    });
  }
}
