// Tabbed code samples: one click picks the language for every sample on the page.
(function () {
  function choose(lang) {
    document.querySelectorAll('.samples').forEach(function (set) {
      var has = set.querySelector('[role="tabpanel"][data-lang="' + lang + '"]');
      if (!has) return;
      set.querySelectorAll('[role="tab"]').forEach(function (tab) {
        tab.setAttribute('aria-selected', tab.dataset.lang === lang ? 'true' : 'false');
      });
      set.querySelectorAll('[role="tabpanel"]').forEach(function (panel) {
        panel.hidden = panel.dataset.lang !== lang;
      });
    });
    try { localStorage.setItem('renderowl-sample-lang', lang); } catch (e) { /* private mode */ }
  }
  document.addEventListener('click', function (event) {
    var tab = event.target.closest('.samples [role="tab"]');
    if (tab) choose(tab.dataset.lang);
  });
  var saved = null;
  try { saved = localStorage.getItem('renderowl-sample-lang'); } catch (e) { /* private mode */ }
  if (saved) choose(saved);
})();
