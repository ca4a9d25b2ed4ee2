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

/** The latest render of each container (see `startRender`). */
const generations = new WeakMap();

/**
 * Starts a render into `container` and returns `current()`: true while this is still the
 * latest render of that container and it is on the page. An async renderer checks it after
 * every `await`, so a late result (a slow photo analysis, a document list) never overwrites
 * a step the user has left or a newer render of the same one.
 */
export function startRender(container) {
  const mine = (generations.get(container) ?? 0) + 1;
  generations.set(container, mine);
  return () => generations.get(container) === mine && container.isConnected !== false;
}

/**
 * A file input shown as a button with our own words. WebKit labels a bare file input
 * "Choose Files / no files selected" in the system's language, not the app's; the input
 * stays in the page (focusable, named by its label, what the keyboard and screen readers
 * use) but out of sight, and its label is the button people see and click.
 */
export function filePicker(input, text) {
  return el('span', { className: 'file-picker' }, input,
    el('label', { for: input.id, className: 'file-button', text }));
}

/** Drop targets on screen and what each does with the dropped files' paths. */
const dropHandlers = new WeakMap();

/**
 * Makes `zone` a target for files dragged from the file manager: `onPaths(paths)` gets
 * their paths. The zone carries the class `dropping` while files are held over it.
 */
export function dropZone(zone, onPaths) {
  zone.dataset.dropZone = '';
  dropHandlers.set(zone, onPaths);
}

/** Wires the window's file-drop events to the drop target under the pointer. */
export function listenForFileDrops(backend) {
  let lit = null;
  const light = (zone) => {
    if (lit === zone) return;
    lit?.classList.remove('dropping');
    zone?.classList.add('dropping');
    lit = zone;
  };
  const zoneAt = ({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-drop-zone]') ?? null;
  backend.onFileDrop({
    over: (point) => light(zoneAt(point)),
    leave: () => light(null),
    drop: (paths, point) => {
      const zone = zoneAt(point);
      light(null);
      if (zone && paths.length) dropHandlers.get(zone)?.(paths);
    },
  });
}

/**
 * Runs `work` with `button` showing that it is working (issue #34): disabled so it cannot
 * be pressed twice, `aria-busy`, and `text` ("Onaylanıyor…") in place of its label until
 * the work ends, whatever its outcome.
 */
export async function whileBusy(button, text, work) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = text;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
  }
}
