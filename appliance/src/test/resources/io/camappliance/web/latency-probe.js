// Glass-to-glass latency probe, run in the page of the appliance by WebRtcLatencyBench.
// It opens its own WHEP session with encoded insertable streams, reads the frame stamp SEI
// (UUID 5e1a5b4d-6f2c-4c6e-9a39-1f0c7d2b8a61, then the capture time in epoch microseconds, big
// endian, emulation-prevented like the rest of the SEI) from each encoded frame, and pairs it by
// RTP timestamp with requestVideoFrameCallback's expected display time.
(function (token) {
  const UUID = [0x5e, 0x1a, 0x5b, 0x4d, 0x6f, 0x2c, 0x4c, 0x6e,
                0x9a, 0x39, 0x1f, 0x0c, 0x7d, 0x2b, 0x8a, 0x61];
  const probe = { samples: [], firstFrameMs: null, frames: 0, stamped: 0, error: null,
                  width: 0, height: 0 };
  window.probe = probe;

  function captureMicros(data) {
    outer: for (let i = 0; i + UUID.length + 12 < data.length; i++) {
      for (let k = 0; k < UUID.length; k++) {
        if (data[i + k] !== UUID[k]) continue outer;
      }
      // Undo emulation prevention over the next bytes, then read 8 bytes big endian.
      const out = [];
      let zeros = 0;
      for (let j = i + UUID.length; j < data.length && out.length < 8; j++) {
        const b = data[j];
        if (zeros >= 2 && b === 3) { zeros = 0; continue; }
        zeros = b === 0 ? zeros + 1 : 0;
        out.push(b);
      }
      let v = 0;
      for (const b of out) v = v * 256 + b;
      return v;
    }
    return null;
  }

  function gathered(pc, ms) {
    if (pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') { clearTimeout(t); resolve(); }
      });
    });
  }

  (async () => {
    try {
      const pc = new RTCPeerConnection({ encodedInsertableStreams: true });
      window.probePc = pc;
      const transceiver = pc.addTransceiver('video', { direction: 'recvonly' });
      const captureByRtp = new Map();
      const { readable, writable } = transceiver.receiver.createEncodedStreams();
      readable.pipeThrough(new TransformStream({
        transform(frame, controller) {
          const meta = frame.getMetadata ? frame.getMetadata() : {};
          const rtp = meta.rtpTimestamp !== undefined ? meta.rtpTimestamp : frame.timestamp;
          const micros = captureMicros(new Uint8Array(frame.data));
          if (micros !== null) {
            captureByRtp.set(rtp, micros / 1000);
            if (captureByRtp.size > 900) captureByRtp.delete(captureByRtp.keys().next().value);
          }
          controller.enqueue(frame);
        },
      })).pipeTo(writable);
      const video = document.createElement('video');
      video.muted = true;
      video.autoplay = true;
      video.playsInline = true;
      document.body.appendChild(video);
      pc.ontrack = (e) => { video.srcObject = new MediaStream([e.track]); };
      await pc.setLocalDescription(await pc.createOffer());
      await gathered(pc, 1000);
      const headers = { 'Content-Type': 'application/sdp' };
      if (token) headers.Authorization = 'Bearer ' + token;
      const t0 = performance.now();
      const r = await fetch('/whep', { method: 'POST', headers, body: pc.localDescription.sdp });
      if (r.status !== 201) throw new Error('POST /whep answered ' + r.status + ': ' + await r.text());
      await pc.setRemoteDescription({ type: 'answer', sdp: await r.text() });
      const onFrame = (now, meta) => {
        probe.frames++;
        probe.width = meta.width;
        probe.height = meta.height;
        if (probe.firstFrameMs === null) probe.firstFrameMs = now - t0;
        const captured = captureByRtp.get(meta.rtpTimestamp);
        if (captured !== undefined) {
          probe.stamped++;
          probe.samples.push(performance.timeOrigin + meta.expectedDisplayTime - captured);
        }
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    } catch (e) {
      probe.error = String(e);
    }
  })();
})(arguments[0]);
