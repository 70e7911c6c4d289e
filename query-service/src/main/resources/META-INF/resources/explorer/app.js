// The explorer: one page, routed by its path. / lists the relations, /explore/{dyad} shows one,
// /explore/facts/{factId} one fact. Everything it shows comes from query-service's read models.
import { startPage } from './start.js';
import { dyadPage, showError } from './dyad.js';
import { factPage } from './fact.js';

const main = document.getElementById('main');
const path = decodeURIComponent(location.pathname);
const fact = path.match(/^\/explore\/facts\/(.+)$/);
const dyad = path.match(/^\/explore\/([^/]+)$/);

(fact ? factPage(main, fact[1]) : dyad ? dyadPage(main, dyad[1]) : startPage(main))
  .then(() => {
    // When the page first showed its data, since navigation began: the benchmark's time to first render.
    main.setAttribute('data-ready-ms', String(Math.round(performance.now())));
    main.setAttribute('data-ready', 'true');
  })
  .catch(e => {
    showError(main)(e);
    main.setAttribute('data-ready', 'error');
  });
