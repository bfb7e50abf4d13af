// "Run it here" panels (layouts/_shortcodes/play.html): a post's step runs
// its challenge in the reader's browser. The step's program (its code, the
// harness' simulation and the judge, compiled to WebAssembly by
// tools/playground) runs in a web worker (play-worker.js) and is fetched
// only when the reader presses Run.
//
// The run happens in virtual time, as `make sim` runs it, and takes a
// fraction of its length; the panel shows its progress lines as they come,
// then plays the run back at the pace it happened (or faster): the nodes,
// the messages between them as they travel, partitions as they cut and
// heal, one value as it spreads, and the run's counts. At the end it shows
// what make prints, the message diagram, the value's journey and the
// commands that repeat the run.
'use strict';

(() => {
  const panels = document.querySelectorAll('.play');
  if (!panels.length) return;
  const worker = document.querySelector('script[data-play-worker]').dataset.playWorker;

  function setUp(panel) {
    panel.hidden = false;
    const $ = (sel) => panel.querySelector(sel);
    const form = $('form');
    const challenges = JSON.parse($('.play-challenges').textContent);
    const view = new View($('canvas'));
    let run = null;

    // The controls start from the challenge's own flags.
    const flags = parseFlags(challenges[panel.dataset.workload].flags);
    form.elements.nodes.value = flags['--node-count'] || 1;
    form.elements.latency.value = flags['--latency'] || 0;
    form.elements.rate.value = flags['--rate'] || 5;
    form.elements.partitions.checked = (flags['--nemesis'] || '').includes('partition');

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (run) run.stop('Stopped.');
      run = new Run(panel, view, request(form, panel, flags));
    });
    $('.play-stop').addEventListener('click', () => run && run.stop('Stopped.'));
    $('.play-skip').addEventListener('click', () => run && run.skip());
    form.elements.speed.addEventListener('change', () => run && run.setSpeed(+form.elements.speed.value));
  }

  // parseFlags turns ["--rate", "10", …] into {"--rate": "10", …}.
  function parseFlags(list) {
    const out = {};
    for (let i = 0; i + 1 < list.length; i += 2) out[list[i]] = list[i + 1];
    return out;
  }

  // The harness' defaults, for the flags a challenge leaves unset.
  const harnessDefaults = { '--latency': '0', '--latency-dist': 'constant', '--nemesis': '' };

  // request is what the program runs: the challenge, a seed, and the flags
  // the controls changed from the challenge's own (they come after them,
  // so they win; the commands that repeat the run stay short).
  function request(form, panel, flags) {
    const f = form.elements;
    const want = {
      '--node-count': f.nodes.value, '--latency': f.latency.value, '--latency-dist': f.dist.value,
      '--rate': f.rate.value, '--time-limit': f.time.value, '--nemesis': f.partitions.checked ? 'partition' : '',
    };
    const args = [];
    for (const [flag, value] of Object.entries(want)) {
      const was = flag in flags ? flags[flag] : harnessDefaults[flag];
      if (String(value) !== String(was)) args.push(flag, String(value));
    }
    const step = f.step.value;
    if (f.interval && f.interval.value && step === panel.dataset.step) args.push('--', '--batch-interval', f.interval.value + 'ms');
    return { step, speed: +f.speed.value, request: { workload: panel.dataset.workload, seed: +f.seed.value, args } };
  }

  // A Run is one press of Run: the worker, then the playback.
  class Run {
    constructor(panel, view, { step, speed, request }) {
      this.panel = panel;
      this.view = view;
      this.speed = speed;
      this.lines = [];
      this.output = '';
      this.q = (sel) => panel.querySelector(sel);
      this.q('.play-result').hidden = true;
      this.q('.play-view').hidden = false;
      this.q('.play-stop').hidden = false;
      this.q('.play-skip').hidden = true;
      this.q('.play-console').textContent = '';
      this.status(`Loading ${step}'s program…`);
      this.started = performance.now();
      const base = panel.dataset.base;
      this.worker = new Worker(worker);
      this.worker.onmessage = (e) => this.receive(e.data);
      this.worker.onerror = (e) => this.fail(`The program could not start: ${e.message}`);
      this.worker.postMessage({ wasmExec: base + 'wasm_exec.js', wasm: base + step + '.wasm', request });
    }

    receive(m) {
      switch (m.kind) {
        case 'line': {
          const line = JSON.parse(m.data);
          this.lines.push(line);
          if (!this.outcome) this.status(`Simulating in virtual time: ${lastProgress(this.lines, Infinity) || 'starting'}`);
          break;
        }
        case 'outcome':
          this.outcome = JSON.parse(m.data);
          this.simulated = (performance.now() - this.started) / 1000;
          try {
            this.play();
          } catch (err) {
            this.fail(`The run ended, but this page could not show it: ${err.message}`);
          }
          break;
        case 'error':
          this.fail(JSON.parse(m.data));
          break;
        case 'output':
          this.output += m.text;
          break;
        case 'exit':
          if (!this.outcome && !this.failed) {
            const why = this.output.split('\n').find((l) => /^(panic|fatal error): /.test(l));
            this.fail(`The program stopped (exit status ${m.code}) before the run ended${why ? ':\n' + why : '.'}\n\nWhat it printed last:\n${tail(this.output, 20)}`);
          }
          this.worker.terminate();
          break;
      }
    }

    status(text) { this.q('.play-status').textContent = text; }

    fail(text) {
      this.failed = true;
      this.stop();
      this.q('.play-view').hidden = true;
      this.status('The run could not finish.');
      this.q('.play-console').textContent = text;
    }

    // play starts the playback of a finished run.
    play() {
      const o = this.outcome;
      this.view.load(o);
      this.t = 0;
      this.last = performance.now();
      this.q('.play-skip').hidden = false;
      const frame = (now) => {
        if (this.stopped) return;
        this.t = Math.min(o.endMs, this.t + (now - this.last) * this.speed);
        this.last = now;
        this.show();
        if (this.t >= o.endMs) return this.finish();
        this.raf = requestAnimationFrame(frame);
      };
      this.raf = requestAnimationFrame(frame);
    }

    setSpeed(s) { this.speed = s; }

    skip() {
      if (!this.outcome || this.stopped) return;
      this.t = this.outcome.endMs;
      this.show();
      this.finish();
    }

    // show draws the run at playback time t, with its progress line and
    // counts so far.
    show() {
      const o = this.outcome, t = this.t;
      this.view.draw(t);
      const ops = countUpTo(o.ops, (x) => x, t);
      const msgs = countUpTo(o.messages, (m) => m[0], t);
      const perOp = ops ? (msgs / ops).toFixed(2) : '–';
      this.status(`${lastProgress(this.lines, t) || ''}\n${(t / 1000).toFixed(1)} s of ${(o.endMs / 1000).toFixed(1)} s, ` +
        `loaded and simulated in ${this.simulated.toFixed(1)} s · ops ok ${ops} · messages between servers ${msgs} · msgs-per-op ${perOp}`);
    }

    finish() {
      this.stop();
      const o = this.outcome;
      const warnings = this.lines.filter((l) => /^\s*WARN/.test(l.text)).map((l) => l.text).join('');
      this.q('.play-console').textContent = warnings + o.summary + '\n' + o.verdicts;
      this.q('.play-replay').textContent = o.replay;
      this.q('.play-real').textContent = o.real;
      this.q('.play-followed').textContent = `value ${o.followed}: ${o.followedWhy}`;
      showSVG(this.q('.play-journey'), o.journeySvg, `The journey of value ${o.followed}`);
      showSVG(this.q('.play-messages'), o.messagesSvg, 'The messages of the run');
      this.q('.play-result').hidden = false;
    }

    // stop ends the worker and the playback; with a reason, it says so.
    stop(reason) {
      this.stopped = true;
      cancelAnimationFrame(this.raf);
      this.worker.terminate();
      this.q('.play-stop').hidden = true;
      this.q('.play-skip').hidden = true;
      if (reason && !this.outcome) this.status(reason);
    }
  }

  // lastProgress is the last progress line printed by time t.
  function lastProgress(lines, t) {
    for (let i = lines.length - 1; i >= 0; i--) {
      if (lines[i].t <= t && /^(main|drain|recovery|final reads)\s/.test(lines[i].text)) return lines[i].text.trim();
    }
    return '';
  }

  // countUpTo counts the items of a list sorted by key that are at or before t.
  function countUpTo(list, key, t) {
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (key(list[mid]) <= t) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function tail(text, n) { return text.trimEnd().split('\n').slice(-n).join('\n'); }

  // showSVG shows an SVG the harness drew as an image, linked to itself so
  // that it opens on its own, where its hover titles work.
  function showSVG(figure, svg, alt) {
    const old = figure.querySelector('a');
    if (old) URL.revokeObjectURL(old.href);
    figure.querySelector('.play-svg').replaceChildren();
    if (!svg) return;
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    const a = document.createElement('a');
    a.href = url;
    a.target = '_blank';
    const img = document.createElement('img');
    img.src = url;
    img.alt = alt;
    img.className = 'play-diagram';
    a.append(img);
    figure.querySelector('.play-svg').append(a);
  }

  // A View draws the cluster on a canvas: the nodes on a circle, the
  // messages in flight as dots from sender to receiver, a partition's
  // sides in colours, dropped messages as red crosses, and the followed
  // value's spread as filled nodes.
  class View {
    constructor(canvas) {
      this.canvas = canvas;
      this.ctx = canvas.getContext('2d');
      new ResizeObserver(() => this.resize()).observe(canvas);
    }

    resize() {
      const r = this.canvas.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
      this.canvas.width = Math.round(r.width * dpr);
      this.canvas.height = Math.round(r.height * dpr);
      this.w = r.width;
      this.h = r.height;
      this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      if (this.o) this.draw(this.t || 0);
    }

    load(o) {
      this.o = o;
      this.next = 0; // the first message not yet sent
      this.flying = [];
      this.t = 0;
      this.resize();
    }

    // place is node i's centre.
    place(i) {
      const n = this.o.nodes.length, r = Math.min(this.w, this.h) / 2 - 28;
      if (n === 1) return [this.w / 2, this.h / 2];
      const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
      return [this.w / 2 + r * Math.cos(a), this.h / 2 + r * Math.sin(a)];
    }

    draw(t) {
      const o = this.o, ctx = this.ctx, css = getComputedStyle(this.canvas);
      const fg = css.getPropertyValue('--fg'), muted = css.getPropertyValue('--muted'),
        accent = css.getPropertyValue('--link'), red = css.getPropertyValue('--target'), bg = css.getPropertyValue('--bg');
      if (t < this.t) { this.next = 0; this.flying = []; }
      this.t = t;
      ctx.clearRect(0, 0, this.w, this.h);

      // Messages: those sent by t join the flight; those that arrived (or
      // were dropped) more than a moment ago leave it.
      const ms = o.messages;
      while (this.next < ms.length && ms[this.next][0] <= t) this.flying.push(ms[this.next++]);
      const linger = 150; // ms of run time a zero-latency message stays visible
      this.flying = this.flying.filter((m) => t <= end(m, o) + linger);

      const cut = partitionAt(o.marks, t);
      const side = sides(cut, o.nodes.length);
      const palette = [accent, css.getPropertyValue('--bar-2'), css.getPropertyValue('--bar-3'), muted];

      ctx.lineWidth = 1;
      for (const m of this.flying) {
        const [x1, y1] = this.place(m[3]), [x2, y2] = this.place(m[4]);
        const e = end(m, o), f = e > m[0] ? Math.min(1, (t - m[0]) / (e - m[0])) : 1;
        const x = x1 + (x2 - x1) * f, y = y1 + (y2 - y1) * f;
        if (m[2] >= 0 && t >= m[2]) { cross(ctx, x, y, red); continue; }
        ctx.strokeStyle = muted;
        ctx.globalAlpha = 0.25;
        ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
        ctx.globalAlpha = 1;
        ctx.fillStyle = fg;
        ctx.beginPath(); ctx.arc(x, y, 2.5, 0, 2 * Math.PI); ctx.fill();
      }

      // Nodes: a ring in the colour of their side of a partition, filled
      // once the followed value has reached them.
      const radius = o.nodes.length > 30 ? 7 : 11;
      ctx.font = '11px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      o.nodes.forEach((name, i) => {
        const [x, y] = this.place(i);
        const has = o.reached[i] >= 0 && o.reached[i] <= t;
        ctx.beginPath(); ctx.arc(x, y, radius, 0, 2 * Math.PI);
        ctx.fillStyle = has ? accent : bg;
        ctx.fill();
        ctx.lineWidth = side ? 3 : 1.5;
        ctx.strokeStyle = side ? palette[side[i] % palette.length] : fg;
        ctx.stroke();
        ctx.fillStyle = has ? bg : fg;
        if (o.nodes.length <= 30) ctx.fillText(name, x, y);
      });

      const reached = o.reached.filter((r) => r >= 0 && r <= t).length;
      const caption = this.canvas.parentElement.querySelector('.play-caption');
      caption.textContent = `Filled: the nodes value ${o.followed} has reached (${reached} of ${o.nodes.length}). ` +
        (cut ? `Now: ${cut.text}; a ring's colour is its side, a red × a message the partition dropped.` : 'No partition now.');
    }
  }

  // end is when a message stops travelling: handed over, dropped, or the
  // run's end.
  function end(m, o) { return m[1] >= 0 ? m[1] : m[2] >= 0 ? m[2] : o.endMs; }

  // partitionAt is the partition in force at t, if any.
  function partitionAt(marks, t) {
    let now = null;
    for (const m of marks) {
      if (m.t > t) break;
      if (m.kind === 'partition') now = m;
      if (m.kind === 'heal') now = null;
    }
    return now;
  }

  // sides numbers the groups of nodes that hear from the same nodes:
  // under a partition into components, its sides.
  function sides(cut, n) {
    if (!cut || !cut.cut) return null;
    const keys = new Map();
    const out = [];
    for (let i = 0; i < n; i++) {
      const k = (cut.cut[i] || []).join(',');
      if (!keys.has(k)) keys.set(k, keys.size);
      out.push(keys.get(k));
    }
    return out;
  }

  function cross(ctx, x, y, colour) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x - 4, y - 4); ctx.lineTo(x + 4, y + 4);
    ctx.moveTo(x + 4, y - 4); ctx.lineTo(x - 4, y + 4);
    ctx.stroke();
    ctx.lineWidth = 1;
  }

  // Last: the classes above exist only once their declarations have run.
  for (const panel of panels) setUp(panel);
})();
