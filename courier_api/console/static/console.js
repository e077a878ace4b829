// The console's only script (no inline script is allowed: see the Content-Security-Policy).
// - [data-poll]: re-fetch the element's server-rendered HTML every data-every seconds and
//   swap it in, so the board stays live without a reload; on a failed fetch, keep the
//   last copy and say so (poor connections are the norm).
// - [data-confirm]: ask before a form's button posts.
// - select[data-autosubmit]: submit its form on change.
"use strict";

function startPolling(element) {
  const every = Math.max(3, Number(element.dataset.every || 10)) * 1000;
  const status = document.querySelector("[data-poll-status]");
  async function refresh() {
    try {
      const response = await fetch(element.dataset.poll, {
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      });
      if (response.redirected || response.status === 401) {
        window.location.reload(); // the session ended: show the login form
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      element.innerHTML = await response.text();
      if (status) { status.textContent = ""; status.classList.remove("offline"); }
    } catch (error) {
      if (status) { status.textContent = status.dataset.offlineText; status.classList.add("offline"); }
    } finally {
      window.setTimeout(refresh, every);
    }
  }
  window.setTimeout(refresh, every);
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-poll]").forEach(startPolling);
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
});

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
});
