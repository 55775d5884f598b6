// IgtimiPS race page: moves every boat to its position at the slider's time, plays the race, and moves the plots' cursors.
// Data: #race-data holds start, end and step (ms) and per boat its first sample's index and x, y per sample (map units).
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('race-data').textContent);
  var map = document.getElementById('race-map');
  var slider = document.getElementById('time');
  var clock = document.getElementById('clock');
  var play = document.getElementById('play');
  var speed = document.getElementById('speed');
  var boats = data.boats.map(function (b) {
    var g = map.querySelector('#boats .boat[data-serial="' + CSS.escape(b.serial) + '"]');
    return { data: b, g: g, circle: g.querySelector('circle'), label: g.querySelector('text') };
  });
  var cursors = Array.prototype.slice.call(document.querySelectorAll('svg.plot'));

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function hms(ms) {
    var d = new Date(ms);
    return pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds());
  }

  // The position at time t: linear between the two samples around it; before the first or after the last sample the
  // boat stays at that end and is drawn faded.
  function place(boat, t) {
    var b = boat.data, k = (t - data.start) / data.step - b.first, n = b.x.length, x, y, out = k < 0 || k > n - 1;
    if (k <= 0) { x = b.x[0]; y = b.y[0]; }
    else if (k >= n - 1) { x = b.x[n - 1]; y = b.y[n - 1]; }
    else {
      var i = Math.floor(k), f = k - i;
      x = b.x[i] + f * (b.x[i + 1] - b.x[i]);
      y = b.y[i] + f * (b.y[i + 1] - b.y[i]);
    }
    boat.circle.setAttribute('cx', x.toFixed(1));
    boat.circle.setAttribute('cy', y.toFixed(1));
    boat.label.setAttribute('x', (x + 8).toFixed(1));
    boat.label.setAttribute('y', (y + 4).toFixed(1));
    boat.g.classList.toggle('idle', out);
  }

  function show(seconds) {
    var t = data.start + seconds * 1000;
    boats.forEach(function (b) { place(b, t); });
    clock.textContent = hms(t) + ' UTC  (+' + Math.floor(seconds / 60) + ':' + pad(Math.floor(seconds % 60)) + ')';
    cursors.forEach(function (svg) {
      var x0 = +svg.dataset.x0, x1 = +svg.dataset.x1, line = svg.querySelector('.cursor');
      var x = x0 + (x1 - x0) * (t - data.start) / Math.max(1, data.end - data.start);
      line.setAttribute('x1', x.toFixed(1));
      line.setAttribute('x2', x.toFixed(1));
    });
    map.dataset.time = String(t);
  }

  var playing = false, last = 0;
  function frame(now) {
    if (!playing) return;
    var value = +slider.value + (now - last) / 1000 * +speed.value;
    last = now;
    if (value >= +slider.max) { value = +slider.max; stop(); }
    slider.value = value;
    show(+slider.value);
    if (playing) requestAnimationFrame(frame);
  }
  function stop() { playing = false; play.innerHTML = '&#9654; Play'; }
  play.addEventListener('click', function () {
    if (playing) { stop(); return; }
    if (+slider.value >= +slider.max) slider.value = 0;
    playing = true;
    play.innerHTML = '&#10074;&#10074; Pause';
    last = performance.now();
    requestAnimationFrame(frame);
  });
  slider.addEventListener('input', function () { show(+slider.value); });

  // A click on a boat in the legend picks it out on the map and the plots; a second click shows all again.
  document.querySelectorAll('.legend-boat').forEach(function (entry) {
    entry.addEventListener('click', function () {
      var serial = entry.dataset.serial, on = document.body.dataset.focus !== serial;
      document.querySelectorAll('[data-serial]').forEach(function (el) { el.classList.toggle('on', on && el.dataset.serial === serial); });
      if (on) document.body.dataset.focus = serial; else delete document.body.dataset.focus;
      document.body.classList.toggle('focus', on);
    });
  });

  show(+slider.value);
}());
