// Behaviour shared by every page; no inline script anywhere (Content-Security-Policy).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) { window.print(); }
});

// The 长辈版 switch says what it will do; a page published as a file was rendered saying
// "长辈版", so it is corrected once the mode is known.
document.addEventListener("DOMContentLoaded", function () {
  var toggle = document.querySelector("[data-elder-toggle]");
  if (toggle && document.documentElement.classList.contains("elder")) {
    toggle.textContent = "退出长辈版";
  }
});
