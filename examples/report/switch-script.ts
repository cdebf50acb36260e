/**
 * The report's only script: the attribution model switch. Every model's chart is already in the
 * page (hidden), so switching needs no data and no network; with scripts off the default model
 * still shows.
 */
export const SWITCH_SCRIPT = `
(function () {
  var buttons = document.querySelectorAll('#attribution [data-model]');
  var panels = document.querySelectorAll('#attribution [data-model-panel]');
  function show(model) {
    for (var i = 0; i < panels.length; i++) panels[i].hidden = panels[i].getAttribute('data-model-panel') !== model;
    for (var j = 0; j < buttons.length; j++) {
      var on = buttons[j].getAttribute('data-model') === model;
      buttons[j].classList.toggle('active', on);
      buttons[j].setAttribute('aria-pressed', String(on));
    }
  }
  for (var k = 0; k < buttons.length; k++) {
    buttons[k].addEventListener('click', function (event) { show(event.currentTarget.getAttribute('data-model')); });
  }
})();
`
