/*
 * SupportRAG chat widget. Embed with one line:
 *   <script src="https://<gateway>/widget.js" data-key="<widget key>" defer></script>
 * Optional attributes: data-lang="en|de" (default: the browser's language), data-user-token="<JWT signed by your
 * site>" (sent as X-User-Token; or call window.SupportRagWidget.setUserToken(jwt)), data-knowledge-base="<name>".
 * Elements with a data-supportrag-open attribute open the chat when clicked.
 *
 * This loader is a classic script because only a classic script can read its own tag (document.currentScript);
 * it imports the widget's ES modules (widget/*.js, plain JavaScript, no build step) from the same gateway. Model
 * and agent text is only ever inserted as text (textContent), never as HTML.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || !script.dataset.key || window.SupportRagWidget) {
    return;
  }

  // The page may call the API before the modules have loaded: calls wait for them.
  var widget = null;
  var pending = [];
  function call(name) {
    return function (value) {
      if (widget) {
        widget[name](value);
      } else {
        pending.push([name, value]);
      }
    };
  }
  window.SupportRagWidget = { open: call('open'), close: call('close'), setUserToken: call('setUserToken') };

  var config = {
    src: script.src, key: script.dataset.key, lang: script.dataset.lang,
    userToken: script.dataset.userToken || null, knowledgeBase: script.dataset.knowledgeBase || null
  };
  import(new URL('widget/main.js', script.src).href).then(function (module) {
    widget = module.start(config);
    pending.forEach(function (waiting) { widget[waiting[0]](waiting[1]); });
    pending = [];
  }).catch(function (error) {
    console.error('SupportRAG widget could not load', error);
  });
})();
