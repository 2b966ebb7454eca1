import { responseChecker } from './response-checker';

const document = {
  paths: {
    '/api/things/{id}': {
      get: {
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Ref: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'], additionalProperties: false },
      Thing: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          status: { type: 'string', enum: ['open', 'closed'], nullable: true },
          owner: { nullable: true, allOf: [{ $ref: '#/components/schemas/Ref' }] },
        },
        required: ['id', 'status', 'owner'],
        additionalProperties: false,
      },
    },
  },
};

describe('checking an answer against its OpenAPI schema', () => {
  const check = responseChecker(document);
  const id = '7f1b5a52-0000-4000-8000-000000000000';

  it('passes an answer the schema describes, nulls where it allows them', () => {
    expect(check('GET', '/api/things/{id}', 200, { id, status: null, owner: null })).toEqual([]);
    expect(check('GET', '/api/things/{id}', 200, { id, status: 'open', owner: { id: 'u1' } })).toEqual([]);
  });

  it('names a missing field, a field the schema does not list, a wrong value and a wrong format', () => {
    const problems = check('GET', '/api/things/{id}', 200, { id: 'x', status: 'lost', extra: 1 });
    expect(problems.join('\n')).toMatch(/must have required property 'owner'/);
    expect(problems.join('\n')).toMatch(/must NOT have additional properties/);
    expect(problems.join('\n')).toMatch(/\/status must be equal to one of the allowed values/);
    expect(problems.join('\n')).toMatch(/\/id must match format "uuid"/);
  });

  it('says so when the document gives no schema for the answer', () => {
    expect(check('GET', '/api/things/{id}', 201, {})).toEqual([
      'GET /api/things/{id} 201: the document gives no JSON schema for this answer',
    ]);
  });
});
