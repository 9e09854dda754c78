// The search box of /search/: Pagefind's own interface, over the index the freeze built.
window.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("search");
  element.replaceChildren(); // the words for browsers without scripts, which the box replaces
  // eslint-disable-next-line no-undef
  new PagefindUI({
    element: "#search",
    baseUrl: element.dataset.base,
    showSubResults: true,
    showImages: false,
  });
  // Pagefind labels its box by a title only; the page's visible heading names it.
  const box = element.querySelector("input");
  if (box) box.setAttribute("aria-labelledby", "search-title");
});
