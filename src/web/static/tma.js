// The Telegram Mini App's only script. On the first page it sends Telegram's signed initData to the
// server (Authorization: tma …), which checks it and answers with a session cookie; then the views load.
// On every page it tells Telegram the page is ready (Telegram's script applies the theme variables).
(() => {
  const app = window.Telegram?.WebApp;
  if (!app) return;
  app.ready();
  app.expand?.();
  if (!document.body.hasAttribute("data-shell")) return;
  const status = document.getElementById("status");
  const fail = () => {
    if (status) status.textContent = status.getAttribute("data-failed");
  };
  if (!app.initData) return fail();
  // Which view to open (a button under /tiendo opens the bloc): only a name, checked again by the server.
  const view = new URLSearchParams(window.location.search).get("view") || "";
  fetch("/app/tma", { method: "POST", headers: { Authorization: `tma ${app.initData}` }, credentials: "same-origin" })
    .then((res) => {
      if (!res.ok) return fail();
      window.location.replace(/^[a-z]{2,12}$/.test(view) ? `/app/${view}` : "/app/");
    })
    .catch(fail);
})();
