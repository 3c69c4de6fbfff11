import { defineExtensionMessaging } from '@webext-core/messaging';
import type { DashboardSnapshot } from '@/lib/snapshot/schema';
import type { PageStep, StepOutcome, StepPreview } from '@/lib/actions/steps/schema';

export type ReadFailure = {
  ok: false;
  /** no-access: Loupe needs the site permission; restricted: a browser page no extension may read;
   *  gone: the tab closed or navigated; error: anything else, with a message a person understands. */
  reason: 'no-access' | 'restricted' | 'gone' | 'error';
  message: string;
  origin?: string;
};
export type ReadOutcome = { ok: true; snapshot: DashboardSnapshot } | ReadFailure;
/** What readTab sends back: the snapshot as one JSON string. Chrome's messaging converts an object
 *  value by value, which for a 100,000-point board costs seconds; one string crosses in milliseconds.
 *  lib/snapshot/wire.ts encodes and decodes it. */
export type ReadReply = { ok: true; snapshotJson: string } | ReadFailure;

/** One chart's screenshot: the whole visible tab plus where the chart sat in it, cropped by the panel. */
export type ChartShot =
  | {
      chartId: string; ok: true; dataUrl: string;
      /** The chart's box in CSS pixels of the viewport when the tab was captured. */
      rect: { left: number; top: number; width: number; height: number };
      /** Device pixels per CSS pixel of the capture. */
      dpr: number;
      /** The viewport's CSS width when captured: the image's width over it is the capture's scale. */
      viewportWidth: number;
      /** Cited points located on the chart, in percent of its box. */
      located: Array<{ x: string | number; series?: string; xPct: number; yPct: number }>;
    }
  | { chartId: string; ok: false; message: string };
export type CaptureOutcome = { ok: boolean; message?: string; shots: ChartShot[] };

export interface ProtocolMap {
  /** Read the dashboard in a tab: inject the readers (MAIN then ISOLATED) and assemble a snapshot. */
  readTab(data: { tabId: number }): ReadReply;
  /** Scroll the page to a chart and outline it; `points` (x values, optionally of one `series`) are
   *  ringed where the chart draws them. `marked`: how many rings were drawn. */
  highlightChart(data: { tabId: number; chartId: string; points?: Array<string | number>; series?: string }): { ok: boolean; message?: string; marked?: number };
  /** Remove Loupe's outline and marks from the page. */
  clearHighlight(data: { tabId: number }): { ok: boolean };
  /** Outline the control one page step acts on and say what it will change (before → after). Changes
   *  nothing. `url` in the answer is what applyStep's expectedUrl must be. */
  previewStep(data: { tabId: number; step: PageStep }): StepPreview;
  /** Apply ONE page step, sent only by that step's own button. Refuses, changing nothing, when the tab
   *  is no longer on expectedUrl or the control is gone; then reads the page again (verified). */
  applyStep(data: { tabId: number; step: PageStep; expectedUrl: string }): StepOutcome;
  /** Put the step's control back to the state recorded before it (`before` from applyStep). */
  revertStep(data: { tabId: number; step: PageStep; before: string; expectedUrl?: string }): StepOutcome;
  /** Screenshot each chart for the reviewer export: scroll it into view, capture the visible tab (the
   *  tab must be the one in front), report its box; `points` (x values by chart) are located to mark. */
  captureCharts(data: {
    tabId: number; chartIds: string[];
    points?: Record<string, Array<{ x: string | number; series?: string }>>;
  }): CaptureOutcome;
}

export const messaging = defineExtensionMessaging<ProtocolMap>();
