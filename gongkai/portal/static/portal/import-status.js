// Catalog import status: polls the job until it ends (catalog/manage/import_status.html)
(function poll() {
  fetch("?format=json", {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (d) {
    document.getElementById("bar").value = d.percent;
    document.getElementById("status").textContent = d.status_label;
    if (d.status === "queued" || d.status === "running") { setTimeout(poll, 1000); } else { location.reload(); }
  }).catch(function () { setTimeout(poll, 3000); });
})();
