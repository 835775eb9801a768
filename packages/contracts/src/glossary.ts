/**
 * The words of the domain, used the same way in code, API and docs.
 *
 * - company: the tenant. Everything belongs to exactly one company; PostgreSQL row-level
 *   security keeps companies apart.
 * - user: a person with a login. One user may belong to several companies (membership), each
 *   with a company role (owner, admin, member, billing).
 * - project: a group of agents, transfers and schedules inside a company. Users who are not
 *   company owners/admins see only projects they are members of, with a project role
 *   (admin, operator, viewer).
 * - role / permission: a role is a named set of permissions ("projects:write"). Built-in roles
 *   exist for every company; custom roles are a plan feature.
 * - API key: a secret (`tcpa_…`) acting for the user who made it, narrowed to scopes (which are
 *   permissions) and optionally to some projects.
 * - plan: Free, Starter, Professional or Enterprise; its limits are rows in the plans table.
 * - agent: the program on a customer machine that moves files; it enrols with a token.
 * - enrolment: an agent exchanging an enrolment token for its identity and credentials.
 * - transfer: moving files from a source agent to a destination agent (or cloud store).
 * - chunk: a slice of a file sent with its offset and hash; streams pull chunks from a queue.
 * - stream: one of the parallel TCP connections a transfer uses.
 * - path: a file or directory name relative to an agent's configured roots, never absolute.
 * - audit log: the append-only record of every change: who, what, when, from where.
 */
export {};
