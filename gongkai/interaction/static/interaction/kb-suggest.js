// 问答知识库: as a citizen types a message, entries that may already answer it
// (interaction/templates/interaction/write.html; the REST endpoint /api/v1/knowledge/suggest)
(function () {
  var box = document.getElementById("kb-suggest"), timer;
  if (!box) { return; }
  var fields = [document.getElementById("id_subject"), document.getElementById("id_content")];
  // shown right under the content, where the citizen is looking
  if (fields[1] && fields[1].parentNode) { fields[1].parentNode.insertAdjacentElement("afterend", box); }
  function show(results) {
    while (box.firstChild) { box.removeChild(box.firstChild); }
    if (!results.length) { box.hidden = true; return; }
    var p = document.createElement("p");
    p.textContent = "以下问答可能已经解答了您的问题：";
    var ul = document.createElement("ul");
    results.forEach(function (r) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = r.url; a.textContent = r.question; a.target = "_blank"; a.rel = "noopener";
      li.appendChild(a); ul.appendChild(li);
    });
    box.appendChild(p); box.appendChild(ul); box.hidden = false;
  }
  function ask() {
    var text = fields.map(function (f) { return f ? f.value : ""; }).join(" ").trim().slice(0, 200);
    if (text.length < 2) { show([]); return; }
    fetch("/api/v1/knowledge/suggest?q=" + encodeURIComponent(text))
      .then(function (r) { return r.ok ? r.json() : { results: [] }; })
      .then(function (d) { show(d.results || []); })
      .catch(function () {});
  }
  fields.forEach(function (f) {
    if (f) { f.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 400); }); }
  });
})();
