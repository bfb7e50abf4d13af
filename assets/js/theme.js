// Colour mode: the reader's saved choice, else the system's. Runs before
// the page is drawn so there is no flash of the wrong mode.
(function () {
  var root = document.documentElement, dark = matchMedia('(prefers-color-scheme: dark)');
  function apply(mode) { root.className = mode; }
  apply(localStorage.getItem('theme') || (dark.matches ? 'dark' : 'light'));
  dark.addEventListener('change', function (e) { if (!localStorage.getItem('theme')) apply(e.matches ? 'dark' : 'light'); });
  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('theme-toggle').addEventListener('click', function () {
      var mode = root.className === 'dark' ? 'light' : 'dark';
      localStorage.setItem('theme', mode); apply(mode);
    });
  });
})();
