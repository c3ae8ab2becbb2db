// Admin views: knowledge bases (upload with job progress, delete) and prompt templates (versions, promote, roll back).
import { api, get } from './api.js';
import { hasRole, session } from './auth.js';
import { h, replace, thead, toast, when } from './dom.js';

function fail(error) {
  toast(error.message, 'error');
}

// ---- Knowledge bases

let knowledgeBase = 'default';

export function knowledgeBasesView(view) {
  const nameInput = h('input', { id: 'kb-name', value: knowledgeBase, pattern: '[a-z0-9][a-z0-9_\\-]{0,63}', required: true });
  const files = h('input', { id: 'kb-files', type: 'file', multiple: true, required: true });
  const progress = h('div', { class: 'job', 'aria-live': 'polite' });
  const body = h('tbody');
  let timer = null;
  let stopped = false;

  replace(view,
    h('h1', null, 'Knowledge bases'),
    h('form', { class: 'filters', onsubmit: (event) => { event.preventDefault(); knowledgeBase = nameInput.value.trim(); load(); } },
      h('label', null, 'Knowledge base ', nameInput),
      h('button', { type: 'submit', class: 'ghost' }, 'Show')),
    h('form', { class: 'card upload', onsubmit: upload },
      h('h2', null, 'Upload documents'),
      h('p', { class: 'muted' }, 'Markdown, text, PDF, HTML, Office documents, e-mail and source code. A file with the same name replaces the document.'),
      h('label', { for: 'kb-files' }, 'Files'), files,
      h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary', id: 'upload' }, 'Upload')),
      progress),
    h('h2', null, 'Documents'),
    h('table', null,
      thead(['Name', 'Title', 'Kind', 'Version', 'Chunks', 'Updated', '']),
      body));

  async function load() {
    try {
      const data = await get(`/api/v1/knowledge-bases/${encodeURIComponent(knowledgeBase)}/documents`);
      const documents = data?.documents || [];
      replace(body, documents.length ? documents.map((doc) => h('tr', { 'data-document-id': doc.id },
        h('td', null, doc.name), h('td', null, doc.title), h('td', null, doc.kind), h('td', { class: 'number' }, doc.version),
        h('td', { class: 'number' }, doc.chunks), h('td', null, when(doc.updatedAt)),
        h('td', null, deleteButton(doc))))
        : h('tr', null, h('td', { colspan: '7', class: 'muted empty' }, 'No documents yet.')));
    } catch (error) {
      replace(body, h('tr', null, h('td', { colspan: '7', class: 'error' }, error.message)));
    }
  }

  // Two steps instead of a confirm() dialog: the first press arms the button, the second deletes.
  function deleteButton(doc) {
    const button = h('button', {
      type: 'button', class: 'ghost small danger', 'aria-label': `Delete ${doc.name}`,
      onclick: async () => {
        if (!button.dataset.armed) {
          button.dataset.armed = 'true';
          button.textContent = 'Confirm delete';
          button.setAttribute('aria-label', `Confirm delete ${doc.name}`);
          return;
        }
        try {
          await api('DELETE', `/api/v1/knowledge-bases/${encodeURIComponent(knowledgeBase)}/documents/${doc.id}`);
          toast(`Deleted ${doc.name}.`);
          load();
        } catch (error) {
          fail(error);
        }
      },
    }, 'Delete');
    return button;
  }

  async function upload(event) {
    event.preventDefault();
    if (!files.files.length) {
      return;
    }
    const form = new FormData();
    for (const file of files.files) {
      form.append('files', file, file.name);
    }
    const button = view.querySelector('#upload');
    button.disabled = true;
    replace(progress, h('p', null, `Uploading ${files.files.length} file(s)…`));
    try {
      const response = await api('POST', `/api/v1/knowledge-bases/${encodeURIComponent(knowledgeBase)}/documents`, form);
      // Ingestion answers 202 with a durable job to follow (Location / jobUrl); older builds answered 200 at once.
      const jobUrl = response.status === 202 ? (response.location || response.data?.jobUrl) : null;
      if (jobUrl) {
        showJob(response.data, jobUrl);
        poll(jobUrl);
      } else {
        showJob(response.data, null);
        load();
      }
      files.value = '';
    } catch (error) {
      replace(progress, h('p', { class: 'error' }, error.message));
    } finally {
      button.disabled = false;
    }
  }

  const FINISHED = ['completed', 'cancelled'];

  function showJob(job, jobUrl) {
    if (!job) {
      return;
    }
    const counts = job.progress || {};
    const total = counts.files ?? (job.files || job.documents || []).length;
    const done = counts.filesDone ?? (FINISHED.includes(job.status) || !job.status ? total : 0);
    const percent = total ? Math.round((done / total) * 100) : (FINISHED.includes(job.status) ? 100 : 0);
    const running = job.status && !FINISHED.includes(job.status);
    replace(progress,
      h('p', null, 'Job ', h('strong', { class: 'job-status' }, job.status || 'completed'),
        ` — ${done} of ${total} file(s)`, counts.chunks !== undefined ? `, ${counts.chunks} chunks` : '',
        counts.errors ? `, ${counts.errors} error(s)` : '', ' ',
        running && job.status !== 'cancelling' && jobUrl ? h('button', {
          type: 'button', class: 'ghost small danger',
          onclick: () => api('POST', `${jobUrl.replace(/\/$/, '')}/cancel`).then(({ data }) => showJob(data, jobUrl)).catch(fail),
        }, 'Cancel job') : null),
      h('progress', { max: '100', value: String(percent), 'aria-label': 'Job progress' }),
      job.status === 'completed' || !job.status
        ? h('p', null, `Created ${job.created ?? 0}, updated ${job.updated ?? 0}, unchanged ${job.unchanged ?? 0}, failed ${job.failed ?? 0}.`)
        : null,
      fileList(job));
  }

  function fileList(job) {
    const outcomes = job.documents || [];
    const states = job.files || [];
    const rows = states.length ? states.map((file) => ({ name: file.name, state: file.state, error: file.error }))
      : outcomes.map((doc) => ({ name: doc.name, state: doc.status, error: doc.error }));
    if (!rows.length) {
      return null;
    }
    return h('ul', { class: 'results' }, rows.map((row) => h('li', { class: ['failed', 'dead'].includes(row.state) ? 'error' : '' },
      `${row.name}: ${row.state || ''}${row.error ? ` — ${row.error}` : ''}`)));
  }

  function poll(url) {
    const step = async () => {
      if (stopped) {
        return;
      }
      try {
        const job = await get(url);
        showJob(job, url);
        if (FINISHED.includes(job?.status)) {
          load();
          return;
        }
      } catch (error) {
        replace(progress, h('p', { class: 'error' }, error.message));
        return;
      }
      timer = setTimeout(step, 1000);
    };
    step();
  }

  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

// ---- Prompts

export function promptsView(view) {
  const container = h('div');
  replace(view, h('h1', null, 'Prompts'),
    h('p', { class: 'muted' }, 'Global templates apply to every tenant (operators change them); tenant versions override them for your tenant only.'),
    container);

  const canWrite = (scope) => (scope === 'tenant' ? hasRole(session(), 'admin', 'ops') : hasRole(session(), 'ops'));

  async function act(method, path, body, message) {
    try {
      await api(method, path, body);
      await load();
      toast(message);
    } catch (error) {
      fail(error);
    }
  }

  // Production needs a passing gate verdict (eval-service); when refused, the problem says why and an admin may
  // override with a reason, which is kept in the label's history.
  async function promote(path, version, label, message, slot) {
    try {
      await api('PUT', path, { version });
      await load();
      toast(message);
    } catch (error) {
      const type = error.problem?.type || '';
      if (label !== 'production' || !/production-gate-(failed|missing|unavailable)$/.test(type)) {
        fail(error);
        return;
      }
      const reason = h('input', { class: 'override-reason', 'aria-label': 'Override reason', maxlength: '500',
        placeholder: 'Why this version goes to production without a passing gate' });
      replace(slot, h('div', { class: 'card gate-refused', role: 'alert' },
        h('p', { class: 'error' }, error.message),
        h('div', { class: 'row' }, reason, h('button', { type: 'button', class: 'small', onclick: async () => {
          try {
            await api('PUT', path, { version, overrideReason: reason.value });
            await load();
            toast(`${message} (override recorded)`);
          } catch (overrideError) {
            fail(overrideError);
          }
        } }, 'Override and promote'))));
    }
  }

  function template(item) {
    const base = `/api/v1/prompts/${encodeURIComponent(item.name)}`;
    const scope = `scope=${item.scope}`;
    const versions = [...(item.versions || [])].sort((a, b) => b.version - a.version);
    const labelsOf = (version) => Object.entries(item.labels || {}).filter(([, v]) => v === version).map(([label]) => label);
    const writable = canWrite(item.scope);
    const editor = h('textarea', { rows: '8', class: 'code', 'aria-label': `New version of ${item.name}` });
    editor.value = versions[0]?.body || '';
    const gateSlot = h('div', { class: 'gate-slot' });
    return h('section', { class: 'card prompt', 'data-template': item.name, 'data-scope': item.scope },
      h('h2', null, item.name, ' ', h('span', { class: 'tag' }, item.scope)),
      h('p', null, 'Labels: ', Object.keys(item.labels || {}).length
        ? Object.entries(item.labels).map(([label, version]) => h('span', { class: 'label-pill' },
          `${label} → v${version} `,
          writable ? h('button', {
            type: 'button', class: 'ghost small', 'aria-label': `Roll back ${label} of ${item.name} (${item.scope})`,
            onclick: () => act('POST', `${base}/labels/${label}/rollback?${scope}`, undefined, `Rolled back ${label}.`),
          }, 'Roll back') : null))
        : 'none'),
      gateSlot,
      h('table', null,
        thead(['Version', 'Created', 'By', 'Labels', '']),
        h('tbody', null, versions.map((version) => h('tr', null,
          h('td', { class: 'number' }, `v${version.version}`), h('td', null, when(version.createdAt)), h('td', null, version.createdBy || ''),
          h('td', null, labelsOf(version.version).join(', ')),
          h('td', { class: 'actions' },
            h('details', null, h('summary', null, 'Show'), h('pre', { class: 'code' }, version.body)),
            writable ? ['production', 'canary'].filter((label) => !labelsOf(version.version).includes(label)).map((label) => h('button', {
              type: 'button', class: 'small', 'aria-label': `Promote v${version.version} of ${item.name} (${item.scope}) to ${label}`,
              onclick: () => promote(`${base}/labels/${label}?${scope}`, version.version, label, `v${version.version} is now ${label}.`, gateSlot),
            }, `Promote to ${label}`)) : null))))),
      newVersionForm(item, base, editor));
  }

  // A new version is saved unpromoted; tenant versions override the global template for this tenant only.
  function newVersionForm(item, base, editor) {
    const ops = hasRole(session(), 'ops');
    const name = `scope-${item.name}-${item.scope}`;
    const choice = (value, text) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name, value, checked: value === 'tenant' }), ` ${text}`);
    return h('details', { class: 'new-version' }, h('summary', null, 'New version'),
      editor,
      ops && item.scope === 'global' ? h('div', { class: 'row' }, choice('tenant', 'For my tenant'), choice('global', 'Global (all tenants)')) : null,
      h('div', { class: 'row' }, h('button', {
        type: 'button', class: 'primary small',
        onclick: (event) => {
          const picked = event.target.closest('details').querySelector(`input[name="${name}"]:checked`);
          const target = picked ? picked.value : (item.scope === 'global' ? 'tenant' : item.scope);
          act('POST', `${base}/versions?scope=${target}`, { body: editor.value }, 'Saved a new version (not promoted yet).');
        },
      }, 'Save version')));
  }

  async function load() {
    try {
      const data = await get('/api/v1/prompts');
      const templates = data?.templates || [];
      const canary = data?.canaryPercent || {};
      replace(container,
        h('p', null, `Canary share: global ${canary.global ?? 0}%, tenant ${canary.tenant ?? '–'}${canary.tenant === null || canary.tenant === undefined ? '' : '%'}`),
        templates.length ? templates.map(template) : h('p', { class: 'muted' }, 'No templates.'));
    } catch (error) {
      replace(container, h('p', { class: 'error' }, error.message));
    }
  }

  load();
}
