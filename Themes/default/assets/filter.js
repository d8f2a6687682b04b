// Filters a grouped list (cities, projects) by country, programme, goal and status: each row
// carries its values as data attributes; a group with no row left is hidden. Without
// JavaScript the form stays hidden and the list is a plain list grouped by country.
(function () {
  'use strict';
  var form = document.querySelector('[data-filters]');
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll('.grouped-list .row'));
  var status = form.querySelector('[role=status]');
  form.hidden = false;
  function apply() {
    var chosen = {};
    Array.prototype.forEach.call(form.elements, function (select) { if (select.value) chosen[select.name] = select.value; });
    var shown = 0;
    rows.forEach(function (row) {
      var keep = Object.keys(chosen).every(function (name) {
        return (row.getAttribute('data-' + name) || '').split(' ').indexOf(chosen[name]) !== -1;
      });
      row.hidden = !keep;
      if (keep) shown++;
    });
    Array.prototype.forEach.call(document.querySelectorAll('.grouped-list section'), function (group) {
      group.hidden = !group.querySelector('.row:not([hidden])');
    });
    status.textContent = Object.keys(chosen).length
      ? status.getAttribute('data-shown').replace('{n}', shown).replace('{total}', rows.length)
      : status.getAttribute('data-all');
  }
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  apply();
})();
