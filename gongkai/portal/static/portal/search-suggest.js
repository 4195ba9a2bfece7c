// 站内搜索: suggestions as the visitor types (search/templates/search/results.html)
(function () {
  var input = document.getElementById("sq"), list = document.getElementById("sq-suggest"), timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (!input.value.trim()) { return; }
      fetch("/api/v1/search/suggest?q=" + encodeURIComponent(input.value)).then(function (r) { return r.json(); }).then(function (d) {
        list.innerHTML = "";
        d.suggestions.forEach(function (s) { var o = document.createElement("option"); o.value = s; list.appendChild(o); });
      }).catch(function () {});
    }, 200);
  });
})();
