// The ballot page's live meter: budget (basket, approval) or points (cumulative) used so far.
(function () {
  "use strict";
  var form = document.getElementById("ballot-form");
  var meter = document.getElementById("ballot-used");
  if (!form || !meter) { return; }
  var limit = parseFloat(form.dataset.limit) || 0;
  var text = document.getElementById("ballot-used-text");
  var over = document.getElementById("ballot-over");
  var cumulative = form.dataset.ballotType === "cumulative";
  var currency = form.dataset.currency;

  function used() {
    var total = 0;
    if (cumulative) {
      form.querySelectorAll("input[data-ballot-points]").forEach(function (input) {
        total += Math.max(parseInt(input.value, 10) || 0, 0);
      });
    } else {
      form.querySelectorAll("input[name=choice]:checked").forEach(function (box) {
        total += parseFloat(box.dataset.cost) || 0;
      });
    }
    return total;
  }

  // Money in the city's currency, whole amounts without cents, as the page's prices are
  // shown (points are plain numbers).
  function shown(value) {
    var options = {};
    if (currency) {
      options.style = "currency";
      options.currency = currency;
      if (Number.isInteger(value)) {
        options.minimumFractionDigits = 0;
        options.maximumFractionDigits = 0;
      }
    }
    return new Intl.NumberFormat(document.documentElement.lang || undefined, options)
      .format(value);
  }

  function update() {
    var total = used();
    meter.value = Math.min(total, limit);
    text.textContent = shown(total) + " / " + shown(limit);
    var isOver = form.dataset.ballotType !== "approval" && total > limit;
    over.hidden = !isOver;
    meter.classList.toggle("over", isOver);
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
}());
