// Plays a stream of the emulator: asks the viewer's helper route for an HLS session URL, then
// plays it with hls.js (or natively where the browser plays HLS itself).
(function () {
  'use strict';
  var stream = new URLSearchParams(window.location.search).get('stream') || '';
  var video = document.getElementById('video');
  var status = document.getElementById('status');
  document.getElementById('title').textContent = stream || '(no stream given)';

  function say(text) {
    status.textContent = text;
  }

  function play(url) {
    if (window.Hls && Hls.isSupported()) {
      var hls = new Hls({ liveSyncDurationCount: 2 });
      hls.on(Hls.Events.ERROR, function (event, data) {
        if (data.fatal) {
          say('Playback failed: ' + data.type + ' ' + data.details);
        }
      });
      hls.loadSource(url);
      hls.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = url;
    } else {
      say('This browser plays neither HLS nor Media Source Extensions.');
      return;
    }
    video.addEventListener('loadeddata', function () {
      say('Playing ' + video.videoWidth + 'x' + video.videoHeight);
    });
    video.play().catch(function () { /* autoplay refused: the controls remain */ });
  }

  if (!stream) {
    say('Give the stream name: /viewer?stream=NAME');
    return;
  }
  fetch('/viewer/session?stream=' + encodeURIComponent(stream))
    .then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    })
    .then(function (res) {
      if (!res.ok) {
        say('No session: ' + (res.body.Message || res.body.message || 'error'));
        return;
      }
      say('Loading ' + res.body.HLSStreamingSessionURL);
      play(res.body.HLSStreamingSessionURL);
    })
    .catch(function (e) { say('No session: ' + e); });
})();
