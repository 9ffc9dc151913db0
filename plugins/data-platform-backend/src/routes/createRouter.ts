import express from 'express';
import Router from 'express-promise-router';

/** Combines the plugin's route groups under one router. */
export function createRouter(routes: express.Router[]): express.Router {
  const router = Router();
  router.use(express.json({ limit: '10mb' }));
  for (const group of routes) router.use(group);
  return router;
}
