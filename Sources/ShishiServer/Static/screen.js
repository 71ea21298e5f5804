// The big screen: the figures, updated live from the server's event stream (/events).
// Nothing here computes or reveals anything about how anyone voted.
const figures = document.getElementById("figures");
const quorum = document.querySelector(".quorum");
const live = document.getElementById("live");
const events = new EventSource("/events");
events.addEventListener("figures", (event) => {
    const data = JSON.parse(event.data);
    for (const cell of figures.querySelectorAll("[data-figure]")) {
        const value = data[cell.dataset.figure];
        if (value !== undefined) cell.textContent = String(value);
    }
    quorum.dataset.quorumMet = String(data.quorumMet);
    quorum.textContent = data.quorumMet ? quorum.dataset.met : quorum.dataset.notMet;
    live.hidden = false;
});
events.addEventListener("error", () => { live.hidden = true; });
