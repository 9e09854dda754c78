// Live reload for the preview (flask --debug run; never in a published page): this page
// reloads itself when a file of the site is saved. It listens to the server's events and,
// if the server restarts, connects again and reloads once the new one answers. The page
// carries the mark it was made at (server and count of saves), so a save or a restart
// before its first connection is not missed.
(() => {
  const { events: url, mark } = document.currentScript.dataset;
  let delay = 500;
  const connect = () => {
    const events = new EventSource(url);
    events.addEventListener("hello", (event) => {
      delay = 500;
      if (event.data !== mark) location.reload();
    });
    events.addEventListener("reload", () => location.reload());
    events.addEventListener("error", () => {
      // A refused connection is retried by the browser; an error answer (too many pages
      // listen already) closes it for good: ask again, less and less often.
      if (events.readyState === EventSource.CLOSED) {
        setTimeout(connect, delay);
        delay = Math.min(2 * delay, 10000);
      }
    });
  };
  connect();
})();
