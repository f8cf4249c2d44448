// Cek koneksi: download, upload and latency measured against the Lontar server itself, then
// recorded for the chosen site. No external service, no CDN (CSP: script-src 'self').
(function () {
  "use strict";
  var form = document.getElementById("cek-form");
  if (!form || !window.fetch || !window.performance) { return; }
  var auto = document.getElementById("cek-auto");
  auto.hidden = false;
  var MB = 1024 * 1024;
  var CHUNK = MB;
  var statusBox = document.getElementById("cek-status");
  var messages = {};
  var tpl = document.getElementById("cek-messages");
  Array.prototype.forEach.call(tpl.content.querySelectorAll("[data-key]"), function (el) {
    messages[el.getAttribute("data-key")] = el.textContent;
  });
  function say(key, extra) { statusBox.textContent = messages[key] + (extra ? " " + extra : ""); }
  function fmt(n, digits) { return Number(n).toLocaleString("id-ID", { maximumFractionDigits: digits }); }
  function csrf() { return form.querySelector("input[name=csrfmiddlewaretoken]").value; }
  function chosenSize() {
    var radio = form.querySelector("input[name=size]:checked");
    return { down: parseFloat(radio.getAttribute("data-down-mb")), up: parseFloat(radio.getAttribute("data-up-mb")) };
  }
  function showEstimate() {
    var size = chosenSize();
    say("estimate");
    statusBox.textContent = messages.estimate.replace("%s", fmt(size.down + size.up, 1));
  }
  Array.prototype.forEach.call(form.querySelectorAll("input[name=size]"), function (r) { r.addEventListener("change", showEstimate); });
  showEstimate();
  function deviceId() {
    try {
      var id = window.localStorage.getItem("lontar-cek-device");
      if (!id) {
        id = "web-" + Math.random().toString(36).slice(2, 12);
        window.localStorage.setItem("lontar-cek-device", id);
      }
      return id;
    } catch (e) { return ""; }
  }
  var used = 0;
  // Mbps, or null when nothing was transferred (never NaN or Infinity)
  function rate(bytes, start) {
    var seconds = (performance.now() - start) / 1000;
    return bytes > 0 && seconds > 0 ? (bytes * 8) / seconds / 1e6 : null;
  }
  function shown(value, digits, unit) { return value === null ? "–" : fmt(value, digits) + " " + unit; }
  function download(totalMb) {
    var url = form.getAttribute("data-download-url");
    var total = Math.round(totalMb * MB);
    var received = 0;
    var start = performance.now();
    function next() {
      if (received >= total) { return Promise.resolve(); }
      var size = Math.min(CHUNK, total - received);
      return fetch(url + "?bytes=" + size + "&t=" + Date.now(), { cache: "no-store", credentials: "same-origin" })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.arrayBuffer(); })
        .then(function (buf) { received += buf.byteLength; used += buf.byteLength; return next(); });
    }
    return next().then(function () { return rate(received, start); });
  }
  function upload(totalMb) {
    var url = form.getAttribute("data-upload-url");
    var total = Math.round(totalMb * MB);
    var sent = 0;
    var block = new Uint8Array(CHUNK);
    if (window.crypto && window.crypto.getRandomValues) {
      for (var i = 0; i < block.length; i += 65536) { window.crypto.getRandomValues(block.subarray(i, i + 65536)); }
    }
    var start = performance.now();
    function next() {
      if (sent >= total) { return Promise.resolve(); }
      var size = Math.min(CHUNK, total - sent);
      return fetch(url, { method: "POST", body: new Blob([block.subarray(0, size)]), credentials: "same-origin",
                          headers: { "X-CSRFToken": csrf(), "Content-Type": "application/octet-stream" } })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function () { sent += size; used += size; return next(); });
    }
    return next().then(function () { return rate(sent, start); });
  }
  function latency(count) {
    var url = form.getAttribute("data-ping-url");
    var times = [];
    function one(i) {
      if (i >= count) { return Promise.resolve(); }
      var start = performance.now();
      return fetch(url + "?t=" + Date.now() + i, { cache: "no-store", credentials: "same-origin" })
        .then(function (r) { return r.text(); })
        .then(function (t) { times.push(performance.now() - start); used += t.length + 300; return one(i + 1); });
    }
    return one(0).then(function () {
      times.sort(function (a, b) { return a - b; });
      var mid = Math.floor(times.length / 2);
      var median = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
      var jitter = 0;
      for (var k = 1; k < times.length; k++) { jitter += Math.abs(times[k] - times[k - 1]); }
      return { median: median, jitter: times.length > 1 ? jitter / (times.length - 1) : 0 };
    });
  }
  function locate() {
    if (!document.getElementById("cek-geo").checked || !navigator.geolocation) { return Promise.resolve(null); }
    say("locating");
    return new Promise(function (resolve) {
      navigator.geolocation.getCurrentPosition(
        function (pos) { resolve({ lat: pos.coords.latitude, lng: pos.coords.longitude, accuracy_m: pos.coords.accuracy }); },
        function () { resolve(null); },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }
  var button = document.getElementById("cek-start");
  button.addEventListener("click", function () {
    var size = chosenSize();
    var result = {};
    used = 0;
    button.disabled = true;
    document.getElementById("cek-saved").hidden = true;
    locate().then(function (loc) {
      result.loc = loc;
      say("pinging");
      return latency(7);
    }).then(function (lat) {
      result.latency = lat;
      say("downloading");
      return download(size.down);
    }).then(function (down) {
      result.down = down;
      say("uploading");
      return upload(size.up);
    }).then(function (up) {
      result.up = up;
      document.getElementById("cek-result").hidden = false;
      document.getElementById("cek-down").textContent = shown(result.down, 2, "Mbps");
      document.getElementById("cek-up").textContent = shown(result.up, 2, "Mbps");
      document.getElementById("cek-lat").textContent = fmt(result.latency.median, 0) + " ms";
      document.getElementById("cek-data").textContent = messages.used.replace("%s", fmt(used / MB, 2));
      document.getElementById("cek-loc").textContent = result.loc ? fmt(result.loc.lat, 5) + ", " + fmt(result.loc.lng, 5) : messages.noloc;
      say("saving");
      var body = {
        site: form.querySelector("select[name=site]").value,
        download_mbps: result.down, upload_mbps: result.up,
        latency_ms: result.latency.median, jitter_ms: result.latency.jitter,
        data_used_mb: used / MB, device_id: deviceId()
      };
      if (result.loc) { body.lat = result.loc.lat; body.lng = result.loc.lng; body.accuracy_m = result.loc.accuracy_m; }
      return fetch(form.getAttribute("data-record-url"), {
        method: "POST", credentials: "same-origin", body: JSON.stringify(body),
        headers: { "X-CSRFToken": csrf(), "Content-Type": "application/json" }
      }).then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); });
    }).then(function (answer) {
      if (!answer.ok) {
        var errors = answer.data.errors || {};
        var text = Object.keys(errors).map(function (k) { return errors[k].join(" "); }).join(" ");
        say("failed", text);
        return;
      }
      var text = messages.saved;
      if (answer.data.flagged) { text += " " + messages.far.replace("%s", fmt(answer.data.distance_to_site_m, 0)); }
      statusBox.textContent = text;
      var link = document.getElementById("cek-site-link");
      link.href = answer.data.site_url;
      document.getElementById("cek-saved").hidden = false;
    }).catch(function (err) {
      say("failed", String(err && err.message ? err.message : err));
    }).then(function () { button.disabled = false; });
  });
})();
