// The flame graph's behaviour: zoom, search, details on hover. Inlined into every graph by SvgFlameGraph.
// It embeds no data: the settings are data-* attributes of the <svg> element, and every frame is read from the
// DOM (data-bytes, data-traces, data-gap, data-self, data-label, data-text, the title, the rect), the tree
// rebuilt from document order and depth. Must never contain the CDATA end marker or an end tag (Assets checks).
// A differential graph (data-diff="true") also has data-before and data-bgap per frame: the baseline's bytes and
// gap. Its tooltips show both runs and the change, and its diff-widths control lays every frame out in either
// run's widths (a frame of 0 bytes in the widths shown is hidden); zoom and search work in both.
(function () {
  'use strict';
  var svg = document.documentElement;
  function setting(name) {
    return svg.getAttribute('data-' + name);
  }
  var XPAD = Number(setting('xpad'));
  var PLOT = Number(svg.getAttribute('width')) - 2 * XPAD;
  var FH = Number(setting('frame-height'));
  var FS = Number(svg.getAttribute('font-size'));
  var INVERTED = setting('inverted') === 'true';
  var KEEP_END = setting('view') === 'stack';
  var CHAR_WIDTH = Number(setting('char-width'));
  var HIGHLIGHT = setting('highlight');
  var DIFF = setting('diff') === 'true';
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var snapshotBytes = Number(setting('snapshot-bytes')) || 0;
  var details = document.getElementById('details');
  var matchedText = document.getElementById('matched');
  var unzoomButton = document.getElementById('unzoom');
  var searchButton = document.getElementById('search');
  var searchLabel = searchButton.getElementsByTagName('text')[0];
  var searchRect = searchButton.getElementsByTagName('rect')[0];
  var framesGroup = document.getElementById('frames');
  var widthsButton = document.getElementById('diff-widths');
  var frames = [];
  var zoomed = null;
  // In a differential graph: whether frames are laid out in the baseline's widths rather than this run's.
  var baselineWidths = false;
  var pattern = null;
  var lastTerm = '';

  // Number formatting, as io.github.memflame.format.Numbers writes it (FormattingParityTest compares them).
  function grouped(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  var UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  function human(bytes) {
    if (bytes < 1024) {
      return bytes + ' B';
    }
    var index = -1, unit = 1;
    while (bytes >= unit * 1024 && index < UNITS.length - 1) {
      unit *= 1024;
      index++;
    }
    var tenths = Math.floor(bytes * 10 / unit + 0.5);
    return Math.floor(tenths / 10) + '.' + (tenths % 10) + ' ' + UNITS[index];
  }
  function percent(part, whole, decimals) {
    if (whole === 0) {
      return part === 0 ? (0).toFixed(decimals) + '%' : 'n/a';
    }
    var scale = Math.pow(10, decimals);
    var scaled = Math.floor(part * 100 * scale / whole + 0.5);
    return (scaled / scale).toFixed(decimals) + '%';
  }
  // A change, as the differential graph's subtitle writes it: +1.5 KiB, -300 B, 0 B; +6.5%, -100.0%, 0.0%,
  // and "new" when there was nothing before. Rounded half away from zero, as Java's HALF_UP.
  function signedHuman(delta) {
    return (delta > 0 ? '+' : delta < 0 ? '-' : '') + human(Math.abs(delta));
  }
  function signedPercent(delta, before) {
    if (before === 0) {
      return delta === 0 ? '0.0%' : 'new';
    }
    var share = percent(Math.abs(delta), before, 1);
    return share === '0.0%' || delta === 0 ? share : (delta > 0 ? '+' : '-') + share;
  }

  // Label fitting, as io.github.memflame.render.LabelFit does it (FormattingParityTest compares them).
  function units(cp) {
    return cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) ||
        (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd)) ? 2 : 1;
  }
  function fit(text, width, charWidth, keepEnd) {
    var available = Math.floor((width - 6) / charWidth);
    if (available < 3) {
      return '';
    }
    var chars = Array.from(text), total = 0, i;
    for (i = 0; i < chars.length; i++) {
      total += units(chars[i].codePointAt(0));
    }
    if (total <= available) {
      return text;
    }
    var budget = available - 2, used = 0, u;
    if (keepEnd) {
      for (i = chars.length - 1; i >= 0; i--) {
        u = units(chars[i].codePointAt(0));
        if (used + u > budget) {
          break;
        }
        used += u;
      }
      return '..' + chars.slice(i + 1).join('');
    }
    for (i = 0; i < chars.length; i++) {
      u = units(chars[i].codePointAt(0));
      if (used + u > budget) {
        break;
      }
      used += u;
    }
    return chars.slice(0, i).join('') + '..';
  }

  function child(g, tag) {
    return g.getElementsByTagName(tag)[0] || null;
  }
  function number(g, name, inherited) {
    return g.hasAttribute(name) ? Number(g.getAttribute(name)) || 0 : inherited;
  }

  // Frames come in pre-order; a frame's depth is its distance from the root's row. A frame without data-bytes
  // or data-traces has its parent's; its place in bytes (off) follows its previous sibling, after data-gap.
  var groups = framesGroup.children;
  var open = [];
  var y0 = null;
  for (var i = 0; i < groups.length; i++) {
    var g = groups[i];
    var rect = child(g, 'rect'), title = child(g, 'title');
    if (!rect || !title) {
      continue;
    }
    var y = parseFloat(rect.getAttribute('y'));
    if (y0 === null) {
      y0 = y;
    }
    var depth = Math.max(0, Math.round((INVERTED ? y - y0 : y0 - y) / FH));
    while (open.length > depth) {
      open.pop().end = frames.length - 1;
    }
    var parent = open.length ? open[open.length - 1] : null;
    var name = title.textContent;
    var label = g.hasAttribute('data-label') ? g.getAttribute('data-label') : name;
    var bytes = number(g, 'data-bytes', parent ? parent.bytes : 0);
    var off = parent ? parent.cursor + number(g, 'data-gap', 0) : 0;
    var before = number(g, 'data-before', 0);
    var beforeOff = parent ? parent.beforeCursor + number(g, 'data-bgap', 0) : 0;
    var f = {
      i: frames.length, g: g, rect: rect, text: child(g, 'text'), title: title, depth: depth, y: y,
      x: parseFloat(rect.getAttribute('x')), w: parseFloat(rect.getAttribute('width')),
      bytes: bytes, traces: number(g, 'data-traces', parent ? parent.traces : 0),
      self: number(g, 'data-self', 0), off: off, cursor: off,
      label: label, display: g.hasAttribute('data-text') ? g.getAttribute('data-text') : label,
      name: name, described: false, fill: rect.getAttribute('fill'), parent: parent, end: frames.length,
      match: false, before: before, beforeOff: beforeOff, beforeCursor: beforeOff,
      // The bytes and place the layout uses: this run's, or the baseline's in a differential graph switched to them.
      size: bytes, start: off
    };
    if (parent) {
      parent.cursor = off + bytes;
      parent.beforeCursor = beforeOff + before;
    }
    open.push(f);
    g.memflameFrame = f;
    frames.push(f);
  }
  while (open.length) {
    open.pop().end = frames.length - 1;
  }
  if (!frames.length) {
    return;
  }
  var root = frames[0];

  function summary(f) {
    return grouped(f.bytes) + ' bytes (' + human(f.bytes) + '), ' + percent(f.bytes, snapshotBytes, 2) +
        ' of snapshot';
  }
  function change(f) {
    return signedHuman(f.bytes - f.before) + ', ' + signedPercent(f.bytes - f.before, f.before);
  }
  function describe(f) {
    if (f.described) {
      return;
    }
    f.described = true;
    var text = f.name + '\n' + (DIFF ? 'this run: ' : '') + summary(f);
    if (DIFF) {
      var delta = f.bytes - f.before;
      text += '\nbaseline: ' + grouped(f.before) + ' bytes (' + human(f.before) + ')\nchange: ' +
          (delta > 0 ? '+' : '') + grouped(delta) + ' bytes (' + change(f) + ')';
    }
    text += '\n' + grouped(f.traces) + (f.traces === 1 ? ' trace' : ' traces');
    if (f.self > 0 && f.self !== f.bytes) {
      text += ', ' + grouped(f.self) + ' bytes (' + human(f.self) + ') allocated here';
    }
    f.title.textContent = text;
  }
  function setLabel(f, x, w) {
    var text = fit(f.display, w, CHAR_WIDTH, KEEP_END);
    if (!f.text) {
      if (text === '') {
        return;
      }
      f.text = document.createElementNS(SVG_NS, 'text');
      f.text.setAttribute('y', (f.y + (FH - 1) / 2 + FS * 0.35).toFixed(1));
      f.g.appendChild(f.text);
    }
    f.text.setAttribute('x', (x + 3).toFixed(1));
    f.text.textContent = text;
  }
  function show(f, x, w, parent) {
    f.g.classList.remove('hide');
    if (parent) {
      f.g.classList.add('parent');
    } else {
      f.g.classList.remove('parent');
    }
    f.rect.setAttribute('x', x.toFixed(4));
    f.rect.setAttribute('width', w.toFixed(4));
    setLabel(f, x, w);
  }
  function zoom(target) {
    zoomed = target && target !== root ? target : null;
    var z = zoomed || root;
    for (var k = 0; k < frames.length; k++) {
      var e = frames[k];
      if (!zoomed && !baselineWidths) {
        show(e, e.x, e.w, false);
      } else if (k >= z.i && k <= z.end) {
        if (DIFF && e.size === 0 && e !== z) {
          e.g.classList.add('hide');
          continue;
        }
        // From bytes, not from the rounded geometry: exact however far the zoom scales a frame up.
        var w = z.size > 0 ? e.size / z.size * PLOT : 0;
        var x = XPAD + (z.size > 0 ? (e.start - z.start) / z.size * PLOT : 0);
        show(e, x, w, false);
      } else if (k < z.i && e.end >= z.end) {
        show(e, XPAD, PLOT, true);
      } else {
        e.g.classList.add('hide');
      }
    }
    if (zoomed) {
      unzoomButton.classList.remove('disabled');
    } else {
      unzoomButton.classList.add('disabled');
    }
    updateMatched();
  }
  function updateMatched() {
    if (!pattern) {
      matchedText.textContent = ' ';
      return;
    }
    var z = zoomed || root, sum = 0, a;
    for (a = z; a; a = a.parent) {
      if (a.match) {
        break;
      }
    }
    if (a) {
      sum = z.size;
    } else {
      for (var k = z.i; k <= z.end;) {
        if (frames[k].match) {
          sum += frames[k].size;
          k = frames[k].end + 1;
        } else {
          k++;
        }
      }
    }
    var share = z.size > 0 ? sum * 100 / z.size : 0;
    matchedText.textContent = 'Matched: ' + share.toFixed(1) + '% (' + human(sum) + ')';
  }
  function searchActive(active) {
    searchLabel.textContent = active ? 'Reset Search' : 'Search';
    searchRect.style.fill = active ? HIGHLIGHT : '';
    if (active) {
      searchButton.classList.add('active');
    } else {
      searchButton.classList.remove('active');
    }
  }
  function resetSearch() {
    pattern = null;
    for (var k = 0; k < frames.length; k++) {
      frames[k].match = false;
      frames[k].rect.setAttribute('fill', frames[k].fill);
    }
    searchActive(false);
    updateMatched();
  }
  function search(term) {
    if (term === null || term === undefined) {
      return;
    }
    term = String(term);
    if (term === '') {
      resetSearch();
      return;
    }
    lastTerm = term;
    var flags = '';
    if (term.indexOf('(?i)') === 0) {
      flags = 'i';
      term = term.substring(4);
    }
    var re;
    try {
      re = new RegExp(term, flags);
    } catch (err) {
      resetSearch();
      matchedText.textContent = 'Not a regular expression: ' + term;
      return;
    }
    pattern = re;
    for (var k = 0; k < frames.length; k++) {
      var e = frames[k];
      e.match = e !== root && re.test(e.name);
      e.rect.setAttribute('fill', e.match ? HIGHLIGHT : e.fill);
    }
    searchActive(true);
    updateMatched();
  }
  function askSearch() {
    var answer = window.prompt('Search frames (regular expression; start with (?i) to ignore case)', lastTerm);
    search(answer);
  }
  function frameOf(node) {
    while (node && node !== framesGroup) {
      if (node.memflameFrame) {
        return node.memflameFrame;
      }
      node = node.parentNode;
    }
    return null;
  }

  framesGroup.addEventListener('click', function (event) {
    var f = frameOf(event.target);
    if (f) {
      zoom(f);
    }
  });
  // Switches a differential graph between this run's widths and the baseline's; a zoomed frame of no bytes in
  // the new widths gives way to its nearest ancestor that has some.
  function showBaselineWidths(baseline) {
    if (!DIFF) {
      return;
    }
    baselineWidths = !!baseline;
    for (var k = 0; k < frames.length; k++) {
      var e = frames[k];
      e.size = baselineWidths ? e.before : e.bytes;
      e.start = baselineWidths ? e.beforeOff : e.off;
    }
    var target = zoomed;
    while (target && target.size === 0) {
      target = target.parent;
    }
    widthsButton.getElementsByTagName('text')[0].textContent = baselineWidths ? 'Widths: baseline'
        : 'Widths: this run';
    if (baselineWidths) {
      widthsButton.classList.add('on');
    } else {
      widthsButton.classList.remove('on');
    }
    zoom(target);
  }

  framesGroup.addEventListener('mouseover', function (event) {
    var f = frameOf(event.target);
    if (f) {
      describe(f);
      details.textContent = DIFF ? f.name + ' (this run ' + human(f.bytes) + ', baseline ' + human(f.before) +
          ', ' + change(f) + ')' : f.name + ' (' + grouped(f.bytes) + ' bytes, ' + human(f.bytes) + ', ' +
          percent(f.bytes, snapshotBytes, 2) + ' of snapshot)';
    }
  });
  if (widthsButton) {
    widthsButton.addEventListener('click', function () {
      showBaselineWidths(!baselineWidths);
    });
  }
  framesGroup.addEventListener('mouseout', function () {
    details.textContent = ' ';
  });
  unzoomButton.addEventListener('click', function () {
    zoom(null);
  });
  searchButton.addEventListener('click', function () {
    if (pattern) {
      resetSearch();
    } else {
      askSearch();
    }
  });
  window.addEventListener('keydown', function (event) {
    if ((event.ctrlKey || event.metaKey) && (event.key === 'f' || event.key === 'F')) {
      event.preventDefault();
      askSearch();
    } else if (event.key === 'Escape') {
      if (pattern) {
        resetSearch();
      } else {
        zoom(null);
      }
    }
  });
  window.memflame = {
    frames: frames, search: search, resetSearch: resetSearch,
    zoom: function (g) {
      zoom(g ? frameOf(g) : null);
    },
    unzoom: function () {
      zoom(null);
    },
    baselineWidths: showBaselineWidths,
    human: human, grouped: grouped, percent: percent, fit: fit, signedHuman: signedHuman,
    signedPercent: signedPercent
  };
  try {
    var query = /[?&]s=([^&]*)/.exec(window.location.search || '');
    if (query) {
      search(decodeURIComponent(query[1].replace(/\+/g, ' ')));
    }
  } catch (err) {
    // a malformed query is ignored
  }
})();
