import express from "express";
import { configureViews } from "../web/view-engine.ts";

// Scheduled runs render views outside any request: an Express app, never listening, holds the view
// engine with the app's helpers and its template cache; one per time zone (a process has one).
const renderers = new Map<string, express.Express>();

/** Renders a view of views/pages (in a layout of views/layouts) to a string, as a response would. */
export function renderView(view: string, data: Record<string, unknown>, timeZone: string): Promise<string> {
  let app = renderers.get(timeZone);
  if (!app) {
    app = express();
    configureViews(app, timeZone);
    renderers.set(timeZone, app);
  }
  const renderer = app;
  return new Promise((resolve, reject) => {
    renderer.render(view, data, (error, html) => (error ? reject(error) : resolve(html)));
  });
}
