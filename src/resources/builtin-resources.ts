import type { ResourceSpec } from './resource-spec.js'

/**
 * The resources served with zero config: a small project tracker whose records reference each
 * other (a task has a project and an assignee, a comment has a task and an author). Order matters:
 * a resource comes after the ones it references, so seed data can point at existing ids.
 *
 * @example
 * ```ts
 * // Keep the built-ins and add one resource of your own:
 * const api = createMockApi({
 *   config: { builtins: true, resources: [{ name: 'labels', fields: { name: { type: 'string' } } }] },
 * })
 * BUILTIN_RESOURCES.map((r) => r.name) // ['users', 'projects', 'tasks', 'comments']
 * ```
 */
export const BUILTIN_RESOURCES: readonly ResourceSpec[] = [
  {
    name: 'users',
    fields: {
      name: { type: 'string', required: true, min: 1, max: 100, faker: 'person.fullName' },
      email: { type: 'string', format: 'email', required: true, max: 254 },
      role: { type: 'string', enum: ['admin', 'member', 'viewer'], required: true },
      active: { type: 'boolean' },
      avatarUrl: { type: 'string', format: 'url', nullable: true, faker: 'image.avatarGitHub' },
      externalId: { type: 'string', format: 'uuid', nullable: true },
    },
  },
  {
    name: 'projects',
    fields: {
      name: { type: 'string', required: true, min: 1, max: 120, faker: 'commerce.productName' },
      description: { type: 'string', nullable: true, max: 2000, faker: 'company.catchPhrase' },
      status: { type: 'string', enum: ['planned', 'active', 'archived'], required: true },
      ownerId: { type: 'integer', ref: 'users', required: true },
      budget: { type: 'number', min: 0, max: 1_000_000, nullable: true },
      homepage: { type: 'string', format: 'url', nullable: true, faker: 'internet.url' },
      startsOn: { type: 'string', format: 'date', nullable: true },
    },
  },
  {
    name: 'tasks',
    fields: {
      title: { type: 'string', required: true, min: 1, max: 200, faker: 'hacker.phrase' },
      status: { type: 'string', enum: ['todo', 'in_progress', 'done'], required: true },
      priority: { type: 'integer', min: 1, max: 5 },
      projectId: { type: 'integer', ref: 'projects', required: true },
      assigneeId: { type: 'integer', ref: 'users', nullable: true },
      dueAt: { type: 'string', format: 'date-time', nullable: true },
      estimateHours: { type: 'number', min: 0, max: 1000, nullable: true },
      tags: { type: 'array', max: 10 },
    },
  },
  {
    name: 'comments',
    fields: {
      body: { type: 'string', required: true, min: 1, max: 5000, faker: 'lorem.sentence' },
      taskId: { type: 'integer', ref: 'tasks', required: true },
      authorId: { type: 'integer', ref: 'users', required: true },
    },
  },
]
