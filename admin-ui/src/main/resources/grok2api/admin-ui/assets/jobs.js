// Server-side background jobs (bulk refreshes, asset purges): a panel with a progress bar, counts, a cancel button
// and the result summary, fed by polling GET /api/v1/admin/jobs/{id}. The job keeps running if the tab closes;
// reopening the page picks running jobs up again (resume()).
import { t, formatNumber } from './i18n.js';
import { api } from './api.js';
import { el, progressBar, maskSecret, toast } from './ui.js';

const POLL_MS = 700;
const FINISHED = ['completed', 'cancelled', 'failed'];

/** Whether a job view has stopped for good. */
export function finished(job) { return FINISHED.includes(job.status); }

/**
 * A panel inside container that follows one job at a time. watch(job, title) resolves with the finished job.
 * labelItem(item) renders a failed item's name (default: a masked token).
 */
export function jobPanel(container, { labelItem = maskSecret } = {}) {
  let current = null;

  function render(job, title) {
    const bar = progressBar(title);
    bar.set(job.progress);
    const done = finished(job);
    const counts = t('jobs.counts', {
      completed: formatNumber(job.completed), total: formatNumber(job.total),
      succeeded: formatNumber(job.succeeded), failed: formatNumber(job.failed),
    });
    const cancel = el('button', { className: 'btn small danger', type: 'button', id: 'job-cancel',
      disabled: job.status !== 'running',
      onclick: async () => {
        cancel.disabled = true;
        try { await api(`/api/v1/admin/jobs/${encodeURIComponent(job.job_id)}/cancel`, { method: 'POST' }); }
        catch (e) { toast(e.message, 'error'); }
      } }, t('jobs.cancel'));
    const dismiss = el('button', { className: 'btn small', type: 'button', id: 'job-dismiss',
      onclick: () => { container.hidden = true; container.replaceChildren(); } }, t('jobs.dismiss'));
    const failures = (job.failures || []).length ? el('details', { className: 'job-failures' },
      el('summary', {}, t('jobs.failures', { count: formatNumber(job.failed) })),
      el('ul', {}, job.failures.map(f => el('li', {}, el('span', { className: 'mono' }, labelItem(f.item)), ' — ', f.error || '')))) : null;
    container.hidden = false;
    container.dataset.status = job.status;
    container.replaceChildren(...[
      el('div', { className: 'job-head' },
        el('strong', {}, title),
        el('span', { className: `badge ${done ? (job.status === 'completed' ? 'ok' : 'warn') : 'info'}`, id: 'job-status' },
          t(`jobs.status.${job.status}`)),
        el('span', { className: 'job-percent' }, `${Math.round(job.progress)}%`),
        el('span', { className: 'spacer' }),
        done ? dismiss : cancel),
      bar,
      el('div', { className: 'muted job-counts', id: 'job-counts' }, counts),
      done && job.last_error ? el('div', { className: 'muted' }, t('jobs.lastError', { error: job.last_error })) : null,
      failures,
    ].filter(Boolean));
  }

  async function watch(job, title) {
    const id = job.job_id;
    current = id;
    render(job, title);
    let view = job;
    while (!finished(view) && current === id) {
      await new Promise(resolve => setTimeout(resolve, POLL_MS));
      try {
        view = await api(`/api/v1/admin/jobs/${encodeURIComponent(id)}`);
      } catch (e) {
        if (e.status === 404) { toast(t('jobs.gone'), 'warning'); break; }
        continue; // a blip: keep polling
      }
      if (current === id) render(view, title);
    }
    return view;
  }

  /**
   * Shows the progress of a request that runs a job and answers when it ends: while the request is pending, the
   * running job of this kind is looked up and followed. Resolves with the request's answer.
   */
  async function alongside(request, kind, title) {
    let settled = false;
    const answer = request.finally(() => { settled = true; });
    (async () => {
      while (!settled) {
        await new Promise(resolve => setTimeout(resolve, POLL_MS / 2));
        if (settled) return;
        const { jobs } = await api('/api/v1/admin/jobs', { query: { kind } }).catch(() => ({ jobs: [] }));
        const running = (jobs || []).find(j => !finished(j));
        if (running) { await watch(running, title); return; }
      }
    })();
    return answer;
  }

  /** Follows the newest running job of one of these kinds, if any (after a reload). */
  async function resume(kinds, titleOf) {
    const { jobs } = await api('/api/v1/admin/jobs');
    const running = (jobs || []).find(j => kinds.includes(j.kind) && !finished(j));
    return running ? watch(running, titleOf(running.kind)) : null;
  }

  return { watch, resume, alongside };
}
