// An Annex A import's page while the workbook waits or is imported: fetch the page again every few
// seconds and swap in the fresh status and result, so they appear without the page reloading under
// the reader (a page that refreshes itself fails WCAG 2.2.1). Each change of status is announced to
// screen readers through the live region. Without JavaScript the page offers a "Check again" link.
const region = document.querySelector("[data-import-status]");
const announcer = document.querySelector("[data-import-announcer]");
const INTERVAL_MS = 5000;
const GIVE_UP_AFTER = 720; // about an hour: the background service may be away for a while

async function refresh(tries) {
  if (tries > GIVE_UP_AFTER) return;
  let fresh = null;
  try {
    const response = await fetch(window.location.href, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" });
    if (response.ok) {
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      fresh = page.querySelector("[data-import-status]");
    }
  } catch {
    // The network or the server is away for a moment: try again at the next interval.
  }
  if (fresh && fresh.dataset.status !== region.dataset.status) {
    region.replaceChildren(...fresh.childNodes);
    region.dataset.status = fresh.dataset.status;
    region.dataset.pending = fresh.dataset.pending;
    announcer.textContent = `Annex A import: ${fresh.dataset.announce}.`;
  }
  if (!fresh || fresh.dataset.pending === "true") {
    window.setTimeout(() => refresh(tries + 1), INTERVAL_MS);
  }
}

if (region && announcer && region.dataset.pending === "true") {
  window.setTimeout(() => refresh(1), INTERVAL_MS);
}
