"""The few scripts the page runs, as strings: copying as plain text, the upload ticket."""

from __future__ import annotations

# Copies the briefing box; falls back to selecting the text where the clipboard API is missing.
COPY_BRIEFING = """(text) => {
  if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text || ""); }
  else { const area = document.querySelector("#briefing textarea");
         if (area) { area.select(); document.execCommand("copy"); } }
  return [];
}"""

# Runs once in the page's head:
# - The chat's copy buttons copy a message's content, which is our HTML: turned into plain text
#   with the sources as footnotes (the message carries them hidden, web/render.py:footnotes_html).
# - Marker and "back" links move within the page by setting the hash: Gradio's page has a <base>,
#   against which "#src-1-1" resolves to another URL and reloads a page opened with a query
#   ("?__theme=dark").
DESK_SCRIPT = """<script>
(() => {
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a.cite, a.back");
    const id = link && (link.getAttribute("href") || "").replace(/^#/, "");
    if (!id || !document.getElementById(id)) return;
    event.preventDefault();
    if (location.hash === "#" + id) document.getElementById(id).scrollIntoView();
    else location.hash = id;
  });
})();
(() => {
  const clip = navigator.clipboard;
  if (!clip || clip.dispatchPlain) return;
  const write = clip.writeText.bind(clip);
  const plain = (text) => {
    if (typeof text !== "string" || !/class="(cite|footnotes|decline-note)"/.test(text)) return text;
    const doc = new DOMParser().parseFromString(text, "text/html");
    doc.querySelectorAll(".cite-tip").forEach((e) => e.remove());
    const notes = [...doc.querySelectorAll(".footnotes span")].map((e) => e.textContent);
    doc.querySelectorAll(".footnotes").forEach((e) => e.remove());
    doc.querySelectorAll("br").forEach((e) => e.replaceWith("\\n"));
    const body = doc.body.textContent.trim();
    return notes.length ? body + "\\n\\n" + notes.join("\\n") : body;
  };
  clip.writeText = (text) => write(plain(text));
  clip.dispatchPlain = true;
})();
</script>"""

# Before the token check runs, the browser asks the server for an upload ticket: the server sets
# it as an HttpOnly cookie (scripts never see it), sent with Gradio's own upload request.
FETCH_TICKET = """async (token) => {
  const root = ((window.gradio_config && window.gradio_config.root) || "").replace(/\\/$/, "");
  try {
    await fetch(root + "/api/admin/ticket", { method: "POST", credentials: "same-origin",
      headers: { Authorization: "Bearer " + (token || "") } });
  } catch (error) { /* the handler below reports a wrong token */ }
  return [token];
}"""
