// Merchant Portal's behaviour on top of server-rendered pages that work without it:
// - the More actions <details> become WAI-ARIA menu buttons (Enter, Space, ArrowDown open;
//   arrows, Home and End move; Escape closes and returns focus; Tab leaves);
// - the action dialogs that htmx loads open as modal <dialog>s, close when the action is
//   done, and give focus back to the menu button they came from.
(function () {
  'use strict';

  const MENU = '.actions-menu';

  function summaryOf(menu) {
    return menu.querySelector(':scope > summary');
  }

  function itemsOf(menu) {
    return Array.from(menu.querySelectorAll('[role=menuitem]'));
  }

  function focusItem(menu, index) {
    const items = itemsOf(menu);
    if (items.length > 0) {
      items[((index % items.length) + items.length) % items.length].focus();
    }
  }

  function openMenu(menu, index) {
    menu.open = true;
    summaryOf(menu).setAttribute('aria-expanded', 'true');
    focusItem(menu, index);
  }

  function closeMenu(menu, returnFocus) {
    menu.open = false;
    summaryOf(menu).setAttribute('aria-expanded', 'false');
    if (returnFocus) {
      summaryOf(menu).focus();
    }
  }

  function closeOtherMenus(except) {
    document.querySelectorAll(MENU + '[open]').forEach((menu) => {
      if (menu !== except) {
        closeMenu(menu, false);
      }
    });
  }

  function upgrade(root) {
    root.querySelectorAll(MENU + ' > summary').forEach((summary) => {
      summary.setAttribute('role', 'button');
      summary.setAttribute('aria-expanded', summary.parentElement.open ? 'true' : 'false');
      summary.setAttribute('aria-controls', summary.id + '-menu');
    });
  }

  document.addEventListener('keydown', (event) => {
    const summary = event.target.closest && event.target.closest(MENU + ' > summary');
    if (summary) {
      const menu = summary.parentElement;
      if (event.key === 'Enter' || event.key === ' ' || event.key === 'ArrowDown') {
        event.preventDefault();
        closeOtherMenus(menu);
        openMenu(menu, 0);
      }
      else if (event.key === 'ArrowUp') {
        event.preventDefault();
        closeOtherMenus(menu);
        openMenu(menu, -1);
      }
      else if (event.key === 'Escape' && menu.open) {
        event.preventDefault();
        closeMenu(menu, true);
      }
      return;
    }
    const item = event.target.closest && event.target.closest(MENU + ' [role=menuitem]');
    if (!item) {
      return;
    }
    const menu = item.closest(MENU);
    const index = itemsOf(menu).indexOf(item);
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focusItem(menu, index + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusItem(menu, index - 1);
        break;
      case 'Home':
        event.preventDefault();
        focusItem(menu, 0);
        break;
      case 'End':
        event.preventDefault();
        focusItem(menu, -1);
        break;
      case 'Escape':
        event.preventDefault();
        closeMenu(menu, true);
        break;
      case 'Tab':
        closeMenu(menu, false);
        break;
      case ' ':
        event.preventDefault();
        item.click();
        break;
      default:
        break;
    }
  });

  document.addEventListener('toggle', (event) => {
    const menu = event.target;
    if (menu.matches && menu.matches(MENU)) {
      summaryOf(menu).setAttribute('aria-expanded', menu.open ? 'true' : 'false');
      if (menu.open) {
        closeOtherMenus(menu);
      }
    }
  }, true);

  document.addEventListener('click', (event) => {
    document.querySelectorAll(MENU + '[open]').forEach((menu) => {
      if (!menu.contains(event.target)) {
        closeMenu(menu, false);
      }
    });
    const disabled = event.target.closest && event.target.closest('[role=menuitem][aria-disabled=true]');
    if (disabled) {
      event.preventDefault();
    }
  });

  // --- Dialogs ---------------------------------------------------------------------

  let opener = null;

  function dialog() {
    return document.getElementById('action-dialog');
  }

  function focusInDialog() {
    const body = dialog().querySelector('.dialog-body, .problem');
    if (!body) {
      return;
    }
    const target = body.querySelector('[aria-invalid=true]')
      || body.querySelector('input:not([type=hidden]):not([type=radio]), select, textarea')
      || body.querySelector('.dialog-close, button[type=submit]');
    if (target) {
      target.focus();
    }
  }

  document.addEventListener('htmx:beforeRequest', (event) => {
    // A new search or action: the last status message is old news.
    const status = document.getElementById('status-message');
    if (status) {
      status.replaceChildren();
    }
    const menu = event.detail.elt.closest && event.detail.elt.closest(MENU);
    if (menu) {
      opener = summaryOf(menu).id;
      closeMenu(menu, false);
    }
  });

  document.addEventListener('htmx:afterSettle', (event) => {
    if (event.detail.target && event.detail.target.id === 'dialog-content') {
      const box = dialog();
      if (box.querySelector('.dialog-done')) {
        return;
      }
      // Named by its own title, which exists only once a dialog is loaded.
      if (box.querySelector('#dialog-title')) {
        box.setAttribute('aria-labelledby', 'dialog-title');
      }
      else {
        box.removeAttribute('aria-labelledby');
      }
      box.querySelectorAll('table[data-currency]').forEach(showLinesTotal);
      if (!box.open) {
        box.showModal();
      }
      focusInDialog();
    }
    upgrade(document);
  });

  // What the quantities chosen in a Capture… or Refund… dialog's lines come to, written
  // as the page writes amounts (Intl with the page's language), as they are typed.
  function showLinesTotal(table) {
    const total = table.closest('.mode-lines') && table.closest('.mode-lines').querySelector('.lines-total');
    if (!total) {
      return;
    }
    let minor = 0;
    table.querySelectorAll('input.qty').forEach((input) => {
      const quantity = Number(input.value);
      if (Number.isInteger(quantity) && quantity > 0) {
        minor += quantity * Number(input.dataset.unitMinor);
      }
    });
    const digits = Number(table.dataset.digits);
    total.querySelector('output').value = new Intl.NumberFormat(document.documentElement.lang || 'en', {
      style: 'currency', currency: table.dataset.currency,
      minimumFractionDigits: digits, maximumFractionDigits: digits,
    }).format(minor / 10 ** digits);
    total.hidden = false;
  }

  document.addEventListener('input', (event) => {
    const table = event.target.matches && event.target.matches('input.qty')
      && event.target.closest('table[data-currency]');
    if (table) {
      showLinesTotal(table);
    }
  });

  // A search or page that htmx put in the address bar is the page the language switch
  // returns to.
  document.addEventListener('htmx:pushedIntoHistory', () => {
    document.querySelectorAll('form.languages input[name=return]').forEach((field) => {
      field.value = location.pathname + location.search;
    });
  });

  document.addEventListener('orderActionDone', () => {
    if (dialog().open) {
      dialog().close();
    }
  });

  document.addEventListener('click', (event) => {
    // The message an action left goes when it is clicked (or at the next request).
    const message = event.target.closest && event.target.closest('#status-message');
    if (message) {
      message.replaceChildren();
      return;
    }
    const close = event.target.closest && event.target.closest('#action-dialog .dialog-close');
    if (close) {
      event.preventDefault();
      dialog().close();
    }
  });

  function init() {
    upgrade(document);
    document.querySelectorAll('table[data-currency]').forEach(showLinesTotal);
    const box = dialog();
    if (box) {
      box.addEventListener('close', () => {
        document.getElementById('dialog-content').replaceChildren();
        box.removeAttribute('aria-labelledby');
        const back = opener && document.getElementById(opener);
        if (back) {
          back.focus();
        }
      });
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  }
  else {
    init();
  }
})();
