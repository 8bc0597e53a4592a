import express from "express";
import { configureViews } from "../web/view-engine.ts";

// Scheduled runs render views outside any request: one Express app, never listening, holds the
// view engine with the app's helpers and its template cache.
let renderer: express.Express | undefined;

/** Renders a view of views/pages (in a layout of views/layouts) to a string, as a response would. */
export function renderView(view: string, data: Record<string, unknown>): Promise<string> {
  if (!renderer) {
    renderer = express();
    configureViews(renderer);
  }
  const app = renderer;
  return new Promise((resolve, reject) => {
    app.render(view, data, (error, html) => (error ? reject(error) : resolve(html)));
  });
}
