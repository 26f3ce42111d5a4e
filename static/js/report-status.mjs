// My reports: while a report is queued or running, fetch this page again every few seconds and
// swap in the fresh table, so its stage and then its download link appear without a reload.
// Each change of status is announced to screen readers through the live region. Without
// JavaScript the page offers a "Check again" link instead.
const table = document.querySelector("[data-report-jobs]");
const announcer = document.querySelector("[data-report-announcer]");
const INTERVAL_MS = 3000;
const GIVE_UP_AFTER = 200; // about ten minutes

function statuses(root) {
  const found = new Map();
  root.querySelectorAll("[data-job]").forEach((row) => {
    found.set(row.dataset.job, { status: row.dataset.status, title: row.dataset.title });
  });
  return found;
}

async function refresh(tries) {
  if (tries > GIVE_UP_AFTER) return;
  const response = await fetch(window.location.href, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" });
  if (!response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.querySelector("[data-report-jobs]");
  if (!fresh) return;
  const before = statuses(table);
  const after = statuses(fresh);
  const news = [];
  after.forEach((job, id) => {
    const old = before.get(id);
    if (old && old.status !== job.status && (job.status === "ready" || job.status === "failed")) {
      news.push(job.status === "ready" ? `${job.title} is ready to download.` : `${job.title} could not be produced.`);
    }
  });
  table.replaceChildren(...fresh.childNodes);
  if (news.length) announcer.textContent = news.join(" ");
  if (fresh.dataset.pending === "true") {
    window.setTimeout(() => refresh(tries + 1), INTERVAL_MS);
  } else {
    table.dataset.pending = "false";
    document.querySelectorAll("[data-check-again]").forEach((element) => { element.hidden = true; });
  }
}

if (table && table.dataset.pending === "true") {
  window.setTimeout(() => refresh(1), INTERVAL_MS);
}
