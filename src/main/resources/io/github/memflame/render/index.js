// Sorts a table of index.html by the clicked header: numbers by data-value, text by its content.
(function () {
  'use strict';
  function key(cell, numeric) {
    if (!cell) {
      return numeric ? -Infinity : '';
    }
    if (numeric) {
      var value = parseFloat(cell.getAttribute('data-value'));
      return isNaN(value) ? -Infinity : value;
    }
    return (cell.getAttribute('data-value') || cell.textContent || '').trim().toLowerCase();
  }
  function sortBy(th) {
    var table = th.closest('table');
    var body = table && table.tBodies[0];
    if (!body) {
      return;
    }
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute('data-type') === 'number';
    var descending = th.getAttribute('aria-sort') === 'ascending' ||
        (numeric && th.getAttribute('aria-sort') !== 'descending');
    if (th.getAttribute('aria-sort') === 'descending') {
      descending = false;
    }
    var rows = Array.prototype.slice.call(body.rows).map(function (row, position) {
      return {row: row, key: key(row.cells[index], numeric), position: position};
    });
    rows.sort(function (a, b) {
      var order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return (descending ? -order : order) || a.position - b.position;
    });
    rows.forEach(function (entry) {
      body.appendChild(entry.row);
    });
    Array.prototype.forEach.call(th.parentNode.children, function (other) {
      other.removeAttribute('aria-sort');
    });
    th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable th[data-type]'), function (th) {
    th.addEventListener('click', function () {
      sortBy(th);
    });
    th.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        sortBy(th);
      }
    });
  });
})();
