// Disaggregated figures: without JavaScript every breakdown's small chart is shown; with it, a
// selector shows one at a time. No library.
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('[data-breakdowns]'), function (box, n) {
    var figures = box.querySelectorAll('[data-breakdown]');
    if (figures.length < 2) return;
    var label = document.createElement('label');
    var select = document.createElement('select');
    select.id = 'breakdown-select-' + n;
    label.htmlFor = select.id;
    label.textContent = box.getAttribute('data-label') + ' ';
    Array.prototype.forEach.call(figures, function (figure, i) {
      var option = document.createElement('option');
      option.value = String(i);
      option.textContent = figure.getAttribute('data-breakdown');
      select.appendChild(option);
    });
    function show() {
      Array.prototype.forEach.call(figures, function (figure, i) { figure.hidden = String(i) !== select.value; });
    }
    select.addEventListener('change', show);
    label.appendChild(select);
    box.insertBefore(label, box.firstChild);
    show();
  });
})();
