// The narrow screen's menu is a <details> and works without this file. This only adds what
// keyboard users expect of a menu: Escape closes it and puts focus back on its "Menu" button.
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  const menu = event.target instanceof Element ? event.target.closest('details.nav-narrow[open]') : null;
  if (!menu) return;
  menu.open = false;
  menu.querySelector('summary').focus();
});
