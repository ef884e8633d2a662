// A registered template's download to secondary storage, as the template store reference
// (TemplateDataStoreVO) tracks it: the template is Ready once its download time has passed
// (the simulator's templateDownloadMs), and never when its URL's host cannot resolve (a host
// under .invalid, RFC 2606). The status texts are TemplateJoinDaoImpl.getTemplateStatus's.
import type { TemplateDownload, TemplateRecord } from "./records";

/** How long a registered template's download takes unless the simulator is told otherwise. */
export const DEFAULT_TEMPLATE_DOWNLOAD_MS = 300;

/** The URL's host, or "" when it does not parse. */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

/** A download starting now; a host under .invalid (RFC 2606) never resolves, so that download fails. */
export function startDownload(url: string, durationMs: number): TemplateDownload {
  const startedAt = Date.now();
  const host = hostOf(url);
  const error = host === "" || host.endsWith(".invalid") ? `Unable to download template: the host of ${url} cannot be resolved` : undefined;
  return { startedAt, completesAt: startedAt + durationMs, ...(error === undefined ? {} : { error }) };
}

/**
 * Whether the template can be deployed from. A download whose time has passed completes here,
 * when someone looks: the state file then keeps the template Ready.
 */
export function templateReady(t: TemplateRecord, at = Date.now()): boolean {
  if (!t.isReady && t.download && t.download.error === undefined && at >= t.download.completesAt) t.isReady = true;
  return t.isReady;
}

/** How much of the image is on secondary storage: 100 once Ready, 0 after a failure. */
export function templateDownloadPercent(t: TemplateRecord, at = Date.now()): number {
  if (templateReady(t, at) || !t.download) return 100;
  if (t.download.error !== undefined) return 0;
  const span = Math.max(1, t.download.completesAt - t.download.startedAt);
  // A clock set back since the download began (a restored state file) shows 0, never less.
  return Math.max(0, Math.min(99, Math.floor(((at - t.download.startedAt) / span) * 100)));
}

/** TemplateJoinDaoImpl.getTemplateStatus, as the owner and admins see it. */
export function templateStatus(t: TemplateRecord, at = Date.now()): string {
  if (templateReady(t, at) || !t.download) return "Download Complete";
  return t.download.error ?? `${templateDownloadPercent(t, at)}% Downloaded`;
}

/** The store reference's download state (VMTemplateStorageResourceAssoc.Status). */
export function templateDownloadState(t: TemplateRecord, at = Date.now()): "DOWNLOADED" | "DOWNLOAD_IN_PROGRESS" | "DOWNLOAD_ERROR" {
  if (templateReady(t, at) || !t.download) return "DOWNLOADED";
  return t.download.error === undefined ? "DOWNLOAD_IN_PROGRESS" : "DOWNLOAD_ERROR";
}
