// The live view: plays the camera over WebRTC, signalled with WHEP (draft-ietf-wish-whep).
// The server is ICE-lite on the LAN, so the offer is sent once candidate gathering is complete
// (or after a short cap) rather than trickled. Any failure -- a refused offer, a dropped
// connection, an unreachable server -- tears the session down and tries again after a backoff
// (1, 2, 4 ... 30 s, or the server's Retry-After), showing the reason meanwhile.
// Tests read window.liveView: { pc, state, reconnects, lastError, session }.
'use strict';
(function () {
  const GATHERING_CAP_MS = 1500;
  const FIRST_DELAY_S = 1;
  const MAX_DELAY_S = 30;
  const MAX_RETRY_AFTER_S = 300;

  const video = document.getElementById('video');
  const line = document.getElementById('live-status');
  const view = { pc: null, state: 'idle', reconnects: 0, lastError: null, session: null };
  window.liveView = view;

  let attempt = 0; // bumped whenever an attempt is abandoned; late events of old ones are ignored
  let failures = 0; // consecutive failures, for the backoff
  let countdown = null;

  function show(state, text) {
    view.state = state;
    line.textContent = text;
  }

  function gatheringComplete(pc) {
    if (pc.iceGatheringState === 'complete') {
      return Promise.resolve();
    }
    return new Promise(function (resolve) {
      let cap = null;
      function done() {
        pc.removeEventListener('icegatheringstatechange', check);
        window.clearTimeout(cap);
        resolve();
      }
      function check() {
        if (pc.iceGatheringState === 'complete') {
          done();
        }
      }
      cap = window.setTimeout(done, GATHERING_CAP_MS);
      pc.addEventListener('icegatheringstatechange', check);
    });
  }

  function retryAfterSeconds(response) {
    const value = response.headers.get('Retry-After');
    if (value === null) {
      return undefined;
    }
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0) {
      return seconds;
    }
    const when = Date.parse(value);
    return Number.isNaN(when) ? undefined : Math.max(0, (when - Date.now()) / 1000);
  }

  function deleteSession(session) {
    if (session) {
      fetch(session, {
        method: 'DELETE',
        headers: window.cameraAuth.headers(),
        keepalive: true
      }).catch(function () {});
    }
  }

  function hangUp() {
    const pc = view.pc;
    if (pc) {
      pc.onconnectionstatechange = null;
      pc.ontrack = null;
      pc.close();
    }
    deleteSession(view.session);
    view.session = null;
  }

  async function connect() {
    const mine = ++attempt;
    show('connecting', 'Connecting…');
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
    view.pc = pc;
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.ontrack = function (event) {
      video.srcObject = event.streams[0] || new MediaStream([event.track]);
    };
    pc.onconnectionstatechange = function () {
      if (mine !== attempt) {
        return;
      }
      const state = pc.connectionState;
      if (state === 'connected') {
        failures = 0;
        show('live', 'Live');
      } else if (state === 'failed' || state === 'disconnected') {
        reconnect('Connection ' + state);
      }
    };
    try {
      await pc.setLocalDescription(await pc.createOffer());
      await gatheringComplete(pc);
      if (mine !== attempt) {
        return;
      }
      const response = await fetch('/whep', {
        method: 'POST',
        headers: window.cameraAuth.headers({ 'Content-Type': 'application/sdp' }),
        body: pc.localDescription.sdp
      });
      const body = await response.text();
      if (response.status !== 201) {
        const error = new Error(body.trim() || 'HTTP ' + response.status);
        error.retryAfter = retryAfterSeconds(response);
        throw error;
      }
      const location = response.headers.get('Location');
      const session = location ? new URL(location, window.location.href).href : null;
      if (mine !== attempt) {
        deleteSession(session);
        return;
      }
      view.session = session;
      await pc.setRemoteDescription({ type: 'answer', sdp: body });
    } catch (error) {
      if (mine === attempt) {
        reconnect(error.message, error.retryAfter);
      }
    }
  }

  function reconnect(reason, retryAfter) {
    attempt++;
    hangUp();
    view.reconnects++;
    view.lastError = reason;
    failures++;
    const backoff = Math.min(MAX_DELAY_S, FIRST_DELAY_S * Math.pow(2, failures - 1));
    let left =
      retryAfter === undefined
        ? backoff
        : Math.ceil(Math.min(MAX_RETRY_AFTER_S, Math.max(FIRST_DELAY_S, retryAfter)));
    window.clearInterval(countdown);
    function tick() {
      if (left <= 0) {
        window.clearInterval(countdown);
        countdown = null;
        connect();
        return;
      }
      show('reconnecting', reason + ' — reconnecting in ' + left + ' s');
      left--;
    }
    countdown = window.setInterval(tick, 1000);
    tick();
  }

  window.addEventListener('pagehide', function () {
    attempt++;
    window.clearInterval(countdown);
    countdown = null;
    hangUp();
  });
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      connect();
    }
  });

  connect();
})();
