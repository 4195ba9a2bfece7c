// 长辈版 on pages published as files (docs/static-site.md): those are rendered once for
// everyone, so the reader's choice (cookie gk_elder=1, set by /mode/elder/) is applied here,
// in <head>, before anything is drawn. Pages Django renders carry the class already.
(function () {
  if (/(?:^|;\s*)gk_elder=1(?:;|$)/.test(document.cookie)) {
    document.documentElement.classList.add("elder");
  }
})();
