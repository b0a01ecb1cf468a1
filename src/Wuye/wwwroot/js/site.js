// What every page shares. The content policy forbids eval, so htmx's hx-vals="js:…" is not used:
// a button with data-prompt asks its question before htmx sends the request, and the answer goes
// with it under data-prompt-name (default "purpose"); Cancel sends nothing.
document.addEventListener('htmx:configRequest', function (e) {
  var el = e.detail.elt;
  var question = el && el.getAttribute && el.getAttribute('data-prompt');
  if (!question) return;
  var answer = window.prompt(question);
  if (answer === null) { e.preventDefault(); return; }
  e.detail.parameters[el.getAttribute('data-prompt-name') || 'purpose'] = answer;
});
