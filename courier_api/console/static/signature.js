// A signature drawn with a mouse, pen or finger on <canvas data-signature-for="NAME">:
// kept as the API's stroke vectors ({width, height, strokes: [[[x, y, t_ms], ...]]},
// DESIGN.md) in the form's hidden input NAME; the server checks and renders it exactly
// as a handheld's. [data-signature-clear] empties the canvas.
"use strict";

function signaturePad(canvas) {
  const form = canvas.closest("form");
  const input = form.elements[canvas.dataset.signatureFor];
  const pen = canvas.getContext("2d");
  const strokes = [];
  let started = null;
  let stroke = null;
  pen.lineWidth = 2;
  pen.lineCap = "round";

  function point(event) {
    const box = canvas.getBoundingClientRect();
    const clamp = (value, most) => Math.min(most, Math.max(0, Math.round(value)));
    const x = clamp((event.clientX - box.left) * canvas.width / box.width, canvas.width);
    const y = clamp((event.clientY - box.top) * canvas.height / box.height, canvas.height);
    if (started === null) started = event.timeStamp;
    return [x, y, Math.round(event.timeStamp - started)];
  }
  function keep() {
    input.value = strokes.length
      ? JSON.stringify({ width: canvas.width, height: canvas.height, strokes: strokes })
      : "";
  }
  canvas.addEventListener("pointerdown", (event) => {
    canvas.setPointerCapture(event.pointerId);
    stroke = [point(event)];
    strokes.push(stroke);
    pen.beginPath();
    pen.moveTo(stroke[0][0], stroke[0][1]);
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!stroke) return;
    const next = point(event);
    next[2] = Math.max(next[2], stroke[stroke.length - 1][2]); // time never goes back
    stroke.push(next);
    pen.lineTo(next[0], next[1]);
    pen.stroke();
  });
  canvas.addEventListener("pointerup", () => { stroke = null; keep(); });
  const clear = form.querySelector("[data-signature-clear]");
  if (clear) {
    clear.addEventListener("click", () => {
      strokes.length = 0;
      started = null;
      pen.clearRect(0, 0, canvas.width, canvas.height);
      keep();
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("canvas[data-signature-for]").forEach(signaturePad);
});
