/**
 * The HTML report's script, inlined into the page. Plain ES2017 for any current browser. It reads
 * the data block (see data.ts for its shape), and draws the file table (filter, sort, 200 rows a
 * page, so 20,000 files stay fast) and the folder tree (children built on first open). Every value
 * from the data reaches the page through textContent, never as markup: file names are chosen by
 * whoever wrote the files.
 */
export const CLIENT_SCRIPT = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('pdn-data').textContent);
  var ui = data.ui;
  var PAGE_SIZE = 200;
  var FINDINGS_SHOWN = 5;
  var TREE_FILES_SHOWN = 100;

  function fmt(template, vars) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(vars[key]); });
  }
  var plural = new Intl.PluralRules(data.lang);
  var FORM = { one: 0, few: 1, many: 2 };
  /** "{n} находка|{n} находки|{n} находок": the form for n's plural category, the last for any other. */
  function counted(template, n) {
    var forms = template.split('|');
    var form = FORM[plural.select(n)];
    return fmt(forms[form !== undefined && form < forms.length ? form : forms.length - 1], { n: n });
  }
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function byId(id) { return document.getElementById(id); }

  // ───────────── the file table ─────────────
  var state = { text: '', type: -1, risk: -2, category: -1, sort: 'risk', dir: -1, page: 0 };
  var textBox = byId('filter-text');
  var typeSelect = byId('filter-type');
  var riskSelect = byId('filter-risk');
  var categorySelect = byId('filter-category');
  var tbody = byId('files-body');
  var pagerText = byId('pager-text');
  var prevButton = byId('page-prev');
  var nextButton = byId('page-next');
  var headers = document.querySelectorAll('#files-table th[data-sort]');

  function hasType(file, type) {
    for (var i = 0; i < file.f.length; i++) if (file.f[i][0] === type) return true;
    return false;
  }
  function matches(file) {
    if (state.text && file.p.toLowerCase().indexOf(state.text) < 0) return false;
    if (state.type >= 0 && !hasType(file, state.type)) return false;
    if (state.risk > -2 && file.r !== state.risk) return false;
    if (state.category >= 0 && file.c.indexOf(state.category) < 0) return false;
    return true;
  }
  var KEYS = {
    path: function (f) { return f.p; },
    risk: function (f) { return f.r; },
    categories: function (f) { return f.c.length; },
    count: function (f) { return f.f.length; }
  };
  function compare(a, b) {
    var ka = KEYS[state.sort](a), kb = KEYS[state.sort](b);
    var order = typeof ka === 'string' ? ka.localeCompare(kb) : ka - kb;
    if (order === 0 && state.sort === 'risk') order = a.n - b.n;
    if (order === 0) return a.p.localeCompare(b.p);
    return order * state.dir;
  }

  function findingItem(finding) {
    var li = el('li');
    var type = el('span', 'ftype', finding[3] + (finding[4] ? '' : ' (' + ui.orgMark + ')'));
    li.appendChild(type);
    li.appendChild(document.createTextNode(' '));
    li.appendChild(el('code', 'fvalue', finding[1]));
    li.appendChild(document.createTextNode(' '));
    li.appendChild(el('span', 'floc', finding[2]));
    return li;
  }
  function findingsCell(file) {
    var td = el('td', 'findings');
    if (file.s) {
      td.appendChild(el('span', 'reason', file.e || ''));
      return td;
    }
    var list = el('ul');
    var shown = Math.min(file.f.length, FINDINGS_SHOWN);
    for (var i = 0; i < shown; i++) list.appendChild(findingItem(file.f[i]));
    td.appendChild(list);
    if (file.f.length > shown) {
      var more = el('button', 'more', fmt(ui.more, { n: file.f.length - shown }));
      more.type = 'button';
      more.addEventListener('click', function () {
        for (var j = shown; j < file.f.length; j++) list.appendChild(findingItem(file.f[j]));
        more.remove();
      });
      td.appendChild(more);
    }
    return td;
  }
  function riskCell(file) {
    var td = el('td', 'risk');
    if (file.s) td.appendChild(el('span', 'badge status', file.s === 'error' ? ui.statusError : ui.statusSkipped));
    else td.appendChild(el('span', 'badge risk-' + file.r, data.risks[file.r]));
    return td;
  }
  function categoriesCell(file) {
    var td = el('td', 'cats');
    td.textContent = file.c.map(function (c) { return data.categories[c].label; }).join(', ');
    if (file.m && file.m.length) {
      td.appendChild(el('div', 'mentions', ui.mentions + ': ' + file.m.map(function (c) { return data.categories[c].label; }).join(', ')));
    }
    return td;
  }
  /** The path with a line-break opportunity after each "/", so long paths wrap between folders. */
  function pathCell(path) {
    var td = el('td', 'path');
    var parts = path.split('/');
    parts.forEach(function (part, i) {
      td.appendChild(document.createTextNode(i < parts.length - 1 ? part + '/' : part));
      if (i < parts.length - 1) td.appendChild(document.createElement('wbr'));
    });
    return td;
  }
  function fileRow(file) {
    var tr = el('tr');
    tr.appendChild(pathCell(file.p));
    tr.appendChild(riskCell(file));
    tr.appendChild(categoriesCell(file));
    tr.appendChild(el('td', 'count', String(file.f.length)));
    tr.appendChild(findingsCell(file));
    return tr;
  }

  function renderTable() {
    var rows = data.files.filter(matches).sort(compare);
    var pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    if (state.page >= pages) state.page = pages - 1;
    var from = state.page * PAGE_SIZE;
    var page = rows.slice(from, from + PAGE_SIZE);
    var fragment = document.createDocumentFragment();
    page.forEach(function (file) { fragment.appendChild(fileRow(file)); });
    tbody.replaceChildren(fragment);
    pagerText.textContent = rows.length === 0 ? ui.nothingShown : fmt(ui.shown, { from: from + 1, to: from + page.length, total: rows.length });
    prevButton.disabled = state.page === 0;
    nextButton.disabled = state.page >= pages - 1;
    headers.forEach(function (th) {
      th.setAttribute('aria-sort', th.dataset.sort === state.sort ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
    });
  }
  function refilter() {
    state.page = 0;
    renderTable();
  }

  textBox.addEventListener('input', function () {
    state.text = textBox.value.trim().toLowerCase();
    refilter();
  });
  typeSelect.addEventListener('change', function () {
    state.type = typeSelect.value === '' ? -1 : Number(typeSelect.value);
    refilter();
  });
  riskSelect.addEventListener('change', function () {
    state.risk = riskSelect.value === '' ? -2 : Number(riskSelect.value);
    refilter();
  });
  categorySelect.addEventListener('change', function () {
    state.category = categorySelect.value === '' ? -1 : Number(categorySelect.value);
    refilter();
  });
  headers.forEach(function (th) {
    var button = th.querySelector('button');
    button.addEventListener('click', function () {
      var key = th.dataset.sort;
      if (state.sort === key) state.dir = -state.dir;
      else {
        state.sort = key;
        state.dir = key === 'path' ? 1 : -1;
      }
      refilter();
    });
  });
  prevButton.addEventListener('click', function () {
    state.page--;
    renderTable();
  });
  nextButton.addEventListener('click', function () {
    state.page++;
    renderTable();
  });

  function showInTable(text) {
    textBox.value = text;
    state.text = text.toLowerCase();
    refilter();
    byId('files').scrollIntoView();
  }

  // ───────────── the folder tree ─────────────
  var root = data.tree;
  function meter(value) {
    var outer = el('span', 'meter');
    var inner = el('span', 'fill');
    inner.style.width = (root.pd > 0 ? Math.max(value > 0 ? 1 : 0, Math.round((value / root.pd) * 100)) : 0) + '%';
    outer.appendChild(inner);
    return outer;
  }
  function fileName(path) {
    var parts = path.split(/[\\/]/);
    return parts[parts.length - 1];
  }
  function fileItem(index) {
    var file = data.files[index];
    var li = el('li', 'tree-file');
    var button = el('button', 'file-link');
    button.type = 'button';
    button.appendChild(el('span', 'name', fileName(file.p)));
    button.appendChild(meter(file.n));
    button.appendChild(el('span', 'counts', counted(ui.findingsCount, file.n)));
    button.addEventListener('click', function () { showInTable(file.p); });
    li.appendChild(button);
    return li;
  }
  function folderItem(node, open) {
    var li = el('li', 'tree-folder');
    var toggle = el('button', 'folder');
    toggle.type = 'button';
    toggle.setAttribute('aria-expanded', 'false');
    // The root has no name of its own when the scan had several roots.
    toggle.appendChild(el('span', 'name', node.n || ui.allFiles));
    toggle.appendChild(meter(node.pd));
    toggle.appendChild(el('span', 'counts', counted(ui.findingsCount, node.pd) + ' · ' + counted(ui.filesWithPdCount, node.k)));
    var link = el('button', 'in-table', ui.showInTable);
    link.type = 'button';
    link.addEventListener('click', function () { showInTable(node.p); });
    li.appendChild(toggle);
    li.appendChild(link);
    var children = null;
    function expand() {
      if (!children) {
        children = el('ul', 'tree-children');
        node.d.forEach(function (child) { children.appendChild(folderItem(child, false)); });
        node.f.slice(0, TREE_FILES_SHOWN).forEach(function (i) { children.appendChild(fileItem(i)); });
        if (node.f.length > TREE_FILES_SHOWN) {
          var rest = el('li', 'tree-more');
          var all = el('button', 'more', counted(ui.moreFiles, node.f.length - TREE_FILES_SHOWN));
          all.type = 'button';
          all.addEventListener('click', function () { showInTable(node.p); });
          rest.appendChild(all);
          children.appendChild(rest);
        }
        li.appendChild(children);
      }
      var isOpen = toggle.getAttribute('aria-expanded') === 'true';
      toggle.setAttribute('aria-expanded', isOpen ? 'false' : 'true');
      children.hidden = isOpen;
    }
    toggle.addEventListener('click', expand);
    if (open) expand();
    return li;
  }
  byId('tree').appendChild(folderItem(root, true));

  renderTable();
})();
`;
