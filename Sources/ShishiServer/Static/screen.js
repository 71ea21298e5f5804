// The big screen and the count room: the figures, updated live from the server's event stream
// (/events). Nothing here computes or reveals anything about how anyone voted; when the box is
// closed, a count starts or ends, the result appears, the phase moves on or the next round
// begins, the page loads again to show it. The figures are Hall.Figures
// (Sources/ShishiServer/Hall/Hall.swift), as the server sends them.
const figures = document.getElementById("figures");
const quorum = document.querySelector(".quorum");
const live = document.getElementById("live");
const progress = document.querySelector("#counting progress");
const shown = figures.dataset;
const events = new EventSource("/events");
events.addEventListener("figures", (event) => {
    const data = JSON.parse(event.data);
    const counting = data.counting !== undefined && data.counting !== null;
    if (String(data.counted) !== shown.counted || String(data.closed) !== shown.closed || String(counting) !== shown.counting ||
        String(data.round) !== shown.round || String(data.phase) !== shown.phase) {
        location.reload();
        return;
    }
    for (const cell of figures.querySelectorAll("[data-figure]")) {
        const value = data[cell.dataset.figure];
        if (value !== undefined) cell.textContent = String(value);
    }
    quorum.dataset.quorumMet = String(data.quorumMet);
    quorum.textContent = data.quorumMet ? quorum.dataset.met : quorum.dataset.notMet;
    if (progress && counting) progress.value = data.counting;
    if (live) live.hidden = false;
});
events.addEventListener("error", () => { if (live) live.hidden = true; });
