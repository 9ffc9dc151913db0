import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  PII_CLASSIFICATIONS,
  SCHEMA_FIELD_ENTITY_KINDS,
  SchemaFieldDocumentsResponse,
} from '@dataplatform/backstage-plugin-data-platform-common';
import {
  DatabaseSchemaFieldStore,
  SchemaFieldCursor,
} from '../services/SchemaFieldIndex/DatabaseSchemaFieldStore';
import { SchemaFieldSearch } from '../services/SchemaFieldIndex/SchemaFieldSearch';
import { ownerRef } from '../services/SchemaFieldIndex/ownerRef';
import { pageOffset, parseInput, textParam } from './parseInput';

/** The query of GET /fields, shared with the find-fields action. */
export const fieldSearchQuery = z.object({
  query: textParam(200),
  kind: z.enum(SCHEMA_FIELD_ENTITY_KINDS).optional(),
  owner: textParam(255)
    .transform((owner, ctx) => {
      const ref = ownerRef(owner);
      if (!ref) ctx.addIssue({ code: 'custom', message: 'not an entity ref' });
      return ref ?? owner;
    })
    .optional(),
  pii: z.enum([...PII_CLASSIFICATIONS, 'personal']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: pageOffset,
});

const documentsQuery = z.object({
  after: textParam(1024).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

/**
 * GET /fields: schema fields found by name or path, ranked, only of entities
 * the caller may read. GET /fields/documents: every field, a page at a time,
 * for the search collator (service callers only).
 */
export function schemaFieldRoutes(options: {
  httpAuth: HttpAuthService;
  store: DatabaseSchemaFieldStore;
  search: SchemaFieldSearch;
}): express.Router {
  const { httpAuth, store, search } = options;
  const router = Router();

  router.get('/fields', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(fieldSearchQuery, req.query, 'query');
    res.json(await search.find(credentials, query));
  });

  router.get('/fields/documents', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const { after, limit } = parseInput(documentsQuery, req.query, 'query');
    const page = await store.documents(
      limit,
      after ? parseCursor(after) : undefined,
    );
    const body: SchemaFieldDocumentsResponse = {
      items: page.items,
      ...(page.next ? { nextCursor: formatCursor(page.next) } : {}),
    };
    res.json(body);
  });

  return router;
}

function formatCursor(cursor: SchemaFieldCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

const cursorShape = z.object({
  entityRef: textParam(255),
  position: z.number().int().min(0),
});

function parseCursor(text: string): SchemaFieldCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InputError('after: not a cursor from a previous page');
  }
  const parsed = cursorShape.safeParse(value);
  if (!parsed.success) {
    throw new InputError('after: not a cursor from a previous page');
  }
  return parsed.data;
}
