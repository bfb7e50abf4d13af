// The checks pagecheck runs inside a page. Each takes the options the
// command line gave and returns the problems it finds, one sentence each;
// an empty list means the page passes.
const checks = {
  // The page itself never scrolls sideways; wide content scrolls inside
  // its own box.
  'no-sideways-scroll': () => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const wide = [...document.body.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5)
      .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= root.clientWidth + 0.5)
      .slice(0, 5).map(describe);
    return [`the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px viewport; too wide: ${wide.join(', ')}`];
  },

  // Every code listing (the code and stepdiff shortcodes) shows its lines
  // whole, without scrolling inside its box.
  'code-fits': () => {
    const problems = [];
    for (const listing of document.querySelectorAll('figure.listing')) {
      for (const box of listing.querySelectorAll('*')) {
        if (!/auto|scroll|hidden/.test(getComputedStyle(box).overflowX)) continue;
        if (box.scrollWidth > box.clientWidth + 1) {
          const caption = listing.querySelector('figcaption');
          problems.push(`${caption ? caption.textContent.trim() : describe(listing)}: its lines need ${box.scrollWidth} px, the box is ${box.clientWidth} px`);
          break;
        }
      }
    }
    return problems;
  },

  // Every pre (code listings, command blocks, plain preformatted text)
  // stands on a background that differs from the page's.
  'pre-background': () => {
    const page = colour(getComputedStyle(document.body).backgroundColor);
    const problems = [];
    for (const pre of document.querySelectorAll('pre')) {
      let e = pre, bg = colour(getComputedStyle(e).backgroundColor);
      while (bg.a === 0 && e.parentElement) {
        e = e.parentElement;
        bg = colour(getComputedStyle(e).backgroundColor);
      }
      const diff = Math.max(Math.abs(bg.r - page.r), Math.abs(bg.g - page.g), Math.abs(bg.b - page.b));
      if (diff < 8) problems.push(`${describe(pre)} ("${pre.textContent.trim().slice(0, 40)}…") has the page's background ${page.css}`);
    }
    return problems;
  },

  // Every diagram (an img of a .drawio.svg) and every journey of a value
  // (an img in a figure.journey) links to its full-size file, and the
  // smallest text of each, and of each bar chart, is drawn at least
  // minFont CSS pixels high.
  'diagram-text': async ({ minFont }) => {
    const problems = [];
    for (const img of document.querySelectorAll('img[src$=".drawio.svg"], figure.journey img')) {
      const src = img.getAttribute('src');
      const link = img.closest('a');
      if (!link || link.getAttribute('href') !== src) problems.push(`diagram ${src} does not link to itself at full size`);
      const svg = new DOMParser().parseFromString(await (await fetch(img.src)).text(), 'image/svg+xml').documentElement;
      const width = svg.viewBox.baseVal.width || parseFloat(svg.getAttribute('width'));
      // A text without a size of its own takes its group's.
      const smallest = Math.min(...[...svg.querySelectorAll('text')].map((t) => parseFloat(t.closest('[font-size]')?.getAttribute('font-size'))));
      const px = smallest * img.getBoundingClientRect().width / width;
      if (!(px >= minFont)) problems.push(`diagram ${src}: its smallest text (${smallest} px of ${width}) shows at ${px.toFixed(1)} px, want at least ${minFont}`);
    }
    for (const chart of document.querySelectorAll('svg.barchart')) {
      const scale = chart.getBoundingClientRect().width / chart.viewBox.baseVal.width;
      for (const t of chart.querySelectorAll('text')) {
        const px = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (!(px >= minFont)) {
          problems.push(`chart "${chart.getAttribute('aria-label')}": "${t.textContent}" shows at ${px.toFixed(1)} px, want at least ${minFont}`);
          break;
        }
      }
    }
    return problems;
  },

  // Every target line of a bar chart is labelled: by a text in its own
  // group ("target < 20"), or in the label of the row it marks.
  'chart-targets': () => {
    const problems = [];
    for (const chart of document.querySelectorAll('svg.barchart')) {
      for (const line of chart.querySelectorAll('.target line')) {
        const label = line.closest('.target').querySelector('text') || line.closest('.row')?.querySelector('.target-label');
        if (!label || !/target/.test(label.textContent)) {
          problems.push(`chart "${chart.getAttribute('aria-label')}": a target line at x ${line.getAttribute('x1')} has no label`);
        }
      }
    }
    return problems;
  },

  // No two texts of a chart (a bar chart, a trade-off curve, the design
  // space) overlap, so every label can be read at the page's width.
  'chart-labels': () => {
    const problems = [];
    for (const chart of document.querySelectorAll('svg.barchart')) {
      const texts = [...chart.querySelectorAll('text')].filter((t) => t.textContent.trim() !== '');
      const boxes = texts.map((t) => t.getBoundingClientRect());
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          const a = boxes[i], b = boxes[j];
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 1 && h > 1) {
            problems.push(`chart "${chart.getAttribute('aria-label')}": "${texts[i].textContent.trim()}" overlaps "${texts[j].textContent.trim()}"`);
          }
        }
      }
    }
    return problems;
  },

  // The header's content, the page's column and the footer share their
  // left and right edges.
  'aligned': () => {
    const edges = (sel) => {
      const e = document.querySelector(sel);
      if (!e) return null;
      const r = e.getBoundingClientRect(), s = getComputedStyle(e);
      return { left: r.left + parseFloat(s.paddingLeft), right: r.right - parseFloat(s.paddingRight) };
    };
    const column = edges('.main');
    const problems = [];
    for (const sel of ['.site-nav', '.site-footer']) {
      const e = edges(sel);
      if (!e || !column) { problems.push(`no ${e ? '.main' : sel}`); continue; }
      if (Math.abs(e.left - column.left) > 1 || Math.abs(e.right - column.right) > 1) {
        problems.push(`${sel} spans ${e.left.toFixed(0)}–${e.right.toFixed(0)} px, the column ${column.left.toFixed(0)}–${column.right.toFixed(0)} px`);
      }
    }
    return problems;
  },
};

function colour(css) {
  const [r, g, b, a = 1] = css.match(/[\d.]+/g).map(Number);
  return { r, g, b, a, css };
}

function describe(e) {
  return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '');
}
